import { db } from "@/server/db";
import { isBillDate, isBillDue } from "@/server/domain/reconciliation";
import { AppError } from "@/server/errors";
import type { ReconRun } from "@/server/generated/prisma/client.ts";
import { enqueueJob } from "@/server/jobs/enqueue";
import { runReconciliationJob } from "@/server/jobs/tasks/recon-jobs";

export type StartReconciliationOptions = {
  channelAccountId: string;
  /** The Beijing day, `YYYY-MM-DD`. */
  billDate: string;
  trigger: "manual" | "schedule";
  requestedById?: string | null;
  /** Not before this instant (the demo seed queues its runs before the app that serves the sandbox listens). */
  runAt?: Date;
};

/** The run as started; `runId` repeats its id under the name the console and the Open API use. */
export type StartedReconciliation = ReconRun & { runId: string };

/**
 * A run left active this long without progress belongs to a worker that died and whose job gave up:
 * it may be started again (the job itself is safe to run twice).
 */
const STALE_ACTIVE_RUN_MINUTES = 35;

export const RECONCILIATION_QUEUE = "reconciliation";

/**
 * Starts (or restarts) the reconciliation of one channel account's day: refuses a day whose bill is
 * not out yet (BILL_NOT_READY) and a day already under way (RECONCILIATION_IN_PROGRESS); otherwise
 * the day's one ReconRun is created or reset to QUEUED and its job added in the same transaction.
 */
export async function startReconciliation({ channelAccountId, billDate, trigger, requestedById, runAt }: StartReconciliationOptions): Promise<StartedReconciliation> {
  if (!isBillDate(billDate)) throw new AppError("VALIDATION_FAILED", `billDate ${billDate} is not a YYYY-MM-DD day`, { field: "billDate" });
  if (!isBillDue(billDate)) throw new AppError("BILL_NOT_READY", `the bill of ${billDate} is not out yet`);
  return db.$transaction(async (tx) => {
    const account = await tx.channelAccount.findUnique({ where: { id: channelAccountId }, select: { merchantId: true, appId: true, channel: true } });
    if (!account) throw new AppError("NOT_FOUND", "channel account not found");
    const rows = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO "ReconRun" (id, "merchantId", "appId", "channelAccountId", channel, "billDate", status, trigger, "requestedById", "updatedAt")
      VALUES (gen_random_uuid()::text, ${account.merchantId}, ${account.appId}, ${channelAccountId}, ${account.channel}, ${billDate}::date,
              'QUEUED', ${trigger}, ${requestedById ?? null}, now())
      ON CONFLICT ("channelAccountId", "billDate") DO UPDATE SET
        status = 'QUEUED', trigger = EXCLUDED.trigger, "requestedById" = EXCLUDED."requestedById", "billRows" = 0,
        "errorCode" = NULL, "errorMessage" = NULL, "startedAt" = NULL, "endedAt" = NULL, "updatedAt" = now()
      WHERE "ReconRun".status NOT IN ('QUEUED', 'DOWNLOADING', 'MATCHING', 'REPAIRING')
         OR "ReconRun"."updatedAt" < now() - make_interval(mins => ${STALE_ACTIVE_RUN_MINUTES})
      RETURNING id`;
    if (rows.length === 0) throw new AppError("RECONCILIATION_IN_PROGRESS", `the reconciliation of ${billDate} is already running`);
    const runId = rows[0].id;
    // one queue: runs go one at a time, so big bills never take every worker slot from payments and refunds
    await enqueueJob(tx, runReconciliationJob, { runId }, { jobKey: `run-reconciliation:${runId}`, queueName: RECONCILIATION_QUEUE, runAt });
    return { ...(await tx.reconRun.findUniqueOrThrow({ where: { id: runId } })), runId };
  });
}
