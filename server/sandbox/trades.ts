import { randomInt } from "node:crypto";
import { db } from "@/server/db";
import { Prisma, type SandboxMerchant, type SandboxRefund, type SandboxTrade } from "@/server/generated/prisma/client.ts";
import { uuidv7 } from "@/server/domain/uuid7";
import { columns, sql } from "@/server/sql";
import { enqueueJob } from "@/server/jobs/enqueue";
import { chance, parseFaults, scaled } from "./faults";
import { sandboxNotify, sandboxSettleRefund } from "./jobs";
import { lockTrade, splitOutAmount } from "./split-amounts";

/**
 * The sandbox channels' books, shared by the simulated WeChat Pay and Alipay: trades, the payer's
 * decision, refunds. Every change is a compare-and-set; notifications are queued in the same
 * transaction, as the real channels' outboxes would.
 */

export class SandboxConflict extends Error {
  constructor(
    readonly reason: "TRADE_PAID" | "TRADE_CLOSED" | "TRADE_NOT_FOUND" | "PARAMS_MISMATCH" | "REFUND_EXCEEDS" | "REFUND_SPLIT_OUT" | "TRADE_NOT_PAID",
    message: string,
  ) {
    super(message);
  }
}

/** A channel trade number in the channel's style: a prefix, the date and random digits. */
export function newChannelTradeNo(prefix: string, now = new Date()): string {
  const ymd = now.toISOString().slice(0, 10).replaceAll("-", "");
  return `${prefix}${ymd}${String(randomInt(0, 1e9)).padStart(9, "0")}${String(randomInt(0, 1e9)).padStart(9, "0")}`;
}

const MERCHANT_COLUMNS = columns(Prisma.SandboxMerchantScalarFieldEnum);
const TRADE_COLUMNS = columns(Prisma.SandboxTradeScalarFieldEnum);
const NEW_TRADE_COLUMNS = [
  "id", "sandboxMerchantId", "channel", "outTradeNo", "channelTradeNo", "channelAppId", "tradeType", "amount", "currency", "subject",
  "notifyUrl", "returnUrl", "expiresAt", "profitSharing", "authCode", "payerId", "createdAt", "updatedAt",
] as const;

/** The merchant a request names: one prepared statement (server/sql.ts), every call to the simulated channels starts here. */
export async function findSandboxMerchant(channel: string, channelMchId: string): Promise<SandboxMerchant | null> {
  const { rows } = await sql<SandboxMerchant>(`SELECT ${MERCHANT_COLUMNS} FROM "SandboxMerchant" WHERE channel = $1 AND "channelMchId" = $2`, [channel, channelMchId]);
  return rows[0] ?? null;
}

/** A new trade, or null when the merchant has one with this out_trade_no already (one statement for the common case). */
async function insertTrade(input: NewTrade): Promise<SandboxTrade | null> {
  // timestamps as Prisma writes them (UTC), not the column default's session time zone
  const now = new Date();
  const values = [uuidv7(now.getTime()), input.sandboxMerchantId, input.channel, input.outTradeNo, input.channelTradeNo, input.channelAppId, input.tradeType,
    input.amount, input.currency, input.subject, input.notifyUrl, input.returnUrl, input.expiresAt, input.profitSharing ?? false,
    input.authCode ?? null, input.payerId ?? null, now, now];
  const { rows } = await sql<SandboxTrade>(
    `INSERT INTO "SandboxTrade" (${NEW_TRADE_COLUMNS.map((c) => `"${c}"`).join(", ")})
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::bigint, $9, $10, $11, $12, $13::timestamp, $14, $15, $16, $17::timestamp, $18::timestamp)
     ON CONFLICT ("sandboxMerchantId", "outTradeNo") DO NOTHING
     RETURNING ${TRADE_COLUMNS}`,
    values,
  );
  return rows[0] ?? null;
}

/** A PENDING trade past its expiry is CLOSED, as the channel would report it. */
async function expireIfDue(trade: SandboxTrade): Promise<SandboxTrade> {
  if (trade.state !== "PENDING" || trade.expiresAt > new Date()) return trade;
  await db.sandboxTrade.updateMany({ where: { id: trade.id, state: "PENDING" }, data: { state: "CLOSED", stateDetail: "expired" } });
  return db.sandboxTrade.findUniqueOrThrow({ where: { id: trade.id } });
}

export async function findTrade(sandboxMerchantId: string, outTradeNo: string): Promise<SandboxTrade | null> {
  const trade = await db.sandboxTrade.findUnique({ where: { sandboxMerchantId_outTradeNo: { sandboxMerchantId, outTradeNo } } });
  return trade && expireIfDue(trade);
}

export async function findTradeById(id: string): Promise<SandboxTrade | null> {
  const trade = await db.sandboxTrade.findUnique({ where: { id } });
  return trade && expireIfDue(trade);
}

export type NewTrade = Omit<
  SandboxTrade,
  "id" | "state" | "stateDetail" | "paidAt" | "payerId" | "refundedAmount" | "profitSharing" | "splitFinishedAt" | "authCode" | "createdAt" | "updatedAt"
> & { profitSharing?: boolean; authCode?: string; payerId?: string };

/**
 * Creates a trade. The same out_trade_no again with the same amount answers the existing pending
 * trade (as the channels do); a paid or closed one, or another amount, is a conflict.
 */
export async function createTrade(input: NewTrade): Promise<SandboxTrade> {
  const created = await insertTrade(input);
  if (created) return created;
  const existing = await findTrade(input.sandboxMerchantId, input.outTradeNo);
  if (!existing) throw new Error(`sandbox trade ${input.outTradeNo} neither inserted nor found`);
  if (existing.state === "SUCCEEDED") throw new SandboxConflict("TRADE_PAID", "trade already paid");
  if (existing.state !== "PENDING") throw new SandboxConflict("TRADE_CLOSED", "trade closed");
  if (existing.amount !== input.amount) throw new SandboxConflict("PARAMS_MISMATCH", "out_trade_no reused with other parameters");
  return existing;
}

/** Closes a pending trade. Paid → conflict; unknown → TRADE_NOT_FOUND; already closed → fine. */
export async function closeTrade(sandboxMerchantId: string, outTradeNo: string): Promise<SandboxTrade> {
  const trade = await findTrade(sandboxMerchantId, outTradeNo);
  if (!trade) throw new SandboxConflict("TRADE_NOT_FOUND", "trade does not exist");
  if (trade.state === "SUCCEEDED") throw new SandboxConflict("TRADE_PAID", "trade already paid");
  await db.sandboxTrade.updateMany({ where: { id: trade.id, state: "PENDING" }, data: { state: "CLOSED", stateDetail: "closed by merchant" } });
  return db.sandboxTrade.findUniqueOrThrow({ where: { id: trade.id } });
}

export type PayerOutcome = "success" | "fail" | "close";

/**
 * The consumer acts in the simulated WeChat / Alipay app: pays (subject to the merchant's decline
 * rate), declines, or lets it go. A payment queues the channel's notification in the same
 * transaction, with the merchant's notification faults applied.
 */
export async function settleTrade(tradeId: string, outcome: PayerOutcome, payerId = "sandbox-payer"): Promise<SandboxTrade> {
  const trade = await findTradeById(tradeId);
  if (!trade) throw new SandboxConflict("TRADE_NOT_FOUND", "trade does not exist");
  const merchant = await db.sandboxMerchant.findUniqueOrThrow({ where: { id: trade.sandboxMerchantId } });
  const faults = parseFaults(merchant.faults);
  const declined = outcome === "success" && chance(faults.declinePerMille);
  const state = outcome === "success" && !declined ? "SUCCEEDED" : outcome === "close" ? "CLOSED" : "FAILED";
  return db.$transaction(async (tx) => {
    const changed = await tx.sandboxTrade.updateMany({
      where: { id: trade.id, state: "PENDING" },
      data: {
        state,
        stateDetail: declined ? "declined by the bank (fault injection)" : outcome === "fail" ? "declined by the payer" : null,
        paidAt: state === "SUCCEEDED" ? new Date() : null,
        payerId: state === "SUCCEEDED" ? payerId : null,
      },
    });
    if (changed.count === 1 && state === "SUCCEEDED" && !faults.dropNotifications) {
      const runAt = new Date(Date.now() + scaled(faults.notificationDelayMs));
      const copies = faults.duplicateNotifications ? 2 : 1;
      for (let i = 0; i < copies; i++) await enqueueJob(tx, sandboxNotify, { kind: "payment", id: trade.id, attempt: 0 }, { runAt });
    }
    return tx.sandboxTrade.findUniqueOrThrow({ where: { id: trade.id } });
  });
}

/** Seconds after which a sandbox refund nobody simulates succeeds by itself. */
export const AUTO_REFUND_MS = 3_000;

/**
 * Starts a refund: idempotent on out_refund_no; never more than what is left of the trade, money
 * split out to profit-sharing receivers (net of returns) excluded (reserved with a compare-and-set
 * on refundedAmount under the trade's row lock, which splits take too). It settles by itself after a few seconds.
 */
export async function createRefund(
  trade: SandboxTrade,
  input: { outRefundNo: string; amount: bigint; reason?: string; notifyUrl?: string; channelRefundNo: string },
): Promise<SandboxRefund> {
  const existing = await db.sandboxRefund.findUnique({ where: { tradeId_outRefundNo: { tradeId: trade.id, outRefundNo: input.outRefundNo } } });
  if (existing) {
    if (existing.amount !== input.amount) throw new SandboxConflict("PARAMS_MISMATCH", "out_refund_no reused with another amount");
    return existing;
  }
  if (trade.state !== "SUCCEEDED") throw new SandboxConflict("TRADE_NOT_PAID", "trade is not paid");
  try {
    return await reserveAndCreateRefund(trade, input);
  } catch (error) {
    // The same out_refund_no arrived twice at once (a retry racing the first call): answer with the one that won.
    if ((error as { code?: string }).code !== "P2002") throw error;
    const won = await db.sandboxRefund.findUniqueOrThrow({ where: { tradeId_outRefundNo: { tradeId: trade.id, outRefundNo: input.outRefundNo } } });
    if (won.amount !== input.amount) throw new SandboxConflict("PARAMS_MISMATCH", "out_refund_no reused with another amount");
    return won;
  }
}

function reserveAndCreateRefund(
  trade: SandboxTrade,
  input: { outRefundNo: string; amount: bigint; reason?: string; notifyUrl?: string; channelRefundNo: string },
): Promise<SandboxRefund> {
  return db.$transaction(async (tx) => {
    const locked = await lockTrade(tx, trade.id);
    const splitOut = (await splitOutAmount(tx, trade.id)).net;
    const reserved = await tx.$executeRaw`
      UPDATE "SandboxTrade" SET "refundedAmount" = "refundedAmount" + ${input.amount}, "updatedAt" = now()
      WHERE id = ${trade.id} AND "refundedAmount" + ${input.amount} + ${splitOut} <= amount`;
    if (reserved !== 1) {
      if (locked.refundedAmount + input.amount <= locked.amount) throw new SandboxConflict("REFUND_SPLIT_OUT", "refund exceeds what is left after profit sharing");
      throw new SandboxConflict("REFUND_EXCEEDS", "refund exceeds what is left of the trade");
    }
    const refund = await tx.sandboxRefund.create({ data: { tradeId: trade.id, ...input } });
    await enqueueJob(tx, sandboxSettleRefund, { refundId: refund.id, outcome: "success" }, { runAt: new Date(Date.now() + scaled(AUTO_REFUND_MS)) });
    return refund;
  });
}

/** Settles a processing refund (by itself, or simulated); a failed one gives its amount back to the trade. */
export async function settleRefund(refundId: string, outcome: "success" | "fail"): Promise<SandboxRefund> {
  return db.$transaction(async (tx) => {
    const refund = await tx.sandboxRefund.findUniqueOrThrow({ where: { id: refundId } });
    const changed = await tx.sandboxRefund.updateMany({
      where: { id: refundId, state: "PROCESSING" },
      data: outcome === "success" ? { state: "SUCCEEDED", succeededAt: new Date() } : { state: "FAILED" },
    });
    if (changed.count === 1) {
      if (outcome === "fail") {
        await tx.$executeRaw`UPDATE "SandboxTrade" SET "refundedAmount" = "refundedAmount" - ${refund.amount} WHERE id = ${refund.tradeId}`;
      }
      await enqueueJob(tx, sandboxNotify, { kind: "refund", id: refund.id, attempt: 0 });
    }
    return tx.sandboxRefund.findUniqueOrThrow({ where: { id: refundId } });
  });
}
