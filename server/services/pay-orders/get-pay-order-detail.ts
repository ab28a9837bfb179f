import { db } from "@/server/db";
import { hasIdShape } from "@/server/domain/id-shapes";
import { can, type MemberRole } from "@/server/domain/permissions";
import { AppError } from "@/server/errors";

const LIMIT = 100;

/**
 * Everything the console shows on an order's page, scoped to the merchant: the order, its attempts (with
 * the routing decision), refunds (with who requested and reviewed them), the raw channel callbacks, the
 * journal entries with their postings, and the events with their webhook deliveries and attempts.
 * Each role gets what it may see: the journal is finance's, raw callbacks and deliveries the developers'.
 */
export async function getOrderDetail(merchantId: string, payOrderNo: string, role: MemberRole) {
  const may = {
    refund: can(role, "refunds.request"),
    review: can(role, "refunds.review"),
    ledger: can(role, "ledger.read"),
    webhooks: can(role, "webhooks.manage"),
    profitSharing: can(role, "profitSharing.read"),
    split: can(role, "profitSharing.manage"),
  };
  if (!hasIdShape("payOrderNo", payOrderNo)) throw new AppError("ORDER_NOT_FOUND", "no such order");
  const order = await db.payOrder.findUnique({
    where: { payOrderNo },
    include: {
      app: { select: { id: true, name: true, mode: true, refundReviewThreshold: true } },
      payments: { orderBy: { seq: "asc" }, include: { channelAccount: { select: { id: true, name: true } } } },
      refunds: { orderBy: { createdAt: "desc" } },
    },
  });
  if (!order || order.merchantId !== merchantId) throw new AppError("ORDER_NOT_FOUND", "no such order");

  const attemptNos = order.payments.map((p) => p.attemptNo);
  const refundNos = order.refunds.map((r) => r.refundNo);
  const [callbacks, entries, events, people] = await Promise.all([
    !may.webhooks ? null : db.channelNotification.findMany({
      where: { merchantId, OR: [{ attemptNo: { in: attemptNos } }, { refundNo: { in: refundNos } }] },
      orderBy: { receivedAt: "desc" },
      take: LIMIT,
    }),
    !may.ledger ? null : db.journalEntry.findMany({
      where: { merchantId, payOrderNo },
      orderBy: { id: "asc" },
      take: LIMIT,
      include: { postings: { orderBy: { id: "asc" }, include: { account: { select: { type: true, channelAccountId: true } } } } },
    }),
    db.event.findMany({
      where: { merchantId, payOrderNo },
      orderBy: { seq: "desc" },
      take: LIMIT,
      select: {
        id: true,
        type: true,
        refundNo: true,
        createdAt: true,
        deliveries: {
          orderBy: { createdAt: "desc" },
          include: { attempts: { orderBy: { id: "desc" }, take: 20 } },
        },
      },
    }),
    userEmails([...order.refunds.flatMap((r) => [r.requestedById, r.reviewedById])]),
  ]);

  const { paramsHash: _hash, ...orderFields } = order;
  return {
    order: {
      ...orderFields,
      refundableAmount: order.paidAmount - order.refundedAmount - order.refundingAmount,
      payments: order.payments.map(({ paramsHash: _p, payer: _payer, ...p }) => p),
      refunds: order.refunds.map(({ paramsHash: _p, ...r }) => ({
        ...r,
        requestedBy: r.requestedById ? (people.get(r.requestedById) ?? null) : null,
        reviewedBy: r.reviewedById ? (people.get(r.reviewedById) ?? null) : null,
      })),
    },
    may,
    callbacks,
    entries,
    events: events.map((event) => ({ ...event, deliveries: may.webhooks ? event.deliveries : null })),
  };
}

async function userEmails(ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  if (wanted.length === 0) return new Map();
  const users = await db.user.findMany({ where: { id: { in: wanted } }, select: { id: true, email: true } });
  return new Map(users.map((u) => [u.id, u.email]));
}
