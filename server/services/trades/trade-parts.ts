import type { Tx } from "@/server/db";
import type { AssetOp } from "@/server/domain/ledger";
import { AppError } from "@/server/errors";
import type { Trade, TradePart, TradePartStatus } from "@/server/generated/prisma/client.ts";
import { moveAsset } from "./buyer-assets";
import { enterCancel, enterConfirm, enterTry } from "./trade-barrier";
import { addTradeStep } from "./trade-steps";

/**
 * Each part's try / confirm / cancel (docs/adr/0015), inside the caller's transaction, fenced by the
 * part's barrier row so that a repeat does nothing: the coupon's compare-and-set, the points' and the
 * wallet's guarded movements with their journal entries.
 */

/** A part could not be deducted when the channel part succeeded (on_callback): the trade must compensate. */
export class DeductionShort extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = "DeductionShort";
  }
}

type TradeRef = Pick<Trade, "tradeId" | "appId" | "merchantId" | "buyerId" | "orderNo" | "payableAmount" | "deductMode">;

async function setPartStatus(tx: Tx, part: TradePart, to: TradePartStatus): Promise<void> {
  const moved = await tx.tradePart.updateMany({ where: { tradeId: part.tradeId, partNo: part.partNo, status: part.status }, data: { status: to } });
  if (moved.count !== 1) throw new Error(`trade part ${part.tradeId}/${part.partNo} moved under us (expected ${part.status})`);
}

function movement(trade: TradeRef, part: TradePart, op: AssetOp, fence: string) {
  const asset = part.instrument === "wallet" ? ("wallet" as const) : ("points" as const);
  return {
    merchantId: trade.merchantId,
    appId: trade.appId,
    buyerId: trade.buyerId,
    asset,
    op,
    amount: asset === "wallet" ? part.amount : (part.points ?? 0n),
    dedupeKey: `trade:${trade.tradeId}:${part.partNo}:${fence}`,
    orderNo: trade.orderNo,
    tradeId: trade.tradeId,
  };
}

/** Puts a coupon back: AVAILABLE, or EXPIRED when its time has passed meanwhile. */
async function returnCoupon(tx: Tx, trade: TradeRef, couponNo: string, from: "LOCKED" | "USED"): Promise<number> {
  return tx.$executeRaw`
    UPDATE "Coupon" SET status = (CASE WHEN "expiresAt" <= now() THEN 'EXPIRED' ELSE 'AVAILABLE' END)::"CouponStatus",
                        "tradeId" = NULL, "usedAt" = NULL, "updatedAt" = now()
    WHERE "appId" = ${trade.appId} AND "couponNo" = ${couponNo} AND status = ${from}::"CouponStatus" AND "tradeId" = ${trade.tradeId}`;
}

/** Try (lock mode, in the trade's own transaction): freeze. Short of anything → its 409; the caller's transaction rolls back. */
async function tryPart(tx: Tx, trade: TradeRef, part: TradePart): Promise<void> {
  if (!(await enterTry(tx, trade.tradeId, part.partNo))) return;
  if (part.instrument === "coupon") {
    const locked = await tx.coupon.updateMany({
      where: { appId: trade.appId, couponNo: part.couponNo!, buyerId: trade.buyerId, status: "AVAILABLE", expiresAt: { gt: new Date() }, minSpend: { lte: trade.payableAmount } },
      data: { status: "LOCKED", tradeId: trade.tradeId },
    });
    if (locked.count !== 1) throw new AppError("COUPON_UNAVAILABLE", "the coupon is no longer available", { field: "couponNos" });
  } else if (!(await moveAsset(tx, movement(trade, part, "freeze", "try")))) {
    throw part.instrument === "wallet"
      ? new AppError("INSUFFICIENT_BALANCE", "the buyer's wallet balance is too low", { field: "walletAmount" })
      : new AppError("INSUFFICIENT_POINTS", "the buyer has not enough points", { field: "points" });
  }
  await setPartStatus(tx, part, "LOCKED");
  await addTradeStep(tx, trade.tradeId, "frozen", { partNo: part.partNo, detail: part.instrument });
}

export async function freezeParts(tx: Tx, tradeId: string): Promise<void> {
  const trade = await tx.trade.findUniqueOrThrow({ where: { tradeId }, include: { parts: { orderBy: { partNo: "asc" } } } });
  for (const part of trade.parts) if (part.instrument !== "channel") await tryPart(tx, trade, part);
}

/**
 * Confirm, once the channel part is paid (or at once, with no channel part). lock: what was frozen is
 * taken. on_callback: deducted now, guarded; not enough any more → DeductionShort (the caller's
 * transaction rolls back, with the fence rows) and the trade compensates.
 */
export async function confirmPart(tx: Tx, trade: TradeRef, part: TradePart): Promise<void> {
  if (trade.deductMode === "on_callback") await enterTry(tx, trade.tradeId, part.partNo);
  if (!(await enterConfirm(tx, trade.tradeId, part.partNo))) return;
  if (part.instrument === "coupon") {
    const used =
      trade.deductMode === "lock"
        ? await tx.coupon.updateMany({ where: { appId: trade.appId, couponNo: part.couponNo!, status: "LOCKED", tradeId: trade.tradeId }, data: { status: "USED", usedAt: new Date() } })
        : await tx.coupon.updateMany({
            where: { appId: trade.appId, couponNo: part.couponNo!, buyerId: trade.buyerId, status: "AVAILABLE", expiresAt: { gt: new Date() } },
            data: { status: "USED", usedAt: new Date(), tradeId: trade.tradeId },
          });
    if (used.count !== 1) {
      if (trade.deductMode === "on_callback") throw new DeductionShort("the coupon was used or expired meanwhile");
      throw new Error(`coupon ${part.couponNo} of trade ${trade.tradeId} is not locked by it`);
    }
  } else {
    const op = trade.deductMode === "lock" ? "pay_frozen" : "pay";
    if (!(await moveAsset(tx, movement(trade, part, op, "confirm")))) {
      if (trade.deductMode === "on_callback") throw new DeductionShort(part.instrument === "wallet" ? "the wallet balance fell meanwhile" : "the points fell meanwhile");
      throw new Error(`trade ${trade.tradeId} part ${part.partNo}: nothing frozen to confirm`);
    }
  }
  await setPartStatus(tx, part, "CONFIRMED");
  await addTradeStep(tx, trade.tradeId, "confirmed", { partNo: part.partNo, detail: part.instrument });
}

/**
 * Cancel: what the part holds goes back — released when frozen, returned when already deducted (a
 * compensation), nothing when no try was ever made (an empty rollback, whose fence row blocks a late try).
 */
export async function cancelPart(tx: Tx, trade: TradeRef, part: TradePart): Promise<void> {
  const entry = await enterCancel(tx, trade.tradeId, part.partNo);
  if (entry === "done") return;
  if (entry === "release" && part.status === "LOCKED") {
    if (part.instrument === "coupon") {
      if ((await returnCoupon(tx, trade, part.couponNo!, "LOCKED")) !== 1) throw new Error(`coupon ${part.couponNo} of trade ${trade.tradeId} is not locked by it`);
    } else if (!(await moveAsset(tx, movement(trade, part, "release", "cancel")))) {
      throw new Error(`trade ${trade.tradeId} part ${part.partNo}: nothing frozen to release`);
    }
  } else if (entry === "release" && part.status === "CONFIRMED") {
    if (part.instrument === "coupon") {
      if ((await returnCoupon(tx, trade, part.couponNo!, "USED")) !== 1) throw new Error(`coupon ${part.couponNo} of trade ${trade.tradeId} is not used by it`);
    } else {
      await moveAsset(tx, movement(trade, part, "refund", "cancel"));
    }
  }
  await setPartStatus(tx, part, "RELEASED");
  await addTradeStep(tx, trade.tradeId, part.status === "CONFIRMED" ? "returned" : "released", { partNo: part.partNo, detail: entry === "empty" ? `${part.instrument} (nothing was frozen)` : part.instrument });
}
