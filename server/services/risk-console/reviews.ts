import { db } from "@/server/db";
import type { RiskHit } from "@/server/domain/risk";
import { maskPhone } from "@/server/domain/phone";
import { type AuditActor, recordAudit } from "@/server/services/audit/record-audit";
import { reviewOrder } from "@/server/services/risk/review-order";
import { parseHits } from "./decisions";

export type RiskReviewRow = {
  orderNo: string;
  mchNo: string | null;
  status: "PENDING" | "APPROVED" | "REJECTED";
  sourceOrderNo: string | null;
  amount: bigint;
  currency: string;
  buyerId: string | null;
  buyerPhone: string | null;
  hits: RiskHit[];
  note: string | null;
  reviewedAt: Date | null;
  createdAt: Date;
};

/**
 * The review queue (风控审核): orders held by a REVIEW rule, of one merchant (or all merchants for operators when
 * merchantId is undefined), pending ones oldest first (first come, first reviewed), decided ones newest first.
 */
export async function listRiskReviews(merchantId: string | undefined, options: { status: "PENDING" | "DECIDED"; limit?: number }): Promise<RiskReviewRow[]> {
  const pending = options.status === "PENDING";
  const reviews = await db.riskReview.findMany({
    where: { ...(merchantId !== undefined ? { merchantId } : {}), status: pending ? "PENDING" : { in: ["APPROVED", "REJECTED"] } },
    orderBy: pending ? { createdAt: "asc" } : { reviewedAt: "desc" },
    take: options.limit ?? 50,
  });
  return describeReviews(reviews);
}

type Review = { orderNo: string; merchantId: string; decisionId: string; status: RiskReviewRow["status"]; note: string | null; reviewedAt: Date | null; createdAt: Date };

async function describeReviews(reviews: Review[]): Promise<RiskReviewRow[]> {
  const orderNos = reviews.map((r) => r.orderNo);
  const [orders, decisions, merchants] = await Promise.all([
    db.order.findMany({ where: { orderNo: { in: orderNos } }, select: { orderNo: true, sourceOrderNo: true, payableAmount: true, currency: true, buyerId: true, buyerPhone: true } }),
    db.riskDecision.findMany({ where: { id: { in: reviews.map((r) => r.decisionId) } }, select: { id: true, hits: true } }),
    db.merchant.findMany({ where: { id: { in: [...new Set(reviews.map((r) => r.merchantId))] } }, select: { id: true, mchNo: true } }),
  ]);
  const order = new Map(orders.map((o) => [o.orderNo, o]));
  const hits = new Map(decisions.map((d) => [d.id, parseHits(d.hits)]));
  const mchNo = new Map(merchants.map((m) => [m.id, m.mchNo]));
  return reviews.map((r) => {
    const o = order.get(r.orderNo);
    return {
      orderNo: r.orderNo,
      mchNo: mchNo.get(r.merchantId) ?? null,
      status: r.status,
      sourceOrderNo: o?.sourceOrderNo ?? null,
      amount: o?.payableAmount ?? 0n,
      currency: o?.currency.trim() ?? "CNY",
      buyerId: o?.buyerId ?? null,
      buyerPhone: maskPhone(o?.buyerPhone),
      hits: hits.get(r.decisionId) ?? [],
      note: r.note,
      reviewedAt: r.reviewedAt,
      createdAt: r.createdAt,
    };
  });
}

/** One order's review, if it was held (the order detail page's banner). */
export async function findRiskReview(merchantId: string, orderNo: string): Promise<RiskReviewRow | null> {
  const review = await db.riskReview.findFirst({ where: { merchantId, orderNo } });
  return review ? ((await describeReviews([review]))[0] ?? null) : null;
}

/**
 * A reviewer's decision on a held order (part A's reviewOrder: approve opens its payment, reject cancels it), with
 * the audit entry in the decision's own transaction: both commit or neither.
 */
export async function decideRiskReview(merchantId: string, actor: AuditActor, input: { orderNo: string; decision: "APPROVE" | "REJECT"; note?: string }) {
  const result = await reviewOrder({
    merchantId,
    orderNo: input.orderNo,
    decision: input.decision,
    note: input.note || null,
    by: actor.id ?? "system",
    inDecision: (tx, status) =>
      recordAudit(tx, actor, { merchantId, action: input.decision === "APPROVE" ? "risk_review.approved" : "risk_review.rejected", targetType: "order", targetId: input.orderNo, after: { status, note: input.note || null } }),
  });
  return result;
}
