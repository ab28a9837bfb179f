import type { Tx } from "@/server/db";
import { newEventId } from "@/server/domain/ids";
import { stringifyJson } from "@/server/openapi/envelope";

export type EventType = "pay_order.succeeded" | "pay_order.closed" | "refund.succeeded" | "refund.failed" | "refund.rejected";

/**
 * Writes an event in the caller's transaction, with a snapshot of the order or refund as the
 * business system will receive it. Delivery (webhooks) and the event feed read from here.
 */
export async function recordEvent(
  tx: Tx,
  input: { merchantId: string; appId: string; type: EventType; payOrderNo?: string; refundNo?: string; data: unknown },
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
      data: JSON.parse(stringifyJson(input.data)) as object,
    },
  });
  return id;
}
