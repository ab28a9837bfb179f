import { fetch } from "undici";
import { db } from "@/server/db";
import { guardedDispatcher, outboundPolicy } from "@/server/net/outbound-guard";
import type { simulateSchema } from "@/server/domain/pay-order-schema";
import { hasIdShape } from "@/server/domain/id-shapes";
import { AppError } from "@/server/errors";
import type { ApiApp } from "@/server/apps/app-cache";
import { settleTrade } from "@/server/sandbox";
import { startAttempt } from "@/server/services/payments/start-attempt";
import type { z } from "zod";
import { OPEN_ATTEMPT_STATUSES } from "@/server/domain/pay-order-states";

/**
 * POST /api/v1/sandbox/pay-orders/{payOrderNo}/simulate (TEST apps only): the sandbox channel acts
 * as a consumer would — pays, declines, or lets the trade go — and then sends its real, signed
 * callback. The order changes when that callback lands, as in production.
 */
export async function simulatePayment(app: ApiApp, payOrderNo: string, input: z.infer<typeof simulateSchema>) {
  if (app.mode !== "TEST") throw new AppError("NOT_FOUND", "the sandbox is only for TEST apps");
  const order = hasIdShape("payOrderNo", payOrderNo) ? await db.payOrder.findUnique({ where: { payOrderNo } }) : null;
  if (!order || order.appId !== app.id) throw new AppError("ORDER_NOT_FOUND", "no such order");
  if (order.status === "CLOSED") throw new AppError("ORDER_CLOSED", "the order is closed");
  if (order.status !== "PENDING") throw new AppError("ORDER_ALREADY_PAID", "the order is already paid");

  let attempt = await db.payment.findFirst({
    where: { payOrderNo, status: { in: [...OPEN_ATTEMPT_STATUSES] } },
    orderBy: { seq: "desc" },
  });
  if (!attempt) {
    if (!input.channel || !input.mode) {
      throw new AppError("VALIDATION_FAILED", "the order has no attempt yet: give channel and mode", { field: input.channel ? "mode" : "channel" });
    }
    attempt = await startAttempt(order, { channel: input.channel, mode: input.mode });
  }

  const merchant = await db.sandboxMerchant.findUnique({ where: { channelAccountId: attempt.channelAccountId } });
  if (!merchant) throw new AppError("NOT_FOUND", "this channel account is not registered with the sandbox");
  const findTrade = () =>
    db.sandboxTrade.findUnique({ where: { sandboxMerchantId_outTradeNo: { sandboxMerchantId: merchant.id, outTradeNo: attempt.attemptNo } } });
  let trade = await findTrade();
  const payData = attempt.payData as { type?: string; url?: string; action?: string; fields?: Record<string, string> } | null;
  const visit =
    payData?.type === "redirect" && payData.url
      ? { url: payData.url, init: {} }
      : payData?.type === "form" && payData.action && payData.fields
        ? { url: payData.action, init: { method: "POST", body: new URLSearchParams(payData.fields) } }
        : null;
  if (!trade && visit) {
    // A redirect or form mode creates the trade when the consumer's browser arrives at the channel: go there as it would.
    // the URL is the channel's answer, and a TEST account's base URL is the tenant's choice: through the SSRF guard
    const response = await fetch(visit.url, { ...visit.init, redirect: "manual", signal: AbortSignal.timeout(10_000), dispatcher: guardedDispatcher(outboundPolicy("TEST")) }).catch(() => null);
    // a channel that knows the trade by another number (UnionPay's orderId) names its page: …/<channelTradeNo>
    trade = (await findTrade()) ?? (await tradeAtPage(merchant.id, response?.headers.get("location") ?? null));
  }
  if (!trade) throw new AppError("CHANNEL_ERROR", "the sandbox has no trade for this attempt");
  await settleTrade(trade.id, input.outcome);
  return { payOrderNo, attemptNo: attempt.attemptNo };
}

/** The trade whose payer page the channel sent the browser to (the page's last path segment is its trade number). */
async function tradeAtPage(sandboxMerchantId: string, location: string | null) {
  const channelTradeNo = location?.split("?")[0].split("/").at(-1);
  if (!channelTradeNo) return null;
  const trade = await db.sandboxTrade.findUnique({ where: { channelTradeNo } });
  return trade?.sandboxMerchantId === sandboxMerchantId ? trade : null;
}
