import type { Tx } from "@/server/db";
import { type AssetKind, type AssetOp, assetEntryKind, assetPostings, assetRowAmount, POINTS_CURRENCY } from "@/server/domain/ledger";
import { postJournalEntry } from "@/server/services/ledger/post-journal-entry";

/**
 * The one way a buyer's wallet or points change (docs/adr/0015): a guarded UPDATE of BuyerAccount
 * and its balanced journal entry, in the caller's transaction. The guard is in the UPDATE's WHERE
 * (never a read then a write), and check constraints back it: balance − frozen ≥ 0, frozen ≥ 0.
 */
export type AssetMovement = {
  merchantId: string;
  appId: string;
  buyerId: string;
  asset: AssetKind;
  op: AssetOp;
  /** fen (wallet) or points. */
  amount: bigint;
  /** Names the movement: the same key is never posted twice. */
  dedupeKey: string;
  orderNo?: string;
  tradeId?: string;
  payOrderNo?: string;
  refundNo?: string;
  memo?: string;
  at?: Date;
};

const COLUMNS = {
  wallet: { balance: `"walletBalance"`, frozen: `"walletFrozen"` },
  points: { balance: `"pointsBalance"`, frozen: `"pointsFrozen"` },
} as const;

/** The guarded change per operation: SET clause and the condition that must hold before it. */
function change(asset: AssetKind, op: AssetOp): { set: string; guard: string } {
  const { balance: b, frozen: f } = COLUMNS[asset];
  switch (op) {
    case "top_up":
    case "grant":
    case "refund":
      return { set: `${b} = ${b} + $3`, guard: "TRUE" }; // written as an upsert by moveAsset
    case "freeze":
      return { set: `${f} = ${f} + $3`, guard: `${b} - ${f} >= $3` };
    case "pay":
      return { set: `${b} = ${b} - $3`, guard: `${b} - ${f} >= $3` };
    case "pay_frozen":
      return { set: `${b} = ${b} - $3, ${f} = ${f} - $3`, guard: `${f} >= $3` };
    case "release":
      return { set: `${f} = ${f} - $3`, guard: `${f} >= $3` };
  }
}

/**
 * Applies one movement. False when the guard refused it (not enough spendable, or not that much
 * frozen): nothing was written. A credit creates the buyer's account on first use.
 */
export async function moveAsset(tx: Tx, movement: AssetMovement): Promise<boolean> {
  if (movement.amount <= 0n) throw new RangeError(`bad asset movement amount ${movement.amount}`);
  const { set, guard } = change(movement.asset, movement.op);
  const credit = movement.op === "top_up" || movement.op === "grant" || movement.op === "refund";
  const column = COLUMNS[movement.asset].balance;
  const changed = credit
    ? await tx.$executeRawUnsafe(
        `INSERT INTO "BuyerAccount" ("merchantId", "buyerId", ${column}, "updatedAt") VALUES ($1, $2, $3, now())
         ON CONFLICT ("merchantId", "buyerId") DO UPDATE SET ${column} = "BuyerAccount".${column} + EXCLUDED.${column}, "updatedAt" = now()`,
        movement.merchantId,
        movement.buyerId,
        movement.amount,
      )
    : await tx.$executeRawUnsafe(
        `UPDATE "BuyerAccount" SET ${set}, "updatedAt" = now() WHERE "merchantId" = $1 AND "buyerId" = $2 AND ${guard}`,
        movement.merchantId,
        movement.buyerId,
        movement.amount,
      );
  if (changed !== 1) return false;
  const posted = await postJournalEntry(tx, {
    merchantId: movement.merchantId,
    appId: movement.appId,
    kind: assetEntryKind(movement.asset, movement.op),
    dedupeKey: movement.dedupeKey,
    currency: movement.asset === "wallet" ? "CNY" : POINTS_CURRENCY,
    channelAccountId: movement.asset,
    payOrderNo: movement.payOrderNo,
    refundNo: movement.refundNo,
    buyerId: movement.buyerId,
    orderNo: movement.orderNo,
    tradeId: movement.tradeId,
    memo: movement.memo,
    occurredAt: movement.at ?? new Date(),
    postings: assetPostings(movement.asset, movement.op, movement.amount),
    row: {
      channel: movement.asset,
      mode: null,
      amount: assetRowAmount(movement.op, movement.amount),
      fee: 0n,
      subsidy: 0n,
      mchOrderNo: null,
      channelTradeNo: null,
      storeId: null,
      orderStatus: null,
    },
  });
  // Callers fence every movement (TradeBarrier, unique topUpNo / grantNo); a second posting is a bug.
  if (!posted) throw new Error(`asset movement ${movement.dedupeKey} was already posted`);
  return true;
}

export type BuyerBalances = { wallet: { balance: bigint; frozen: bigint }; points: { balance: bigint; frozen: bigint } };

export async function buyerBalances(tx: Tx, merchantId: string, buyerId: string): Promise<BuyerBalances> {
  const account = await tx.buyerAccount.findUnique({ where: { merchantId_buyerId: { merchantId, buyerId } } });
  return {
    wallet: { balance: account?.walletBalance ?? 0n, frozen: account?.walletFrozen ?? 0n },
    points: { balance: account?.pointsBalance ?? 0n, frozen: account?.pointsFrozen ?? 0n },
  };
}
