import { db } from "@/server/db";
import { inTradeTx } from "./trade-tx";
import { enqueueJob } from "@/server/jobs/enqueue";
import { driveTradeJob } from "@/server/jobs/tasks/trade-jobs";

const BATCH = 500;

/**
 * The sentinel (docs/adr/0015; Jeepay's reissue task): every trade that has not ended and is due
 * (`nextDriveAt`, pushed back with each failed run) gets a drive-trade job. The job key makes a trade's
 * job one at a time, however many sweeps find it. Returns how many it queued.
 */
export async function runTradeSentinel(now = new Date()): Promise<number> {
  const due = await db.trade.findMany({
    where: { endedAt: null, nextDriveAt: { lte: now } },
    select: { tradeId: true },
    orderBy: { nextDriveAt: "asc" },
    take: BATCH,
  });
  if (due.length === 0) return 0;
  await inTradeTx(async (tx) => {
    for (const { tradeId } of due) await enqueueJob(tx, driveTradeJob, { tradeId }, { jobKey: `drive-trade:${tradeId}` });
  });
  return due.length;
}
