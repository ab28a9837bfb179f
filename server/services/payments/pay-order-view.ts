import { loadEnv } from "@/server/env";
import type { PayOrder, Payment } from "@/server/generated/prisma/client.ts";

/** What the view shows of an attempt. */
export type AttemptShown = Pick<Payment, "attemptNo" | "seq" | "channel" | "mode" | "status" | "channelTradeNo" | "payData">;

/** The Open API's representation of an order (OPEN-API.md), from the order and its attempts. */
export function payOrderView(order: PayOrder, attempts: AttemptShown[]) {
  const sorted = [...attempts].sort((a, b) => a.seq - b.seq);
  const latest = sorted.at(-1);
  const paid = sorted.find((a) => a.attemptNo === order.paidAttemptNo);
  const shown = paid ?? latest;
  return {
    payOrderNo: order.payOrderNo,
    mchOrderNo: order.mchOrderNo,
    status: order.status,
    amount: order.amount,
    currency: order.currency,
    subject: order.subject,
    ...(order.description ? { description: order.description } : {}),
    channel: shown?.channel ?? null,
    mode: shown?.mode ?? "cashier",
    payData: order.status === "PENDING" && latest && (latest.status === "PROCESSING" || latest.status === "CREATED") ? (latest.payData ?? null) : null,
    cashierUrl: cashierUrlOf(order.payOrderNo),
    channelTradeNo: order.channelTradeNo,
    paidAt: order.paidAt,
    paidAmount: order.paidAmount,
    refundedAmount: order.refundedAmount,
    closedAt: order.closedAt,
    expiresAt: order.expiresAt,
    createdAt: order.createdAt,
    ...(order.metadata ? { metadata: order.metadata } : {}),
    attempts: sorted.map((a) => ({
      attemptNo: a.attemptNo,
      channel: a.channel,
      mode: a.mode,
      status: a.status,
      channelTradeNo: a.channelTradeNo,
    })),
  };
}

export type PayOrderView = ReturnType<typeof payOrderView>;

/** The consumer's page for an order in PayCenter's cashier (it shows the order's outcome once paid). */
export function cashierUrlOf(payOrderNo: string): string {
  return `${loadEnv().PUBLIC_BASE_URL}/pay/${payOrderNo}`;
}
