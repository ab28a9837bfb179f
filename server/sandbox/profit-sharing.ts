import { db, type Tx } from "@/server/db";
import { loadEnv } from "@/server/env";
import type { SandboxSplitOrder, SandboxSplitReturn, SandboxTrade } from "@/server/generated/prisma/client.ts";
import { scaled } from "./faults";
import { lockTrade, splitOutAmount } from "./split-amounts";
import { newChannelTradeNo } from "./trades";

/**
 * The sandbox channels' profit-sharing books (分账), shared by the simulated WeChat Pay and Alipay,
 * enforcing the channels' rules (../shared/FIELD-NOTES.md §C, docs/profit-sharing.md):
 * - the trade is paid and was frozen for sharing at pay time;
 * - no split before SANDBOX_SPLIT_MIN_DELAY_SECONDS after the payment (WeChat Pay), none after 180 days (the
 *   channel unfreezes the rest by itself) nor after the rest was released (unfreeze / finish);
 * - ≤ 50 receivers per request, ≤ 50 split orders per trade; amounts > 0;
 * - to receivers at most 30 % of the trade amount over all its splits (floored to the fen), and never
 *   more than is still frozen: amount − refunded − split out (net of returns);
 * - the same out_order_no replays the first order; other content is refused;
 * - returns (回退) only from MERCHANT_ID receivers, at most what was split to them less earlier returns.
 * Every change runs under the trade's row lock, which refunds take as well.
 */

export const MAX_RECEIVERS_PER_SPLIT = 50;
export const MAX_SPLITS_PER_TRADE = 50;
/** The default maximum share to receivers, in percent of the trade amount. */
export const MAX_SPLIT_PERCENT = 30n;
export const FREEZE_DAYS = 180;
/** A WeChat Pay split settles by itself this long after it was accepted (× SANDBOX_TIME_SCALE). */
export const AUTO_SPLIT_MS = 3_000;

export type SplitRefusalReason =
  | "TRADE_NOT_FOUND"
  | "TRADE_NOT_PAID"
  | "NOT_SHARING"
  | "TOO_EARLY"
  | "FINISHED"
  | "RECEIVER_COUNT"
  | "TOO_MANY_SPLITS"
  | "DUPLICATE_RECEIVER"
  | "NO_RELATION"
  | "RATIO_EXCEEDED"
  | "NOT_ENOUGH"
  | "PARAMS_MISMATCH"
  | "ORDER_NOT_FOUND"
  | "ORDER_PROCESSING"
  | "NOT_MERCHANT_RECEIVER"
  | "RETURN_EXCEEDS";

export class SplitRefusal extends Error {
  constructor(
    readonly reason: SplitRefusalReason,
    message: string,
  ) {
    super(message);
  }
}

/** One receiver line of a split order as kept in SandboxSplitOrder.receivers (amount as a decimal string). */
export type SplitLine = {
  type: string;
  account: string;
  amount: string;
  description: string;
  /** PENDING | SUCCESS | CLOSED */
  result: string;
  failReason?: string;
  detailId: string;
  /** Whether the amount left the merchant (a line closed for lack of a relation does not). */
  counted: boolean;
  finishedAt?: string;
};

export const splitLines = (order: SandboxSplitOrder): SplitLine[] => order.receivers as unknown as SplitLine[];

// receivers

export type ReceiverInput = { type: string; account: string; name?: string; relationType?: string; customRelation?: string };

/** Adding a receiver again updates it (the channels answer success). */
export async function addSplitReceiver(sandboxMerchantId: string, receiver: ReceiverInput): Promise<void> {
  const data = { name: receiver.name ?? null, relationType: receiver.relationType ?? null, customRelation: receiver.customRelation ?? null };
  await db.sandboxSplitReceiver.upsert({
    where: { sandboxMerchantId_type_account: { sandboxMerchantId, type: receiver.type, account: receiver.account } },
    create: { sandboxMerchantId, type: receiver.type, account: receiver.account, ...data },
    update: data,
  });
}

/** Deleting a receiver that is not there is a success too. */
export async function deleteSplitReceiver(sandboxMerchantId: string, receiver: { type: string; account: string }): Promise<void> {
  await db.sandboxSplitReceiver.deleteMany({ where: { sandboxMerchantId, type: receiver.type, account: receiver.account } });
}

// split orders

export type SplitInput = {
  outOrderNo: string;
  receivers: { type: string; account: string; amount: bigint; description: string }[];
  /** Release the rest after this split (unfreeze_unsplit, royalty_finish). */
  finish: boolean;
};

export type SplitStyle = {
  /** WeChat Pay: PROCESSING, settled later; Alipay (royalty_mode sync): settled in the call. */
  settle: "async" | "sync";
  /** A receiver without a relation: WeChat Pay closes its line (NO_RELATION); Alipay refuses the request. */
  unbound: "close" | "refuse";
  /** Who the merchant is at the channel (the unfreeze line's account). */
  merchantAccount: string;
  /** WeChat Pay refuses a split in the first SANDBOX_SPLIT_MIN_DELAY_SECONDS after the payment; Alipay does not. */
  delayed: boolean;
};

function checkSplittable(trade: SandboxTrade, now: Date, delayed: boolean): void {
  if (trade.state !== "SUCCEEDED" || !trade.paidAt) throw new SplitRefusal("TRADE_NOT_PAID", "trade is not paid");
  if (!trade.profitSharing) throw new SplitRefusal("NOT_SHARING", "trade was not frozen for profit sharing");
  if (trade.splitFinishedAt) throw new SplitRefusal("FINISHED", "the rest was already released");
  if (now.getTime() - trade.paidAt.getTime() > FREEZE_DAYS * 86_400_000) throw new SplitRefusal("FINISHED", "past 180 days the rest was unfrozen by the channel");
  if (delayed && now.getTime() - trade.paidAt.getTime() < loadEnv().SANDBOX_SPLIT_MIN_DELAY_SECONDS * 1000) throw new SplitRefusal("TOO_EARLY", "too soon after the payment");
}

function sameContent(order: SandboxSplitOrder, kind: string, input: SplitInput): boolean {
  if (kind === "UNFREEZE") return order.kind === kind;
  const lines = splitLines(order);
  return (
    order.kind === kind &&
    order.finish === input.finish &&
    lines.length === input.receivers.length &&
    lines.every((line, i) => line.type === input.receivers[i].type && line.account === input.receivers[i].account && BigInt(line.amount) === input.receivers[i].amount)
  );
}

/** The existing order of this out_order_no (settled if due), or null; other content is refused. */
async function replayed(trade: SandboxTrade, kind: string, input: SplitInput): Promise<SandboxSplitOrder | null> {
  const existing = await db.sandboxSplitOrder.findUnique({ where: { tradeId_outOrderNo: { tradeId: trade.id, outOrderNo: input.outOrderNo } } });
  if (!existing) {
    // out_order_no is the merchant's own number across its trades. Another trade's only: a concurrent request of the
    // same split may have created this trade's order since the read above, and is answered as a replay under the lock.
    const elsewhere = await db.sandboxSplitOrder.findFirst({
      where: { outOrderNo: input.outOrderNo, tradeId: { not: trade.id }, trade: { sandboxMerchantId: trade.sandboxMerchantId } },
    });
    if (elsewhere) throw new SplitRefusal("PARAMS_MISMATCH", "out_order_no was used for another trade");
    return null;
  }
  if (!sameContent(existing, kind, input)) throw new SplitRefusal("PARAMS_MISMATCH", "out_order_no reused with other content");
  return settleSplitIfDue(existing);
}

function line(receiver: SplitInput["receivers"][number], counted: boolean, settledNow: Date | null): SplitLine {
  return {
    type: receiver.type,
    account: receiver.account,
    amount: receiver.amount.toString(),
    description: receiver.description,
    result: settledNow ? (counted ? "SUCCESS" : "CLOSED") : "PENDING",
    ...(settledNow && !counted ? { failReason: "NO_RELATION" } : {}),
    detailId: newChannelTradeNo("36"),
    counted,
    ...(settledNow ? { finishedAt: settledNow.toISOString() } : {}),
  };
}

/** Splits part of a frozen trade to receivers; idempotent on out_order_no. */
export async function createSplit(trade: SandboxTrade, input: SplitInput, style: SplitStyle): Promise<SandboxSplitOrder> {
  const again = await replayed(trade, "SPLIT", input);
  if (again) return again;
  if (input.receivers.length === 0) throw new SplitRefusal("RECEIVER_COUNT", "receivers must not be empty");
  if (input.receivers.length > MAX_RECEIVERS_PER_SPLIT) throw new SplitRefusal("RECEIVER_COUNT", `at most ${MAX_RECEIVERS_PER_SPLIT} receivers`);
  const keys = new Set(input.receivers.map((r) => `${r.type}\u0000${r.account}`));
  if (keys.size !== input.receivers.length) throw new SplitRefusal("DUPLICATE_RECEIVER", "a receiver appears twice");
  if (input.receivers.some((r) => r.amount <= 0n)) throw new SplitRefusal("NOT_ENOUGH", "amounts must be positive");

  const bound = await db.sandboxSplitReceiver.findMany({
    where: { sandboxMerchantId: trade.sandboxMerchantId, OR: input.receivers.map((r) => ({ type: r.type, account: r.account })) },
  });
  const isBound = (r: { type: string; account: string }) => bound.some((b) => b.type === r.type && b.account === r.account);
  if (style.unbound === "refuse" && !input.receivers.every(isBound)) throw new SplitRefusal("NO_RELATION", "a receiver has no relation with the merchant");

  return inSplitTransaction(trade, "SPLIT", input, async (tx, locked, now) => {
    checkSplittable(locked, now, style.delayed);
    const orders = await tx.sandboxSplitOrder.count({ where: { tradeId: trade.id, kind: "SPLIT" } });
    if (orders >= MAX_SPLITS_PER_TRADE) throw new SplitRefusal("TOO_MANY_SPLITS", `at most ${MAX_SPLITS_PER_TRADE} splits per trade`);
    const out = await splitOutAmount(tx, trade.id);
    const amount = input.receivers.filter(isBound).reduce((sum, r) => sum + r.amount, 0n);
    if (out.gross + amount > (locked.amount * MAX_SPLIT_PERCENT) / 100n) throw new SplitRefusal("RATIO_EXCEEDED", `more than ${MAX_SPLIT_PERCENT}% of the trade to receivers`);
    if (amount > locked.amount - locked.refundedAmount - out.net) throw new SplitRefusal("NOT_ENOUGH", "more than what is still frozen");
    const settledNow = style.settle === "sync" ? now : null;
    if (input.finish) await tx.sandboxTrade.update({ where: { id: trade.id }, data: { splitFinishedAt: now } });
    return tx.sandboxSplitOrder.create({
      data: {
        tradeId: trade.id,
        outOrderNo: input.outOrderNo,
        channelOrderId: newChannelTradeNo("30"),
        kind: "SPLIT",
        state: settledNow ? "FINISHED" : "PROCESSING",
        amount,
        finish: input.finish,
        receivers: input.receivers.map((r) => line(r, isBound(r), settledNow)),
        finishedAt: settledNow,
      },
    });
  });
}

/**
 * Releases what is still frozen to the merchant (WeChat orders/unfreeze; Alipay settle with
 * royalty_finish and no receivers); no split may follow. The order shows the released amount as a
 * line to the merchant itself, as WeChat Pay answers ("解冻给分账方").
 */
export async function unfreezeTrade(trade: SandboxTrade, outOrderNo: string, description: string, style: SplitStyle): Promise<SandboxSplitOrder> {
  const input: SplitInput = { outOrderNo, receivers: [], finish: true };
  const again = await replayed(trade, "UNFREEZE", input);
  if (again) return again;
  return inSplitTransaction(trade, "UNFREEZE", input, async (tx, locked, now) => {
    if (locked.state !== "SUCCEEDED" || !locked.paidAt) throw new SplitRefusal("TRADE_NOT_PAID", "trade is not paid");
    if (!locked.profitSharing) throw new SplitRefusal("NOT_SHARING", "trade was not frozen for profit sharing");
    if (locked.splitFinishedAt) throw new SplitRefusal("FINISHED", "the rest was already released");
    if (now.getTime() - locked.paidAt.getTime() > FREEZE_DAYS * 86_400_000) throw new SplitRefusal("FINISHED", "past 180 days the rest was unfrozen by the channel");
    const out = await splitOutAmount(tx, trade.id);
    const rest = locked.amount - locked.refundedAmount - out.net;
    const settledNow = style.settle === "sync" ? now : null;
    await tx.sandboxTrade.update({ where: { id: trade.id }, data: { splitFinishedAt: now } });
    const self = { type: "MERCHANT_ID", account: style.merchantAccount, amount: rest > 0n ? rest : 0n, description: description || "解冻给分账方" };
    return tx.sandboxSplitOrder.create({
      data: {
        tradeId: trade.id,
        outOrderNo,
        channelOrderId: newChannelTradeNo("30"),
        kind: "UNFREEZE",
        state: settledNow ? "FINISHED" : "PROCESSING",
        amount: self.amount,
        finish: true,
        // the merchant's own line never counts as split out
        receivers: style.settle === "sync" ? [] : [line(self, false, null)],
        finishedAt: settledNow,
      },
    });
  });
}

/**
 * Runs a split under the trade's row lock. A concurrent create of the same out_order_no that got
 * there first is answered as a replay (seen under the lock, or by the unique index), never refused
 * by the checks its own money now fails.
 */
async function inSplitTransaction(
  trade: SandboxTrade,
  kind: "SPLIT" | "UNFREEZE",
  input: SplitInput,
  step: (tx: Tx, locked: SandboxTrade, now: Date) => Promise<SandboxSplitOrder>,
): Promise<SandboxSplitOrder> {
  const key = { tradeId_outOrderNo: { tradeId: trade.id, outOrderNo: input.outOrderNo } };
  let created: SandboxSplitOrder | null = null;
  let raced: SandboxSplitOrder | null;
  try {
    raced = await db.$transaction(async (tx) => {
      const locked = await lockTrade(tx, trade.id);
      const first = await tx.sandboxSplitOrder.findUnique({ where: key });
      if (!first) created = await step(tx, locked, new Date());
      return first;
    });
  } catch (error) {
    if ((error as { code?: string }).code !== "P2002") throw error;
    raced = await db.sandboxSplitOrder.findUniqueOrThrow({ where: key });
  }
  if (created) return created;
  if (!sameContent(raced!, kind, input)) throw new SplitRefusal("PARAMS_MISMATCH", "out_order_no reused with other content");
  return settleSplitIfDue(raced!);
}

/**
 * An asynchronous (WeChat Pay) order settles by itself AUTO_SPLIT_MS after it was accepted, seen by
 * the next read: lines with a relation SUCCESS, the others CLOSED (NO_RELATION); the unfreeze line
 * SUCCESS. A compare-and-set on the state: concurrent reads settle it once.
 */
export async function settleSplitIfDue(order: SandboxSplitOrder, now = new Date()): Promise<SandboxSplitOrder> {
  if (order.state !== "PROCESSING" || order.createdAt.getTime() + scaled(AUTO_SPLIT_MS) > now.getTime()) return order;
  const receivers = splitLines(order).map(
    (l): SplitLine => ({
      ...l,
      result: l.counted || order.kind === "UNFREEZE" ? "SUCCESS" : "CLOSED",
      ...(l.counted || order.kind === "UNFREEZE" ? {} : { failReason: "NO_RELATION" }),
      finishedAt: now.toISOString(),
    }),
  );
  await db.sandboxSplitOrder.updateMany({ where: { id: order.id, state: "PROCESSING" }, data: { state: "FINISHED", receivers, finishedAt: now } });
  return db.sandboxSplitOrder.findUniqueOrThrow({ where: { id: order.id } });
}

export async function findSplit(sandboxMerchantId: string, outOrderNo: string, tradeRef: { channelTradeNo?: string }): Promise<SandboxSplitOrder | null> {
  const order = await db.sandboxSplitOrder.findFirst({
    where: { outOrderNo, trade: { sandboxMerchantId, ...(tradeRef.channelTradeNo ? { channelTradeNo: tradeRef.channelTradeNo } : {}) } },
  });
  return order && settleSplitIfDue(order);
}

// returns (回退)

export type ReturnInput = { outReturnNo: string; account: string; amount: bigint; description: string };

/** Takes money back from a MERCHANT_ID receiver of a settled split; idempotent on out_return_no. Succeeds at once. */
export async function createSplitReturn(order: SandboxSplitOrder, input: ReturnInput): Promise<SandboxSplitReturn> {
  const existing = await db.sandboxSplitReturn.findUnique({ where: { splitOrderId_outReturnNo: { splitOrderId: order.id, outReturnNo: input.outReturnNo } } });
  if (existing) {
    if (existing.amount !== input.amount || existing.account !== input.account) throw new SplitRefusal("PARAMS_MISMATCH", "out_return_no reused with other content");
    return existing;
  }
  if (input.amount <= 0n) throw new SplitRefusal("RETURN_EXCEEDS", "amount must be positive");
  const settled = await settleSplitIfDue(order);
  if (settled.kind !== "SPLIT") throw new SplitRefusal("ORDER_NOT_FOUND", "not a split order");
  const receiver = splitLines(settled).find((l) => l.account === input.account && l.type === "MERCHANT_ID");
  if (!receiver) {
    if (splitLines(settled).some((l) => l.account === input.account)) throw new SplitRefusal("NOT_MERCHANT_RECEIVER", "only MERCHANT_ID receivers can return");
    throw new SplitRefusal("NOT_MERCHANT_RECEIVER", "the split paid nothing to this merchant");
  }
  if (receiver.result === "PENDING") throw new SplitRefusal("ORDER_PROCESSING", "the split is still processing");
  if (receiver.result !== "SUCCESS") throw new SplitRefusal("RETURN_EXCEEDS", "the split paid nothing to this receiver");
  try {
    return await db.$transaction(async (tx) => {
      await lockTrade(tx, settled.tradeId);
      const first = await tx.sandboxSplitReturn.findUnique({ where: { splitOrderId_outReturnNo: { splitOrderId: order.id, outReturnNo: input.outReturnNo } } });
      if (first) {
        if (first.amount !== input.amount || first.account !== input.account) throw new SplitRefusal("PARAMS_MISMATCH", "out_return_no reused with other content");
        return first;
      }
      const [{ returned }] = await tx.$queryRaw<{ returned: bigint }[]>`
        SELECT COALESCE(SUM(amount), 0)::bigint AS returned FROM "SandboxSplitReturn"
        WHERE "splitOrderId" = ${settled.id} AND account = ${input.account} AND state <> 'FAILED'`;
      if (returned + input.amount > BigInt(receiver.amount)) throw new SplitRefusal("RETURN_EXCEEDS", "more than was split to the receiver, less earlier returns");
      const now = new Date();
      return tx.sandboxSplitReturn.create({
        data: {
          splitOrderId: settled.id,
          outReturnNo: input.outReturnNo,
          channelReturnId: newChannelTradeNo("31"),
          account: input.account,
          amount: input.amount,
          state: "SUCCESS",
          createdAt: now,
          finishedAt: now,
        },
      });
    });
  } catch (error) {
    if ((error as { code?: string }).code !== "P2002") throw error;
    const won = await db.sandboxSplitReturn.findUniqueOrThrow({ where: { splitOrderId_outReturnNo: { splitOrderId: order.id, outReturnNo: input.outReturnNo } } });
    if (won.amount !== input.amount || won.account !== input.account) throw new SplitRefusal("PARAMS_MISMATCH", "out_return_no reused with other content");
    return won;
  }
}
