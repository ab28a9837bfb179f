import type { Tx } from "@/server/db";

/**
 * The fence of a trade part's try / confirm / cancel (docs/adr/0015; Seata's tcc_fence_log, DTM's
 * sub-transaction barrier). Each call inserts the operation's row in the caller's transaction — the
 * one that changes the balance — and says whether this call is the one that must do the work.
 */
export type BarrierOp = "try" | "confirm" | "cancel";

async function insertBarrier(tx: Tx, tradeId: string, partNo: number, op: BarrierOp, outcome: string): Promise<boolean> {
  const inserted = await tx.$executeRaw`
    INSERT INTO "TradeBarrier" ("tradeId", "partNo", op, outcome) VALUES (${tradeId}, ${partNo}, ${op}, ${outcome})
    ON CONFLICT DO NOTHING`;
  return inserted === 1;
}

/** A try: true when it must freeze now; false when it was done, or a cancel came first (anti-hanging). */
export function enterTry(tx: Tx, tradeId: string, partNo: number): Promise<boolean> {
  return insertBarrier(tx, tradeId, partNo, "try", "done");
}

/** A confirm: true when it must apply now; false when it was already applied. */
export function enterConfirm(tx: Tx, tradeId: string, partNo: number): Promise<boolean> {
  return insertBarrier(tx, tradeId, partNo, "confirm", "done");
}

/**
 * A cancel: `release` when what the try froze (or the confirm took) must go back now; `empty` when
 * no try was ever made (an empty rollback: its row now blocks a late try); `done` when it was cancelled before.
 */
export async function enterCancel(tx: Tx, tradeId: string, partNo: number): Promise<"release" | "empty" | "done"> {
  if (!(await insertBarrier(tx, tradeId, partNo, "cancel", "done"))) return "done";
  const noTryYet = await insertBarrier(tx, tradeId, partNo, "try", "cancelled_before_try");
  return noTryYet ? "empty" : "release";
}
