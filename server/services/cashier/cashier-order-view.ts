import { z } from "zod";
import { channelPlugin, isChannelCode } from "@/server/channels/registry";
import type { PayMode } from "@/server/channels/types";
import { attemptState } from "@/server/domain/cashier-phase";
import { loadEnv } from "@/server/env";
import { cashierTradeSchema, cashierTradeView } from "./cashier-trade-view";
import type { CashierChannel } from "./list-cashier-channels";
import type { LoadedCashierOrder } from "./load-cashier-order";
import { type CashierOrderContext, cashierKind } from "./load-cashier-order-context";

/**
 * What the cashier shows, and nothing more: no merchant order number, metadata, notify URL,
 * credentials or payer data. tRPC validates every answer against this schema (unknown keys dropped).
 */
export const cashierOrderSchema = z.object({
  payOrderNo: z.string(),
  phase: z.enum(["payable", "paid", "closed", "expired", "unavailable"]),
  merchant: z.object({ name: z.string(), logoUrl: z.string().nullable() }),
  /** A TEST app's order: paid in the sandbox, no real money. */
  testMode: z.boolean(),
  subject: z.string(),
  amount: z.bigint(),
  currency: z.string(),
  expiresAt: z.date(),
  paidAt: z.date().nullable(),
  paidChannel: z.string().nullable(),
  returnUrl: z.string().nullable(),
  channels: z.array(z.object({ channel: z.string(), mode: z.string() })),
  preselected: z.string().nullable(),
  attempt: z
    .object({
      attemptNo: z.string(),
      channel: z.string(),
      mode: z.string(),
      state: z.enum(["preparing", "waiting", "failed"]),
      payData: z
        .discriminatedUnion("type", [
          z.object({ type: z.literal("qr_code"), codeUrl: z.string() }),
          z.object({ type: z.literal("redirect"), url: z.string() }),
          /** The browser POSTs `fields` to `action` (UnionPay's front transaction): an auto-submitting form. */
          z.object({ type: z.literal("form"), action: z.string(), fields: z.record(z.string(), z.string()) }),
        ])
        .nullable(),
    })
    .nullable(),
  /** The server's clock, so the countdown is right on a phone whose clock is not. */
  serverTime: z.date(),
  /** What the pay order is for (load-cashier-order-context.ts): the page's wording and panels follow it. */
  kind: z.enum(["payment", "order", "trade", "top_up"]),
  /**
   * An `order` or `trade` pay order's order: whether its buyer may start a trade here now (coupons,
   * points, wallet: cashier.assets), until when, and the order's own pay page (its `full` pay order).
   */
  order: z
    .object({
      tradeable: z.boolean(),
      deadline: z.date().nullable(),
      payOrderNo: z.string().nullable(),
    })
    .nullable(),
  /** An `order` pay order's latest trade, or a `trade` pay order's own: the breakdown and its status. */
  trade: cashierTradeSchema.nullable(),
});

export type CashierOrder = z.infer<typeof cashierOrderSchema>;

/** The cashier's own address: where channels with a cashier of their own send the consumer back. */
export function cashierUrl(payOrderNo: string): string {
  return `${loadEnv().PUBLIC_BASE_URL}/pay/${payOrderNo}`;
}

type StoredPayData = { type?: string; codeUrl?: string; url?: string; action?: string; fields?: Record<string, string> } | null;

/** The consumer-facing pay data of an attempt waiting for the payer: a QR code, a page to go to, or a form to post there. */
function consumerPayData(payOrderNo: string, attempt: { channel: string; mode: string; payData: unknown }) {
  const payData = attempt.payData as StoredPayData;
  if (payData?.type === "qr_code" && payData.codeUrl) return { type: "qr_code" as const, codeUrl: payData.codeUrl };
  if (payData?.type === "redirect" && payData.url) {
    // a channel that leaves the way back to the merchant's page rewrites the URL (its plugin's hook)
    const returning = isChannelCode(attempt.channel) ? channelPlugin(attempt.channel).cashier?.redirectReturningTo : undefined;
    const url = returning ? returning(payData.url, attempt.mode as PayMode, cashierUrl(payOrderNo)) : payData.url;
    return { type: "redirect" as const, url };
  }
  if (payData?.type === "form" && payData.action && payData.fields) return { type: "form" as const, action: payData.action, fields: payData.fields };
  return null;
}

export function cashierOrderView(
  { order, phase, now }: LoadedCashierOrder,
  channels: CashierChannel[],
  preselected: string | null,
  context: CashierOrderContext | null = null,
): CashierOrder {
  const latest = order.payments.at(-1);
  const paid = order.payments.find((p) => p.attemptNo === order.paidAttemptNo);
  const state = latest && attemptState(latest.status);
  return {
    payOrderNo: order.payOrderNo,
    phase,
    merchant: { name: order.merchant.name, logoUrl: order.merchant.logoUrl },
    testMode: order.app.mode === "TEST",
    subject: order.subject,
    amount: order.amount,
    currency: order.currency,
    expiresAt: order.expiresAt,
    paidAt: order.paidAt,
    paidChannel: paid?.channel ?? null,
    returnUrl: order.returnUrl,
    channels,
    preselected,
    attempt:
      phase === "payable" && latest && state
        ? {
            attemptNo: latest.attemptNo,
            channel: latest.channel,
            mode: latest.mode,
            state,
            payData: state === "waiting" ? consumerPayData(order.payOrderNo, latest) : null,
          }
        : null,
    serverTime: now,
    kind: cashierKind(order),
    order: context && { tradeable: context.tradeable, deadline: context.deadline, payOrderNo: context.fullPayOrderNo },
    trade: context?.trade ? cashierTradeView(context.trade) : null,
  };
}
