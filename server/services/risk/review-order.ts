import { db, type Tx } from "@/server/db";
import { AppError } from "@/server/errors";
import { recordEvent } from "@/server/services/events/record-event";
import { cancelLockedOrder } from "@/server/services/orders/cancel-order";
import { openOrderPayment } from "@/server/services/orders/order-payment";
import { lockOrderWithPayOrders, orderSnapshot } from "@/server/services/orders/order-records";

export type ReviewOrderOptions = {
  merchantId: string;
  orderNo: string;
  decision: "APPROVE" | "REJECT";
  note?: string | null;
  /** Who decided (a user id), kept on the review and in the order's timeline. */
  by: string;
  /** Runs in the decision's transaction once it is taken (the console's audit entry: both commit or neither). */
  inDecision?: (tx: Tx, status: "APPROVED" | "REJECTED") => Promise<unknown>;
};

export type ReviewOrderResult = { orderNo: string; status: "APPROVED" | "REJECTED"; reviewedAt: Date };

/**
 * The review queue's decision on an order held by a REVIEW rule (docs/adr/0018). In one transaction, under the order's
 * lock: compare-and-set RiskReview PENDING → APPROVED / REJECTED (a second decision: ALREADY_DECIDED).
 * Approve releases the order: its payment deadline starts now and the pay order its create would have opened is opened
 * (`order.risk_approved`). Reject cancels it with reason `risk_rejected` (`order.cancelled`).
 */
export async function reviewOrder({ merchantId, orderNo, decision, note, by, inDecision }: ReviewOrderOptions): Promise<ReviewOrderResult> {
  const held = await db.riskReview.findFirst({ where: { orderNo, merchantId }, select: { appId: true } });
  if (!held) throw new AppError("ORDER_NOT_FOUND", "no order held for review");
  const status = decision === "APPROVE" ? "APPROVED" : "REJECTED";
  const reviewedAt = new Date();
  return db.$transaction(async (tx) => {
    const order = await lockOrderWithPayOrders(tx, held.appId, orderNo);
    const decided = await tx.riskReview.updateMany({
      where: { orderNo, merchantId, status: "PENDING" },
      data: { status, reviewedById: by, reviewedAt, note: note ?? null },
    });
    if (decided.count !== 1) throw new AppError("ALREADY_DECIDED", "this order's review was already decided");
    await tx.order.updateMany({ where: { orderNo, riskReview: "PENDING" }, data: { riskReview: status } });
    await inDecision?.(tx, status);

    if (decision === "REJECT") {
      // already cancelled by the business system meanwhile: the review is still recorded as rejected
      await cancelLockedOrder(tx, { ...order, riskReview: status }, { reason: "risk_rejected", note: note ?? null, by });
      return { orderNo, status, reviewedAt };
    }
    if (order.status === "PENDING_PAYMENT") {
      const payBy = new Date(reviewedAt.getTime() + order.expireInSeconds * 1000);
      await tx.order.updateMany({ where: { orderNo, status: "PENDING_PAYMENT" }, data: { payBy } });
      await openOrderPayment(tx, { id: order.appId, merchantId: order.merchantId }, order);
    }
    const view = await orderSnapshot(tx, orderNo);
    await recordEvent(tx, { merchantId: order.merchantId, appId: order.appId, type: "order.risk_approved", orderNo, data: view });
    return { orderNo, status, reviewedAt };
  });
}
