import { ChannelError, ChannelRejectedError, ChannelTimeoutError, ChannelUnavailableError, REVERSE_RETRY_LATER } from "../errors";
import type { ChannelContext, PayRequest, PayResult, ReverseResult } from "../types";
import { callWechatpay, isRejectedWith } from "./client";
import type { WechatpayCredentials } from "./credentials";
import { fen, toTradeQuery, transactionSchema } from "./transformers";

/**
 * 付款码支付 (API v3): the merchant scans the payer's code; WeChat Pay answers at once — paid (200
 * with the transaction), still processing (202 USERPAYING while the payer types a password;
 * SYSTEM_ERROR / BANK_ERROR: outcome unknown), or declined (NOTENOUGH, PAYERROR …). Processing is
 * never a failure: the barcode loop queries, then reverses (../shared/FIELD-NOTES.md §F).
 */

type Ctx = ChannelContext<WechatpayCredentials>;

/** Error codes after which the trade may exist or be paid: query, never fail. */
const OUTCOME_OPEN = new Set(["USERPAYING", "SYSTEMERROR", "SYSTEM_ERROR", "BANKERROR", "BANK_ERROR"]);

export type CodepayBody = {
  appid: string;
  mchid: string;
  description: string;
  out_trade_no: string;
  amount: { total: number; currency: "CNY" };
  payer: { auth_code: string };
  scene_info?: { device_ip: string };
  settle_info?: { profit_sharing: true };
};

export function codepayBody(account: { appid: string; mchid: string }, request: PayRequest): CodepayBody {
  const authCode = request.payer?.authCode;
  if (!authCode) throw new ChannelRejectedError("barcode needs the payer's payment code", "PARAM_ERROR");
  if (request.currency !== "CNY") throw new ChannelRejectedError(`WeChat Pay takes CNY, not ${request.currency}`, "PARAM_ERROR");
  const body: CodepayBody = {
    appid: account.appid,
    mchid: account.mchid,
    description: Array.from(request.subject).slice(0, 127).join(""),
    out_trade_no: request.outTradeNo,
    amount: { total: fen(request.amount), currency: "CNY" },
    payer: { auth_code: authCode },
  };
  if (request.payer?.clientIp) body.scene_info = { device_ip: request.payer.clientIp };
  if (request.profitSharing) body.settle_info = { profit_sharing: true };
  return body;
}

const processing = (reason: string): PayResult => ({ payData: null, sync: { state: "PROCESSING", reason } });

/** Whether an error of the pay call leaves the trade possibly made (or paid) at WeChat Pay: its code, or null. */
export function outcomeOpen(error: unknown): string | null {
  if (error instanceof ChannelTimeoutError) return error.code ?? "TIMEOUT";
  // a 5xx with WeChat Pay's own error body: it received the request (a refused connection has no code of theirs)
  if ((error instanceof ChannelRejectedError || error instanceof ChannelUnavailableError) && error.code && OUTCOME_OPEN.has(error.code)) return error.code;
  return null;
}

export async function codepay(ctx: Ctx, request: PayRequest): Promise<PayResult> {
  const body = codepayBody(ctx.credentials, request);
  let answer: unknown;
  try {
    answer = await callWechatpay<unknown>(ctx, { method: "POST", path: "/v3/pay/transactions/codepay", body });
  } catch (error) {
    const open = outcomeOpen(error);
    if (open) return processing(open);
    throw error;
  }
  return readCodepayAnswer(answer);
}

/** A 2xx answer of codepay: 200 with the transaction (paid, or still paying), 202 USERPAYING, or unreadable (open). */
export function readCodepayAnswer(answer: unknown): PayResult {
  const transaction = transactionSchema.safeParse(answer);
  if (!transaction.success) {
    const code = (answer as { code?: unknown } | null)?.code;
    // 202 USERPAYING, or an answer we cannot read: the trade may exist, the loop finds out
    return processing(typeof code === "string" ? code : "UNREADABLE_ANSWER");
  }
  const trade = toTradeQuery(transaction.data);
  switch (trade.state) {
    case "SUCCEEDED":
      return { payData: null, channelTradeNo: trade.channelTradeNo, sync: { state: "PAID", trade } };
    case "PENDING":
    case "NOT_FOUND":
      return processing(transaction.data.trade_state);
    case "FAILED":
    case "CLOSED":
      throw new ChannelRejectedError(`WeChat Pay: ${trade.failureReason ?? transaction.data.trade_state}`, transaction.data.trade_state);
    default:
      return trade.state satisfies never;
  }
}

/**
 * 撤销订单: closes the trade if unpaid, refunds it if paid. WeChat Pay refuses while the payer may
 * still be entering the password (USERPAYING): REVERSE_RETRY_LATER. Its answer does not say whether
 * money went back (`refunded` stays unknown).
 */
export async function reverseCodepay(ctx: Ctx, outTradeNo: string): Promise<ReverseResult> {
  try {
    await callWechatpay(ctx, {
      method: "POST",
      path: `/v3/pay/transactions/out-trade-no/${encodeURIComponent(outTradeNo)}/reverse`,
      body: { appid: ctx.credentials.appid, mchid: ctx.credentials.mchid },
    });
    return {};
  } catch (error) {
    if (isRejectedWith(error, "ORDER_NOT_EXIST")) return {};
    if (error instanceof ChannelError && error.code === "USERPAYING") throw new ChannelRejectedError(error.message, REVERSE_RETRY_LATER, { cause: error });
    throw error;
  }
}
