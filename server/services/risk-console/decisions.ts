import { db } from "@/server/db";
import type { RiskHit } from "@/server/domain/risk";
import type { RiskAction, RiskCheckpoint } from "@/server/domain/risk-rule-schema";

export type RiskDecisionRow = {
  id: string;
  mchNo: string | null;
  checkpoint: RiskCheckpoint;
  action: RiskAction;
  hits: RiskHit[];
  orderNo: string | null;
  payOrderNo: string | null;
  tradeNo: string | null;
  sourceNo: string | null;
  createdAt: Date;
};

/** Hits as stored (the live check writes RiskHit[]); anything not shaped like one is dropped, never shown raw. */
export function parseHits(json: unknown): RiskHit[] {
  if (!Array.isArray(json)) return [];
  return json.flatMap((h) => {
    if (!h || typeof h !== "object") return [];
    const hit = h as Record<string, unknown>;
    if (typeof hit.ruleId !== "string" || typeof hit.condition !== "string") return [];
    return [
      {
        ruleId: hit.ruleId,
        ruleName: typeof hit.ruleName === "string" ? hit.ruleName : "",
        scope: hit.scope === "platform" ? "platform" : "merchant",
        action: (["ALLOW", "REVIEW", "BLOCK"].includes(hit.action as string) ? hit.action : "REVIEW") as RiskAction,
        condition: hit.condition as RiskHit["condition"],
        observed: typeof hit.observed === "string" ? hit.observed : "",
        limit: typeof hit.limit === "string" ? hit.limit : "",
      },
    ];
  });
}

/**
 * Decisions newest first (the merchant's, or every merchant's for operators when merchantId is undefined),
 * optionally of one action, keyset-paged by id (uuid v7: time-ordered).
 */
export async function listRiskDecisions(merchantId: string | undefined, options: { action?: RiskAction; orderNo?: string; cursor?: string; limit?: number } = {}): Promise<{ rows: RiskDecisionRow[]; nextCursor: string | null }> {
  const limit = options.limit ?? 20;
  const rows = await db.riskDecision.findMany({
    where: {
      ...(merchantId !== undefined ? { merchantId } : {}),
      ...(options.action ? { action: options.action } : {}),
      ...(options.orderNo ? { orderNo: options.orderNo } : {}),
      ...(options.cursor ? { id: { lt: options.cursor } } : {}),
    },
    orderBy: { id: "desc" },
    take: limit + 1,
  });
  const page = rows.slice(0, limit);
  const merchants = merchantId === undefined ? await db.merchant.findMany({ where: { id: { in: [...new Set(page.map((r) => r.merchantId))] } }, select: { id: true, mchNo: true } }) : [];
  const mchNo = new Map(merchants.map((m) => [m.id, m.mchNo]));
  return {
    rows: page.map((r) => ({
      id: r.id,
      mchNo: mchNo.get(r.merchantId) ?? null,
      checkpoint: r.checkpoint,
      action: r.action,
      hits: parseHits(r.hits),
      orderNo: r.orderNo,
      payOrderNo: r.payOrderNo,
      tradeNo: r.tradeNo,
      sourceNo: r.sourceNo,
      createdAt: r.createdAt,
    })),
    nextCursor: rows.length > limit ? page[page.length - 1]!.id : null,
  };
}
