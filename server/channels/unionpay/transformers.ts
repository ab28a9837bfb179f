import { z } from "zod";
import type { RefundState, TradeState } from "../types";

/**
 * ACP's wire conventions, converted at the edge: amounts are fen as plain digits (txnAmt), times are
 * `yyyyMMddHHmmss` in Beijing time, order numbers 8–40 letters and digits only.
 */

const BEIJING_OFFSET_MS = 8 * 3600_000;

/** A moment as ACP writes it: yyyyMMddHHmmss, Beijing time. */
export function toTxnTime(date: Date): string {
  return new Date(date.getTime() + BEIJING_OFFSET_MS).toISOString().replace(/[-:T]/g, "").slice(0, 14);
}

/** yyyyMMddHHmmss (Beijing) → Date; throws RangeError otherwise. */
export function fromTxnTime(text: string): Date {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(text);
  const date = m ? new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}+08:00`) : null;
  if (!date || Number.isNaN(date.getTime())) throw new RangeError(`not an ACP time: ${JSON.stringify(text)}`);
  return date;
}

/** 1999n → "1999"; txnAmt is fen, no decimals, and never zero or negative. */
export function toTxnAmt(fen: bigint): string {
  if (fen <= 0n) throw new RangeError(`txnAmt must be positive, not ${fen}`);
  return fen.toString();
}

export function fromTxnAmt(text: string): bigint {
  if (!/^\d{1,12}$/.test(text)) throw new RangeError(`not an ACP amount: ${JSON.stringify(text)}`);
  return BigInt(text);
}

/**
 * Our attempt number (`payOrderNo-N`: upper-case letters, digits and `-`) as an ACP orderId (8–40
 * letters and digits): each `-` becomes a lower-case `z`, which our numbers never hold, so the way
 * back is exact. `P20261122103000123K7M2Q9XT-1` ↔ `P20261122103000123K7M2Q9XTz1`.
 */
export function toOrderId(outTradeNo: string): string {
  if (!/^[A-Z0-9-]+$/.test(outTradeNo)) throw new RangeError(`${outTradeNo} cannot be an ACP orderId: letters must be upper-case`);
  const orderId = outTradeNo.replaceAll("-", "z");
  if (orderId.length < 8 || orderId.length > 40) throw new RangeError(`${outTradeNo} cannot be an ACP orderId: 8 to 40 characters`);
  return orderId;
}

export function fromOrderId(orderId: string): string {
  return orderId.replaceAll("z", "-");
}

export function isOrderId(text: string): boolean {
  return /^[A-Za-z0-9]{8,40}$/.test(text);
}

/**
 * respCode of a back-end answer (and origRespCode of a query), FIELD-NOTES §E:
 * 00 done; 03/04/05 processing or unknown (query later); 34 no such order; other codes refused.
 */
export type RespClass = "success" | "processing" | "not_found" | "refused";

export function respClass(code: string): RespClass {
  if (code === "00" || code === "A6") return "success";
  if (code === "03" || code === "04" || code === "05") return "processing";
  if (code === "34") return "not_found";
  return "refused";
}

/**
 * A trade's state from a query's origRespCode. A gateway order the payer never submitted does not
 * exist at UnionPay (the query answers 34): NOT_FOUND, closed by its payTimeout.
 */
export function tradeState(origRespCode: string): TradeState {
  return TRADE_STATES[respClass(origRespCode)];
}

const TRADE_STATES: Record<RespClass, TradeState> = { success: "SUCCEEDED", processing: "PENDING", not_found: "NOT_FOUND", refused: "FAILED" };

/** A refund's (退货 04) state from its query's origRespCode. */
export function refundState(origRespCode: string): RefundState {
  return REFUND_STATES[respClass(origRespCode)];
}

const REFUND_STATES: Record<RespClass, RefundState> = { success: "SUCCEEDED", processing: "PROCESSING", not_found: "NOT_FOUND", refused: "FAILED" };

// wire shapes (after the signature is verified), only the fields we read

const amount = z.string().transform((text, ctx) => {
  try {
    return fromTxnAmt(text);
  } catch (error) {
    ctx.addIssue({ code: "custom", message: (error as Error).message });
    return z.NEVER;
  }
});

export const queryAnswer = z.object({
  merId: z.string(),
  orderId: z.string(),
  txnType: z.string(),
  respCode: z.string(),
  origRespCode: z.string().optional(),
  origRespMsg: z.string().optional(),
  queryId: z.string().optional(),
  txnAmt: amount.optional(),
  currencyCode: z.string().optional(),
  txnTime: z.string().optional(),
  traceTime: z.string().optional(),
});

export const backAnswer = z.object({
  merId: z.string(),
  orderId: z.string(),
  respCode: z.string(),
  respMsg: z.string().optional(),
  queryId: z.string().optional(),
});

/** A consume notification (txnType 01) or a refund's (04). */
export const notification = z.object({
  merId: z.string(),
  orderId: z.string(),
  txnType: z.string(),
  txnSubType: z.string().optional(),
  txnTime: z.string(),
  txnAmt: amount,
  currencyCode: z.string(),
  queryId: z.string(),
  respCode: z.string(),
  respMsg: z.string().optional(),
  traceTime: z.string().optional(),
  settleDate: z.string().optional(),
  origQryId: z.string().optional(),
  reqReserved: z.string().optional(),
});
