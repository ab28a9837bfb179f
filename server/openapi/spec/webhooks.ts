import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import type { EventType } from "@/server/services/events/record-event";
import { afterSaleResponse, orderImportResponse, orderResponse, payOrderResponse, refundResponse, tradeResponse } from "./responses";

/** What `data` is for each event type (server/services/events/record-event.ts: the snapshot recorded with the event). */
const DATA: Record<EventType, { about: string; data: z.ZodType }> = {
  "pay_order.succeeded": { about: "A pay order was paid.", data: payOrderResponse },
  "pay_order.closed": { about: "A pay order was closed unpaid (expired or closed).", data: payOrderResponse },
  "refund.succeeded": { about: "A refund succeeded.", data: refundResponse },
  "refund.failed": { about: "A refund failed at the channel.", data: refundResponse },
  "refund.rejected": { about: "A refund was rejected in review.", data: refundResponse },
  "order.created": { about: "An order was created.", data: orderResponse },
  "order.status_changed": {
    about: "An order moved along its flow.",
    data: z.looseObject({ ...orderResponse.shape, previousStatus: orderResponse.shape.status }).meta({ id: "OrderStatusChanged" }),
  },
  "order.cancelled": { about: "An order was cancelled (cancelReason says why).", data: orderResponse },
  "order.overdue": { about: "An order has been SHIPPED/TO_RECEIVE longer than expected.", data: orderResponse },
  "order.risk_review": { about: "An order is held for risk review: it opens no pay order until approved.", data: orderResponse },
  "order.risk_approved": { about: "An order held for risk review was approved.", data: orderResponse },
  "after_sale.created": { about: "An after-sale was requested.", data: afterSaleResponse },
  "after_sale.refunded": { about: "An after-sale's refunds succeeded.", data: afterSaleResponse },
  "after_sale.rejected": { about: "An after-sale was rejected.", data: afterSaleResponse },
  "import.finished": { about: "An order import finished (to the app's notifyUrl).", data: orderImportResponse },
  "trade.succeeded": { about: "A trade succeeded: every part confirmed, the order PAID.", data: tradeResponse },
  "trade.failed": { about: "A trade failed: every part released or put back.", data: tradeResponse },
  "settlement.created": { about: "A settlement statement was cut (to the app's notifyUrl).", data: z.record(z.string(), z.unknown()) },
  "settlement.paid_out": { about: "A settlement statement was paid out.", data: z.record(z.string(), z.unknown()) },
  "complaint.created": { about: "A consumer complaint arrived from the channel.", data: z.record(z.string(), z.unknown()) },
  "complaint.answered": { about: "A complaint was answered.", data: z.record(z.string(), z.unknown()) },
  "complaint.escalated": { about: "A complaint was escalated.", data: z.record(z.string(), z.unknown()) },
  "complaint.resolved": { about: "A complaint was resolved.", data: z.record(z.string(), z.unknown()) },
};

export const WEBHOOK_EVENT_TYPES = Object.keys(DATA) as EventType[];

const samplePayOrder = {
  payOrderNo: "P20261205103000123456",
  mchOrderNo: "M20261122001",
  status: "PAID",
  amount: 12800,
  currency: "CNY",
  subject: "Sofa deposit",
  channel: "wechatpay",
  mode: "native",
  payData: null,
  cashierUrl: "https://paycenter.example/pay/P20261205103000123456",
  channelTradeNo: "4200001234202612051234567890",
  paidAt: "2026-12-05T10:31:12.000Z",
  paidAmount: 12800,
  refundedAmount: 0,
  closedAt: null,
  expiresAt: "2026-12-05T11:00:00.000Z",
  createdAt: "2026-12-05T10:30:00.000Z",
  metadata: { storeId: "S01" },
  attempts: [{ attemptNo: "P20261205103000123456-1", channel: "wechatpay", mode: "native", status: "SUCCEEDED", channelTradeNo: "4200001234202612051234567890" }],
};

const sampleRefund = {
  refundNo: "F20261205120000654321",
  mchRefundNo: "R1",
  payOrderNo: samplePayOrder.payOrderNo,
  amount: 5000,
  currency: "CNY",
  status: "SUCCEEDED",
  reason: "size",
  channelRefundNo: "50300001234202612051234567890",
  failureReason: null,
  createdAt: "2026-12-05T12:00:00.000Z",
  succeededAt: "2026-12-05T12:00:03.000Z",
};

/** Example `data` for the types whose payload is most read; the others show the envelope with their type. */
const SAMPLES: Partial<Record<EventType, unknown>> = {
  "pay_order.succeeded": samplePayOrder,
  "pay_order.closed": { ...samplePayOrder, status: "CLOSED", paidAt: null, paidAmount: 0, channelTradeNo: null, closedAt: "2026-12-05T11:00:05.000Z" },
  "refund.succeeded": sampleRefund,
  "refund.failed": { ...sampleRefund, status: "FAILED", succeededAt: null, failureReason: "the channel refused the refund" },
};

const SIGNATURE_DESCRIPTION =
  "t=<unix seconds>,v1=<lowercase hex HMAC-SHA256(app secret, t + \".\" + raw body)>. Verify against the raw body, reject t older than a few minutes, and compare in constant time. Webhooks are always HMAC-signed with the app secret (also for apps that sign requests with RSA).";

/** The webhooks PayCenter sends (OPEN-API.md, Webhooks): one entry per event type, with its payload. */
export function webhookPaths(): ZodOpenApiPathsObject {
  return Object.fromEntries(
    WEBHOOK_EVENT_TYPES.map((type) => {
      const { about, data } = DATA[type];
      const envelope = z.object({
        id: z.string().meta({ description: "the event id (evt_…): receivers must be idempotent on it" }),
        type: z.literal(type),
        createdAt: z.iso.datetime({ offset: true }),
        data,
      });
      const example = { id: "evt_01JEXAMPLE0000000000000000", type, createdAt: "2026-12-05T10:31:12.000Z", data: SAMPLES[type] ?? {} };
      return [
        type,
        {
          post: {
            operationId: `webhook_${type.replace(/\./g, "_")}`,
            tags: ["Webhooks"],
            summary: type,
            description: `${about} POSTed to the notify URL; delivered once a 2xx comes back within 10 s, otherwise retried for about 24 h.`,
            parameters: [
              { name: "X-PayCenter-Event-Id", in: "header" as const, required: true, schema: { type: "string" as const }, description: "the event id (as in the body)" },
              { name: "X-PayCenter-Signature", in: "header" as const, required: true, schema: { type: "string" as const }, description: SIGNATURE_DESCRIPTION, example: "t=1764930672,v1=5f2b…" },
            ],
            requestBody: { required: true, content: { "application/json": { schema: envelope, examples: { [type]: { value: example } } } } },
            responses: { "200": { description: "Any 2xx within 10 s acknowledges the event" } },
          },
        },
      ];
    }),
  );
}
