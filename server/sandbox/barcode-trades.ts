import { db } from "@/server/db";
import type { SandboxTrade } from "@/server/generated/prisma/client.ts";
import { isUniqueViolation } from "@/server/sql";
import { type PayCodeChannel, readPayCode, type SandboxBuyer, sandboxBuyerId } from "./paycodes";
import { createTrade, findTrade, type NewTrade, SandboxConflict, settleTrade } from "./trades";

/**
 * Barcode payments (付款码, WeChat codepay / Alipay bar_code) on the shared sandbox books: the payer
 * is known from the code at once, and pays, declines, or has to confirm with a password on their
 * phone (the sandbox payer-code page). A reverse (撤销 / cancel) closes the trade for good; if the
 * payer had paid meanwhile, the money goes back to them. Every change is a compare-and-set.
 */

/** stateDetail of a trade closed by the merchant's reverse (WeChat shows it REVOKED). */
export const REVERSED = "REVERSED";
/** stateDetail of a trade declined for the payer's balance. */
export const INSUFFICIENT = "INSUFFICIENT_BALANCE";

/** A payment code the channel cannot take: not one of its codes, past its minute, or used already. */
export class PayCodeRefused extends Error {
  constructor(readonly reason: "invalid" | "expired" | "used") {
    super(reason);
  }
}

/** What the channel answers the merchant's scan. */
export type BarcodeAnswer = "PAID" | "USERPAYING" | "DECLINED" | "SYSTEM_ERROR";

function answerOf(trade: SandboxTrade): BarcodeAnswer {
  switch (trade.state) {
    case "SUCCEEDED":
      return "PAID";
    case "PENDING":
      return "USERPAYING";
    case "FAILED":
      return "DECLINED";
    case "CLOSED":
      throw new SandboxConflict("TRADE_CLOSED", trade.stateDetail === REVERSED ? "trade reversed" : "trade closed");
    default:
      return trade.state satisfies never;
  }
}

/**
 * The merchant scanned `authCode` for a new trade. A repeat of the same out_trade_no answers the
 * trade's current state (the channels answer a repeated pay call so); a new one must bring a valid,
 * unused code of this channel, whose buyer decides what happens.
 */
export async function payByCode(channel: PayCodeChannel, input: Omit<NewTrade, "channel">, authCode: string): Promise<{ trade: SandboxTrade; answer: BarcodeAnswer }> {
  const existing = await findTrade(input.sandboxMerchantId, input.outTradeNo);
  if (existing) {
    if (existing.amount !== input.amount || existing.authCode !== authCode) throw new SandboxConflict("PARAMS_MISMATCH", "out_trade_no reused with other parameters");
    return { trade: existing, answer: answerOf(existing) };
  }
  const reading = readPayCode(channel, authCode);
  if (!reading.ok) throw new PayCodeRefused(reading.reason);
  const buyer = reading.buyer;
  let trade: SandboxTrade;
  try {
    trade = await createTrade({ ...input, channel, authCode, payerId: sandboxBuyerId(channel, buyer) });
  } catch (error) {
    if (isUniqueViolation(error)) throw new PayCodeRefused("used");
    throw error;
  }
  return actAs(buyer, trade);
}

async function actAs(buyer: SandboxBuyer, trade: SandboxTrade): Promise<{ trade: SandboxTrade; answer: BarcodeAnswer }> {
  switch (buyer) {
    case "instant": {
      const settled = await settleTrade(trade.id, "success", trade.payerId ?? undefined);
      return { trade: settled, answer: answerOf(settled) };
    }
    case "password":
      return { trade, answer: "USERPAYING" };
    case "insufficient":
      await db.sandboxTrade.updateMany({ where: { id: trade.id, state: "PENDING" }, data: { state: "FAILED", stateDetail: INSUFFICIENT, payerId: null } });
      return { trade: await db.sandboxTrade.findUniqueOrThrow({ where: { id: trade.id } }), answer: "DECLINED" };
    case "error":
      // the channel took the money, but its answer says only "system error"
      return { trade: await settleTrade(trade.id, "success", trade.payerId ?? undefined), answer: "SYSTEM_ERROR" };
    default:
      return buyer satisfies never;
  }
}

/** The payer, on their phone, enters the password (success) or cancels (fail) a payment waiting for it. */
export async function confirmCodePayment(tradeId: string, outcome: "success" | "fail"): Promise<SandboxTrade> {
  const trade = await db.sandboxTrade.findUnique({ where: { id: tradeId } });
  if (!trade?.authCode) throw new SandboxConflict("TRADE_NOT_FOUND", "no barcode trade");
  return settleTrade(trade.id, outcome, trade.payerId ?? undefined);
}

/**
 * The merchant's reverse: a pending trade is closed; a paid one is closed and its money returned
 * (whole: a trade with refunds already cannot be reversed); a closed or failed one stays as it is.
 * `refunded` says whether this trade's money went back. Null: no such trade.
 */
export async function reverseTrade(sandboxMerchantId: string, outTradeNo: string): Promise<{ trade: SandboxTrade; refunded: boolean } | null> {
  for (let round = 0; round < 3; round++) {
    const trade = await findTrade(sandboxMerchantId, outTradeNo);
    if (!trade) return null;
    if (trade.state === "PENDING") {
      const changed = await db.sandboxTrade.updateMany({ where: { id: trade.id, state: "PENDING" }, data: { state: "CLOSED", stateDetail: REVERSED } });
      if (changed.count === 1) return { trade: await db.sandboxTrade.findUniqueOrThrow({ where: { id: trade.id } }), refunded: false };
      continue; // paid or closed meanwhile: look again
    }
    if (trade.state === "SUCCEEDED") {
      if (trade.refundedAmount > 0n) throw new SandboxConflict("TRADE_PAID", "a refunded trade cannot be reversed");
      const changed = await db.sandboxTrade.updateMany({
        where: { id: trade.id, state: "SUCCEEDED", refundedAmount: 0n },
        data: { state: "CLOSED", stateDetail: REVERSED, refundedAmount: trade.amount },
      });
      if (changed.count === 1) return { trade: await db.sandboxTrade.findUniqueOrThrow({ where: { id: trade.id } }), refunded: true };
      continue;
    }
    return { trade, refunded: trade.stateDetail === REVERSED && trade.paidAt !== null };
  }
  throw new SandboxConflict("TRADE_PAID", "the trade keeps changing");
}

/** The barcode trades paid with any of `codes` (the payer page's codes), newest first. */
export function tradesOfCodes(channel: PayCodeChannel, codes: string[]): Promise<SandboxTrade[]> {
  if (codes.length === 0) return Promise.resolve([]);
  return db.sandboxTrade.findMany({ where: { channel, authCode: { in: codes } }, orderBy: { createdAt: "desc" } });
}
