import { z } from "zod";
import { isCurrency } from "@/server/domain/money";
import { isRedirectUrl, urlHasScheme, WECHATPAY_QR_SCHEMES } from "@/server/domain/pay-data-urls";
import { ChannelRejectedError, ChannelUnsupportedError } from "../errors";
import type { PayMode, PayRequest, RefundQuery, RefundRequest, RefundState, TradeQuery, TradeState } from "../types";

/**
 * WeChat Pay API v3 wire types and their mapping to the channel-neutral contract.
 * Amounts on the wire are integer fen (JSON numbers); only CNY is accepted.
 */

export const WECHATPAY_MODES = ["native", "jsapi", "h5", "app"] as const satisfies readonly PayMode[];
export type WechatpayMode = (typeof WECHATPAY_MODES)[number];

export function isWechatpayMode(mode: PayMode): mode is WechatpayMode {
  return (WECHATPAY_MODES as readonly PayMode[]).includes(mode);
}

/** RFC 3339 in Beijing time, as WeChat Pay writes it: `2026-05-01T12:00:00+08:00`. */
export function wechatTime(date: Date): string {
  return `${new Date(date.getTime() + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
}

/** A bigint amount as the JSON number WeChat Pay expects. */
export function fen(amount: bigint): number {
  const value = Number(amount);
  if (!Number.isSafeInteger(value) || value <= 0) throw new ChannelRejectedError(`amount ${amount} out of range`, "PARAM_ERROR");
  return value;
}

export type CreateOrderBody = {
  appid: string;
  mchid: string;
  description: string;
  out_trade_no: string;
  time_expire: string;
  notify_url: string;
  amount: { total: number; currency: "CNY" };
  payer?: { openid: string };
  scene_info?: { payer_client_ip: string; h5_info: { type: "Wap" } };
  /** Freezes the payment for profit sharing (分账) until split or unfrozen. */
  settle_info?: { profit_sharing: true };
};

/** The body of POST /v3/pay/transactions/{mode}. Checks what the mode needs before anything is sent. */
export function createOrderBody(
  account: { appid: string; mchid: string },
  notifyUrl: string,
  request: PayRequest & { mode: WechatpayMode },
): CreateOrderBody {
  if (request.currency !== "CNY") throw new ChannelUnsupportedError(`WeChat Pay takes CNY, not ${request.currency}`);
  const body: CreateOrderBody = {
    appid: account.appid,
    mchid: account.mchid,
    description: Array.from(request.subject).slice(0, 127).join(""),
    out_trade_no: request.outTradeNo,
    time_expire: wechatTime(request.expiresAt),
    notify_url: notifyUrl,
    amount: { total: fen(request.amount), currency: "CNY" },
  };
  if (request.profitSharing) body.settle_info = { profit_sharing: true };
  if (request.mode === "jsapi") {
    if (!request.payer?.openid) throw new ChannelRejectedError("jsapi needs the payer's openid", "PARAM_ERROR");
    body.payer = { openid: request.payer.openid };
  }
  if (request.mode === "h5") {
    if (!request.payer?.clientIp) throw new ChannelRejectedError("h5 needs the payer's client IP", "PARAM_ERROR");
    body.scene_info = { payer_client_ip: request.payer.clientIp, h5_info: { type: "Wap" } };
  }
  return body;
}

/**
 * What each mode's create answers. The URLs reach the consumer's browser (h5_url is navigated to,
 * code_url drawn as a QR code and linked in test mode): their schemes are checked here.
 */
export const createOrderAnswerSchemas = {
  native: z.object({ code_url: z.string().refine((url) => urlHasScheme(url, WECHATPAY_QR_SCHEMES), "code_url is not a weixin: or http(s) URL") }),
  jsapi: z.object({ prepay_id: z.string() }),
  h5: z.object({ h5_url: z.string().refine(isRedirectUrl, "h5_url is not an http(s) URL") }),
  app: z.object({ prepay_id: z.string() }),
} satisfies Record<WechatpayMode, z.ZodType>;

const TRADE_STATES = ["SUCCESS", "REFUND", "NOTPAY", "CLOSED", "REVOKED", "USERPAYING", "PAYERROR"] as const;
export type WechatTradeState = (typeof TRADE_STATES)[number];

export function tradeStateOf(state: WechatTradeState): TradeState {
  switch (state) {
    case "SUCCESS":
    case "REFUND": // paid, then (partly) refunded: the payment itself succeeded
      return "SUCCEEDED";
    case "NOTPAY":
    case "USERPAYING":
      return "PENDING";
    case "CLOSED":
    case "REVOKED":
      return "CLOSED";
    case "PAYERROR":
      return "FAILED";
    default:
      throw new Error(`unknown trade_state ${state satisfies never}`);
  }
}

/** Transaction: the query answer and the plaintext of a TRANSACTION.SUCCESS notification. */
export const transactionSchema = z.object({
  appid: z.string(),
  mchid: z.string(),
  out_trade_no: z.string(),
  transaction_id: z.string().optional(),
  trade_type: z.string().optional(),
  trade_state: z.enum(TRADE_STATES),
  trade_state_desc: z.string().optional(),
  success_time: z.string().optional(),
  payer: z.object({ openid: z.string().optional() }).optional(),
  amount: z.object({ total: z.number().int(), payer_total: z.number().int().optional(), currency: z.string().optional() }).optional(),
});
export type Transaction = z.infer<typeof transactionSchema>;

export function toTradeQuery(transaction: Transaction): TradeQuery {
  const state = tradeStateOf(transaction.trade_state);
  const currency = transaction.amount?.currency;
  return {
    state,
    outTradeNo: transaction.out_trade_no,
    channelTradeNo: transaction.transaction_id || undefined,
    amount: transaction.amount ? BigInt(transaction.amount.total) : undefined,
    currency: currency && isCurrency(currency) ? currency : undefined,
    paidAt: state === "SUCCEEDED" && transaction.success_time ? new Date(transaction.success_time) : undefined,
    channelAppId: transaction.appid,
    channelMchId: transaction.mchid,
    failureReason: state === "FAILED" || state === "CLOSED" ? transaction.trade_state_desc || transaction.trade_state : undefined,
  };
}

const REFUND_STATUSES = ["SUCCESS", "CLOSED", "PROCESSING", "ABNORMAL"] as const;
export type WechatRefundStatus = (typeof REFUND_STATUSES)[number];

export function refundStateOf(status: WechatRefundStatus): RefundState {
  switch (status) {
    case "SUCCESS":
      return "SUCCEEDED";
    case "PROCESSING":
      return "PROCESSING";
    case "CLOSED":
    case "ABNORMAL": // the payer's card refused the money: it waits at WeChat Pay for manual handling
      return "FAILED";
    default:
      throw new Error(`unknown refund status ${status satisfies never}`);
  }
}

export type RefundBody = {
  out_trade_no: string;
  out_refund_no: string;
  reason?: string;
  notify_url: string;
  amount: { refund: number; total: number; currency: "CNY" };
};

export function refundBody(request: RefundRequest, notifyUrl: string): RefundBody {
  if (request.currency !== "CNY") throw new ChannelUnsupportedError(`WeChat Pay refunds CNY, not ${request.currency}`);
  return {
    out_trade_no: request.outTradeNo,
    out_refund_no: request.outRefundNo,
    reason: request.reason ? Array.from(request.reason).slice(0, 80).join("") : undefined,
    notify_url: notifyUrl,
    amount: { refund: fen(request.refundAmount), total: fen(request.totalAmount), currency: "CNY" },
  };
}

/** The answer of GET /v3/bill/tradebill. */
export const tradeBillSchema = z.object({ hash_type: z.literal("SHA1"), hash_value: z.string(), download_url: z.string() });

/** Refund: the answer of create and query (`status`). */
export const refundSchema = z.object({
  refund_id: z.string(),
  out_refund_no: z.string(),
  out_trade_no: z.string().optional(),
  status: z.enum(REFUND_STATUSES),
  success_time: z.string().optional(),
  amount: z.object({ refund: z.number().int(), total: z.number().int() }),
});

/** The plaintext of a REFUND.* notification (`refund_status`, not `status`). */
export const refundNotificationSchema = refundSchema.omit({ status: true }).extend({ refund_status: z.enum(REFUND_STATUSES) });

export function toRefundQuery(refund: z.infer<typeof refundSchema>): RefundQuery {
  const state = refundStateOf(refund.status);
  return {
    state,
    outRefundNo: refund.out_refund_no,
    channelRefundNo: refund.refund_id,
    refundAmount: BigInt(refund.amount.refund),
    failureReason: state === "FAILED" ? refund.status : undefined,
    succeededAt: state === "SUCCEEDED" && refund.success_time ? new Date(refund.success_time) : undefined,
  };
}
