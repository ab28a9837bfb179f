import { z } from "zod";
import { ChannelError, ChannelRejectedError, ChannelTimeoutError, REVERSE_RETRY_LATER } from "../errors";
import type { PayRequest, PayResult, ReverseResult } from "../types";
import { type AlipayContext, callAlipay, isTradeNotExist } from "./client";
import { fenToYuan, fromAlipayTime, toAlipayTime, tradeState, TRADE_STATUSES, yuanToFen } from "./transformers";

/**
 * 当面付 · 条码支付: alipay.trade.pay with scene=bar_code. Alipay answers at once: 10000 with the
 * paid trade, 10003 while the payer confirms on their phone (等待用户付款), 20000 / ACQ.SYSTEM_ERROR
 * when its outcome is unknown (query), 40004 when declined (ACQ.BUYER_BALANCE_NOT_ENOUGH …).
 * alipay.trade.cancel reverses it: closes it if unpaid (action=close), refunds it if paid (action=refund).
 */

/** Alipay's code for "waiting for the payer" (the SDK's error carries it as its code when there is no sub_code). */
const WAITING = new Set(["10003", "ACQ.TRADE_BUYER_NOT_MATCH_WAITING"]);

const tradePayAnswer = z.object({
  trade_no: z.string(),
  out_trade_no: z.string(),
  total_amount: z.string().transform((text, ctx) => {
    try {
      return yuanToFen(text);
    } catch (error) {
      ctx.addIssue({ code: "custom", message: (error as Error).message });
      return z.NEVER;
    }
  }),
  gmt_payment: z.string().optional(),
  buyer_user_id: z.string().optional(),
  trade_status: z.enum(TRADE_STATUSES).optional(),
});

const processing = (reason: string): PayResult => ({ payData: null, sync: { state: "PROCESSING", reason } });

export async function tradePay(ctx: AlipayContext, request: PayRequest): Promise<PayResult> {
  const authCode = request.payer?.authCode;
  if (!authCode) throw new ChannelRejectedError("barcode needs the payer's payment code", "isv.missing-auth-code");
  let answer: z.infer<typeof tradePayAnswer>;
  try {
    answer = await callAlipay(
      ctx,
      "alipay.trade.pay",
      {
        out_trade_no: request.outTradeNo,
        scene: "bar_code",
        auth_code: authCode,
        product_code: "FACE_TO_FACE_PAYMENT",
        total_amount: fenToYuan(request.amount),
        subject: request.subject,
        body: request.description || undefined,
        time_expire: toAlipayTime(request.expiresAt),
        ...(request.profitSharing ? { extend_params: { royalty_freeze: "true" } } : {}),
      },
      tradePayAnswer,
      { notifyUrl: ctx.notifyUrl },
    );
  } catch (error) {
    if (error instanceof ChannelRejectedError && error.code && WAITING.has(error.code)) return processing(error.code);
    // 20000 / ACQ.SYSTEM_ERROR, no answer, an unreadable answer: Alipay may have the trade — query
    if (error instanceof ChannelTimeoutError) return processing(error.code ?? "OUTCOME_UNKNOWN");
    throw error;
  }
  const state = answer.trade_status ? tradeState(answer.trade_status) : "SUCCEEDED";
  if (state !== "SUCCEEDED") return processing(answer.trade_status ?? "UNKNOWN");
  const trade = {
    state,
    outTradeNo: answer.out_trade_no,
    channelTradeNo: answer.trade_no,
    amount: answer.total_amount,
    currency: "CNY" as const,
    paidAt: answer.gmt_payment ? fromAlipayTime(answer.gmt_payment) : undefined,
  };
  return { payData: null, channelTradeNo: answer.trade_no, sync: { state: "PAID", trade } };
}

const cancelAnswer = z.object({ retry_flag: z.enum(["Y", "N"]).optional(), action: z.string().optional() });

/** alipay.trade.cancel: retry_flag=Y asks for another call; action says what it did (close | refund). */
export async function cancelTrade(ctx: AlipayContext, outTradeNo: string): Promise<ReverseResult> {
  try {
    const answer = await callAlipay(ctx, "alipay.trade.cancel", { out_trade_no: outTradeNo }, cancelAnswer);
    if (answer.retry_flag === "Y") throw new ChannelRejectedError("Alipay asks to cancel again (retry_flag=Y)", REVERSE_RETRY_LATER);
    return { refunded: answer.action === "refund" };
  } catch (error) {
    if (isTradeNotExist(error)) return { refunded: false };
    if (error instanceof ChannelError && error.code === "ACQ.SYSTEM_ERROR") throw new ChannelRejectedError(error.message, REVERSE_RETRY_LATER, { cause: error });
    throw error;
  }
}
