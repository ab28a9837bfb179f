import { readDb } from "@/server/read-db";
import { type Capability, can, type MemberRole } from "@/server/domain/permissions";

/** How far back a failed webhook delivery still marks its endpoint as failing. */
const WEBHOOK_WINDOW_MS = 7 * 86_400_000;

/**
 * What needs a person, each with the page where it is handled (relative to /console/[mchNo]) and the
 * capability that page needs: a role sees only the items it could act on. Order is the order shown.
 */
const ITEMS = {
  refundReviews: { capability: "refunds.review", href: "/refunds?status=PENDING_REVIEW" },
  failingWebhooks: { capability: "webhooks.manage", href: "/webhooks?status=FAILED" },
  trippedBreakers: { capability: "routing.manage", href: "/routing" },
  reconDifferences: { capability: "recon.read", href: "/reconciliation/differences?status=OPEN" },
  complaints: { capability: "complaints.read", href: "/complaints?status=OPEN" },
  riskReviews: { capability: "risk.review", href: "/risk/reviews" },
  incidents: { capability: "alerts.read", href: "/monitoring/incidents" },
} as const satisfies Record<string, { capability: Capability; href: string }>;

export type AttentionKey = keyof typeof ITEMS;
export type AttentionItem = { key: AttentionKey; count: number; href: string };

/** One count per item, each an indexed query scoped by the merchant. */
const COUNTERS: Record<AttentionKey, (merchantId: string, now: Date) => Promise<number>> = {
  refundReviews: (merchantId) => readDb.refund.count({ where: { merchantId, status: "PENDING_REVIEW" } }),
  // endpoints (URLs) with a delivery that gave up, or is still being retried after a failure, lately
  failingWebhooks: async (merchantId, now) => {
    const rows = await readDb.$queryRaw<{ count: bigint }[]>`
      SELECT count(DISTINCT d."url")::bigint AS count
      FROM "WebhookDelivery" d
      WHERE d."appId" IN (SELECT id FROM "App" WHERE "merchantId" = ${merchantId}) AND d."merchantId" = ${merchantId}
        AND d."createdAt" >= ${new Date(now.getTime() - WEBHOOK_WINDOW_MS)}
        AND (d."status" = 'FAILED' OR (d."status" = 'PENDING' AND d."attemptCount" > 0))`;
    return Number(rows[0]?.count ?? 0n);
  },
  // channel accounts with at least one mode whose breaker is open (routing skips them)
  trippedBreakers: async (merchantId) =>
    (await readDb.channelBreaker.findMany({ where: { state: "OPEN", channelAccount: { merchantId } }, distinct: ["channelAccountId"], select: { channelAccountId: true } })).length,
  reconDifferences: (merchantId) => readDb.reconDifference.count({ where: { merchantId, status: "OPEN" } }),
  complaints: (merchantId) => readDb.complaint.count({ where: { merchantId, status: "OPEN" } }),
  riskReviews: (merchantId) => readDb.riskReview.count({ where: { merchantId, status: "PENDING" } }),
  incidents: (merchantId) => readDb.alertIncident.count({ where: { merchantId, status: { in: ["FIRING", "ACKNOWLEDGED"] } } }),
};

/** The items the role may act on, with their counts (zero included: the page says "all clear" when every one is zero). */
export async function needsAttention(merchantId: string, role: MemberRole, now: Date): Promise<AttentionItem[]> {
  const keys = (Object.keys(ITEMS) as AttentionKey[]).filter((key) => can(role, ITEMS[key].capability));
  const counts = await Promise.all(keys.map((key) => COUNTERS[key](merchantId, now)));
  return keys.map((key, i) => ({ key, count: counts[i]!, href: ITEMS[key].href }));
}
