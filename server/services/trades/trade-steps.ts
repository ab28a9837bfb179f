import type { Tx } from "@/server/db";

/** One line of the coordinator's history (TradeStep), in the transaction of the step it records. */
export async function addTradeStep(tx: Tx, tradeId: string, step: string, extra: { partNo?: number; detail?: string; ok?: boolean } = {}): Promise<void> {
  await tx.tradeStep.create({
    data: { tradeId, step, partNo: extra.partNo ?? null, detail: extra.detail?.slice(0, 500) ?? null, ok: extra.ok ?? true },
  });
}
