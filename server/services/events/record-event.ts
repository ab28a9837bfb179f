import type { Tx } from "@/server/db";
import { newEventId } from "@/server/domain/ids";
import { webhookQueueName } from "@/server/domain/webhook-lanes";
import { enqueueJob } from "@/server/jobs/enqueue";
import { deliverWebhook } from "@/server/jobs/tasks/payment-jobs";
import { stringifyJson } from "@/server/domain/json";

export type EventType =
  | "pay_order.succeeded"
  | "pay_order.closed"
  | "refund.succeeded"
  | "refund.failed"
  | "refund.rejected"
  | OrderEventType
  | OrderPostEventType
  | TradeEventType
  | SettlementEventType
  | RiskEventType
  | ComplaintEventType;

/** Risk control (OPEN-API.md, Webhooks): an order held for review, and released; a rejected one is `order.cancelled`. `data` is the order. */
export type RiskEventType = "order.risk_review" | "order.risk_approved";

/** Consumer complaints (OPEN-API.md, Webhooks): to the pay order's notifyUrl, else the app's; `data` is the complaint. */
export type ComplaintEventType = "complaint.created" | "complaint.answered" | "complaint.escalated" | "complaint.resolved";

/** Settlement (OPEN-API.md, Webhooks): to the app's notifyUrl, one per app with lines in the statement; `data` is the statement. */
export type SettlementEventType = "settlement.created" | "settlement.paid_out";

/** The trade center's events (OPEN-API.md, Webhooks): they go to the order's notifyUrl, else the app's; `data` is the trade. */
export type TradeEventType = "trade.succeeded" | "trade.failed";

/** After-sales and imports (OPEN-API.md, Webhooks): after-sale events go to the order's notifyUrl, import.finished to the app's. */
export type OrderPostEventType = "after_sale.created" | "after_sale.refunded" | "after_sale.rejected" | "import.finished";

/** The order center's events (OPEN-API.md, Webhooks): they go to the order's notifyUrl, else the app's. */
export type OrderEventType = "order.created" | "order.status_changed" | "order.cancelled" | "order.overdue";

/**
 * Where the business system hears of it: the refund's notifyUrl, else the pay order's, else — for an
 * order center event (an orderNo and no pay order or refund) — the order's, else the app's default.
 */
export async function notifyUrlFor(tx: Tx, input: { appId: string; payOrderNo?: string; refundNo?: string; orderNo?: string }): Promise<string | null> {
  const refund = input.refundNo ? await tx.refund.findUnique({ where: { refundNo: input.refundNo }, select: { notifyUrl: true } }) : null;
  if (refund?.notifyUrl) return refund.notifyUrl;
  const order = input.payOrderNo ? await tx.payOrder.findUnique({ where: { payOrderNo: input.payOrderNo }, select: { notifyUrl: true } }) : null;
  if (order?.notifyUrl) return order.notifyUrl;
  if (input.orderNo && !input.payOrderNo && !input.refundNo) {
    const owner = await tx.order.findUnique({ where: { orderNo: input.orderNo }, select: { notifyUrl: true } });
    if (owner?.notifyUrl) return owner.notifyUrl;
  }
  const app = await tx.app.findUnique({ where: { id: input.appId }, select: { notifyUrl: true } });
  return app?.notifyUrl ?? null;
}

/**
 * Writes an event in the caller's transaction, with a snapshot of the order or refund as the
 * business system will receive it, and — when there is a notify URL — its webhook delivery and the
 * job that sends it. The event feed reads the events; nothing is lost if the process dies after commit.
 */
export async function recordEvent(
  tx: Tx,
  input: { merchantId: string; appId: string; type: EventType; payOrderNo?: string; refundNo?: string; orderNo?: string; data: unknown },
): Promise<string> {
  const id = newEventId();
  await tx.event.create({
    data: {
      id,
      merchantId: input.merchantId,
      appId: input.appId,
      type: input.type,
      payOrderNo: input.payOrderNo,
      refundNo: input.refundNo,
      orderNo: input.orderNo,
      data: JSON.parse(stringifyJson(input.data)) as object,
    },
  });
  const url = await notifyUrlFor(tx, input);
  if (url) {
    const delivery = await tx.webhookDelivery.create({ data: { eventId: id, merchantId: input.merchantId, appId: input.appId, url } });
    await enqueueJob(tx, deliverWebhook, { deliveryId: delivery.id }, { queueName: webhookQueueName(input.appId, delivery.id) });
  }
  return id;
}
