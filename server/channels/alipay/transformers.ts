import { z } from "zod";
import { decimalToMinor, minorToDecimal } from "@/server/domain/money";
import { ALIPAY_QR_SCHEMES, urlHasScheme } from "@/server/domain/pay-data-urls";
import type { RefundState, TradeState } from "../types";

/**
 * Alipay's wire format: amounts are yuan strings with 2 decimals, times are `yyyy-MM-dd HH:mm:ss`
 * in China time (GMT+8), answers carry snake_case fields. Converted here, at the edge, exactly.
 */

/** 1999n → "19.99". */
export function fenToYuan(fen: bigint): string {
  if (fen < 0n) throw new RangeError(`negative amount ${fen}`);
  return minorToDecimal(fen, "CNY");
}

/** "19.99" → 1999n; throws RangeError on anything that is not a non-negative amount with at most 2 decimals. */
export function yuanToFen(yuan: string): bigint {
  const fen = decimalToMinor(yuan, "CNY");
  if (fen < 0n) throw new RangeError(`negative amount ${yuan}`);
  return fen;
}

const CHINA_OFFSET_MS = 8 * 3600_000;

/** A moment as Alipay writes it: `yyyy-MM-dd HH:mm:ss`, GMT+8. */
export function toAlipayTime(date: Date): string {
  return new Date(date.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 19).replace("T", " ");
}

/** `yyyy-MM-dd HH:mm:ss` (GMT+8) → Date; throws RangeError otherwise. */
export function fromAlipayTime(text: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text);
  const date = match ? new Date(`${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}+08:00`) : null;
  if (!date || Number.isNaN(date.getTime())) throw new RangeError(`not an Alipay time: ${JSON.stringify(text)}`);
  return date;
}

function converted<T>(convert: (text: string) => T) {
  return z.string().transform((text, ctx) => {
    try {
      return convert(text);
    } catch (error) {
      ctx.addIssue({ code: "custom", message: (error as Error).message });
      return z.NEVER;
    }
  });
}

const yuan = converted(yuanToFen);
const alipayTime = converted(fromAlipayTime);

export const TRADE_STATUSES = ["WAIT_BUYER_PAY", "TRADE_CLOSED", "TRADE_SUCCESS", "TRADE_FINISHED"] as const;
export type AlipayTradeStatus = (typeof TRADE_STATUSES)[number];

export const REFUND_STATUSES = ["REFUND_SUCCESS", "REFUND_PROCESSING", "REFUND_FAIL"] as const;
export type AlipayRefundStatus = (typeof REFUND_STATUSES)[number];

/**
 * TRADE_CLOSED also follows a full refund of a paid trade (Alipay's own definition): the core must
 * not read it as "never paid" for a trade it knows succeeded.
 */
export function tradeState(status: AlipayTradeStatus): TradeState {
  switch (status) {
    case "WAIT_BUYER_PAY":
      return "PENDING";
    case "TRADE_SUCCESS":
    case "TRADE_FINISHED":
      return "SUCCEEDED";
    case "TRADE_CLOSED":
      return "CLOSED";
    default:
      return status satisfies never;
  }
}

/** fastpay.refund.query leaves refund_status out when it knows no such refund request. */
export function refundState(status: AlipayRefundStatus | undefined): RefundState {
  switch (status) {
    case "REFUND_SUCCESS":
      return "SUCCEEDED";
    case "REFUND_PROCESSING":
      return "PROCESSING";
    case "REFUND_FAIL":
      return "FAILED";
    case undefined:
      return "NOT_FOUND";
    default:
      return status satisfies never;
  }
}

// Answers (the inner `<method>_response` object once its code is 10000), only the fields we use.

/** qr_code is drawn as a QR code and linked in test mode: http(s) only. */
/** alipay.trade.create (JSAPI_PAY): the trade_no the page hands to AlipayJSBridge's tradePay. */
export const createAnswer = z.object({ out_trade_no: z.string(), trade_no: z.string().min(1).max(64) });

export const precreateAnswer = z.object({
  out_trade_no: z.string(),
  qr_code: z.string().refine((url) => urlHasScheme(url, ALIPAY_QR_SCHEMES), "qr_code is not an http(s) URL"),
});

/**
 * alipay.trade.query names no seller (it answers about the calling app's own trades); a seller_id,
 * should one come, is checked like a notification's.
 */
export const tradeQueryAnswer = z.object({
  trade_no: z.string(),
  out_trade_no: z.string(),
  trade_status: z.enum(TRADE_STATUSES),
  total_amount: yuan,
  send_pay_date: alipayTime.optional(),
  seller_id: z.string().optional(),
});

export const closeAnswer = z.object({ out_trade_no: z.string().optional() });

/**
 * fund_change Y: this call moved the money. N: a repeat of a request already handled (or not yet
 * moved): ask fastpay.refund.query. Its refund_fee is the trade's total refunded so far, not this
 * request's amount, so it is not read.
 */
export const refundAnswer = z.object({ fund_change: z.enum(["Y", "N"]), gmt_refund_pay: alipayTime.optional() });

export const refundQueryAnswer = z.object({
  out_request_no: z.string().optional(),
  refund_amount: yuan.optional(),
  refund_status: z.enum(REFUND_STATUSES).optional(),
  gmt_refund_pay: alipayTime.optional(),
});

/** The asynchronous notification form (notify_type=trade_status_sync), once its signature is verified. */
export const tradeNotification = z.object({
  notify_id: z.string(),
  app_id: z.string(),
  /** The PID of the merchant paid; Alipay's rule: check it (with app_id and the amount) before trusting the rest. */
  seller_id: z.string().optional(),
  trade_no: z.string(),
  out_trade_no: z.string(),
  trade_status: z.enum(TRADE_STATUSES),
  total_amount: yuan,
  gmt_payment: alipayTime.optional(),
});
