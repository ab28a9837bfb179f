import { db } from "@/server/db";
import type { RiskHit, RiskRuleView } from "@/server/domain/risk";
import { evaluateRisk } from "@/server/domain/risk-engine";
import type { RiskAction, RiskCheckpoint, RiskListKind, RiskRuleInput } from "@/server/domain/risk-rule-schema";
import { normalisePhone } from "@/server/domain/phone";
import { sql } from "@/server/sql";
import { toRuleRow } from "./rules";
import { type ReplayOrder, replayLookups, replayFacts } from "./replay";

/** At most this many orders are replayed (the newest of the period). */
export const MAX_REPLAYED_ORDERS = 20_000;
export const MAX_WHAT_IF_DAYS = 30;
const EXAMPLES = 10;

type Counts = Record<RiskAction, number>;
export type WhatIfExample = { orderNo: string; at: Date; amount: bigint; currency: string; before: RiskAction; after: RiskAction; hit: RiskHit | null };
export type WhatIfResult = { days: number; orders: number; truncated: boolean; checkpoint: RiskCheckpoint; before: Counts; after: Counts; draftHits: number; changed: number; examples: WhatIfExample[] };

type OrderRow = { orderNo: string; placedAt: Date; payableAmount: bigint; currency: string; buyerId: string; buyerPhone: string | null; shippingAddress: unknown };

/**
 * "What if" (docs/adr/0018): the merchant's orders of the last `days` days (the newest 20 000 at most) replayed, oldest
 * first, through the live rules (before) and the live rules plus the draft (after) with the same engine as the live
 * check (evaluateRisk); windows are counted over the replayed orders themselves, blacklists as they are now, the
 * amount statistics as the live check sees them. `ruleId`: the draft is an edit of that rule, which it replaces.
 */
export async function simulateRiskRule(merchantId: string, input: { days: number; rule: RiskRuleInput; ruleId?: string }, now = new Date()): Promise<WhatIfResult> {
  const days = Math.min(MAX_WHAT_IF_DAYS, Math.max(1, input.days));
  const live = (await db.riskRule.findMany({ where: { status: "ACTIVE", OR: [{ merchantId }, { merchantId: null }] } }))
    .flatMap((r) => toRuleRow(r) ?? [])
    .filter((r) => r.id !== input.ruleId);
  const draft: RiskRuleView = { id: input.ruleId ?? "draft", merchantId, name: input.rule.name, checkpoints: input.rule.checkpoints, condition: input.rule.condition, action: input.rule.action, priority: input.rule.priority };
  // orders are what the order center decided on; a draft for other checkpoints is replayed on the same orders there
  const checkpoint: RiskCheckpoint = draft.checkpoints.includes("ORDER") ? "ORDER" : draft.checkpoints[0]!;

  const since = new Date(now.getTime() - days * 86_400_000);
  const { rows } = await sql<OrderRow>(
    `SELECT "orderNo", "placedAt", "payableAmount", currency, "buyerId", "buyerPhone", "shippingAddress"
       FROM "Order" WHERE "merchantId" = $1 AND "placedAt" > $2::timestamp AND "placedAt" <= $3::timestamp
      ORDER BY "placedAt" DESC, "orderNo" DESC LIMIT $4`,
    [merchantId, since, now, MAX_REPLAYED_ORDERS + 1],
  );
  const truncated = rows.length > MAX_REPLAYED_ORDERS;
  const picked = rows.slice(0, MAX_REPLAYED_ORDERS).reverse();
  const lines = await orderLines(picked.map((r) => r.orderNo));
  const orders: ReplayOrder[] = picked.map((r) => ({
    orderNo: r.orderNo,
    at: r.placedAt,
    amount: BigInt(r.payableAmount),
    currency: r.currency.trim(),
    buyerId: r.buyerId,
    phone: r.buyerPhone ?? phoneOf(r.shippingAddress),
    address: r.shippingAddress && typeof r.shippingAddress === "object" ? (r.shippingAddress as Record<string, string>) : undefined,
    lines: lines.get(r.orderNo) ?? [],
  }));

  const lists = await db.riskListEntry.findMany({ where: { OR: [{ merchantId }, { merchantId: null }], AND: [{ OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] }] }, select: { kind: true, value: true } });
  const stats = await amountStats(merchantId, now);
  const lookupsOf = replayLookups(lists as { kind: RiskListKind; value: string }[], stats);

  const result: WhatIfResult = { days, orders: orders.length, truncated, checkpoint, before: zero(), after: zero(), draftHits: 0, changed: 0, examples: [] };
  const withDraft = [...live, draft];
  for (const order of orders) {
    const { facts, lookups } = lookupsOf(replayFacts(order, merchantId, checkpoint));
    const before = await evaluateRisk(live, facts, lookups);
    const after = await evaluateRisk(withDraft, facts, lookups);
    result.before[before.action]++;
    result.after[after.action]++;
    const hit = after.hits.find((h) => h.ruleId === draft.id) ?? null;
    if (hit) result.draftHits++;
    if (before.action !== after.action) result.changed++;
    if (hit && result.examples.length < EXAMPLES) {
      result.examples.push({ orderNo: order.orderNo, at: order.at, amount: order.amount, currency: order.currency, before: before.action, after: after.action, hit });
    }
  }
  return result;
}

const zero = (): Counts => ({ ALLOW: 0, REVIEW: 0, BLOCK: 0 });

async function orderLines(orderNos: string[]) {
  const byOrder = new Map<string, ReplayOrder["lines"]>();
  if (orderNos.length === 0) return byOrder;
  const { rows } = await sql<{ orderNo: string; sku: string; quantity: number; unitPrice: bigint }>(
    `SELECT "orderNo", sku, quantity, "unitPrice" FROM "OrderLine" WHERE "orderNo" = ANY($1::text[])`,
    [orderNos],
  );
  for (const r of rows) {
    const list = byOrder.get(r.orderNo) ?? [];
    list.push({ sku: r.sku, quantity: r.quantity, unitPrice: BigInt(r.unitPrice) });
    byOrder.set(r.orderNo, list);
  }
  return byOrder;
}

/** As the live check: the p99 of the merchant's paid pay orders over 30 days, and how many they are. */
async function amountStats(merchantId: string, now: Date): Promise<{ p99: bigint; samples: number }> {
  const { rows } = await sql<{ p99: bigint | null; samples: number }>(
    `SELECT percentile_disc(0.99) WITHIN GROUP (ORDER BY amount) AS p99, count(*)::int AS samples
       FROM "PayOrder" WHERE "merchantId" = $1 AND "paidAt" >= $2::timestamp AND status IN ('PAID', 'PARTIALLY_REFUNDED', 'REFUNDED')`,
    [merchantId, new Date(now.getTime() - 30 * 86_400_000)],
  );
  return { p99: rows[0]?.p99 == null ? 0n : BigInt(rows[0].p99), samples: rows[0]?.samples ?? 0 };
}


/** As the live check: the buyer's phone, else the receiver's. */
function phoneOf(address: unknown): string | undefined {
  const phone = address && typeof address === "object" ? (address as { phone?: unknown }).phone : undefined;
  return typeof phone === "string" ? (normalisePhone(phone) ?? undefined) : undefined;
}
