import type pg from "pg";
import { BillFormatError, ChannelRejectedError, ChannelUnsupportedError } from "@/server/channels/errors";
import { db, getPool } from "@/server/db";
import type { ReconErrorCode } from "@/server/domain/reconciliation-errors";
import { logger } from "@/server/observability/logger";
import { channelForAccount } from "@/server/services/payments/channel-for-account";
import { billDateText, refreshDayClosure } from "./day-closure";
import { type MatchFigures, matchStagedBill } from "./match-bill";
import { repairDifferences } from "./repair-differences";
import { createStagingTable, stageBillRows } from "./stage-bill";

/**
 * The reconciliation job of one run (docs/adr/0016): QUEUED → DOWNLOADING (the plugin streams the
 * bill into the staging table, progress in billRows) → MATCHING (one join, differences upserted,
 * figures) → REPAIRING (channel queries through the callback's code path) → SUCCEEDED, and the day's
 * closure recounted. Safe to run again from scratch for the same run: staging is per connection and
 * starts empty, differences are upserted, repairs are compare-and-set. An advisory lock keeps two
 * workers off one run.
 */


/** A failure a retry cannot mend: the run is FAILED for good (a rerun from the console tries again). */
function isFinal(error: unknown): boolean {
  return error instanceof BillFormatError || error instanceof ChannelRejectedError || error instanceof ChannelUnsupportedError;
}

function errorCodeOf(error: unknown): ReconErrorCode {
  if (error instanceof BillFormatError) return "BILL_FORMAT_ERROR";
  if (error instanceof ChannelRejectedError || error instanceof ChannelUnsupportedError) return "CHANNEL_REJECTED";
  if (error instanceof Error && error.name.startsWith("Channel")) return "CHANNEL_UNAVAILABLE";
  return "INTERNAL_ERROR";
}

export async function runReconciliation({ runId }: { runId: string }): Promise<void> {
  const client = await getPool().connect();
  let broken: Error | undefined;
  try {
    const lock = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock(hashtext($1)) AS ok", [`recon:${runId}`]);
    if (!lock.rows[0].ok) throw new Error(`reconciliation ${runId} is being run by another worker; retrying later`);
    try {
      await runLocked(client, runId);
    } finally {
      await client.query("DROP TABLE IF EXISTS recon_bill, recon_outcome");
      await client.query("SELECT pg_advisory_unlock(hashtext($1))", [`recon:${runId}`]);
    }
  } catch (error) {
    broken = error instanceof Error && /connection|terminat/i.test(error.message) ? error : undefined;
    throw error;
  } finally {
    client.release(broken);
  }
}

async function runLocked(client: pg.PoolClient, runId: string): Promise<void> {
  // compare-and-set: a stale job of a run that has succeeded since does nothing
  const started = await db.reconRun.updateMany({
    where: { id: runId, status: { not: "SUCCEEDED" } },
    data: { status: "DOWNLOADING", attempts: { increment: 1 }, startedAt: new Date(), endedAt: null, errorCode: null, errorMessage: null, billRows: 0 },
  });
  if (started.count === 0) return;
  const run = await db.reconRun.findUniqueOrThrow({ where: { id: runId } });
  const billDate = billDateText(run.billDate);
  try {
    const { plugin, ctx } = await channelForAccount(run.channelAccountId);
    const bill = await plugin.downloadBill(ctx, billDate);
    await createStagingTable(client);
    if (bill) {
      await db.reconRun.update({ where: { id: runId }, data: { billDigest: bill.digest } });
      await stageBillRows(client, bill.rows, async (staged) => {
        await db.reconRun.update({ where: { id: runId }, data: { billRows: staged } });
      });
    }
    await db.reconRun.update({ where: { id: runId }, data: { status: "MATCHING" } });
    const figures = await matchInTransaction(client, { ...run, runId, billDate });
    await db.reconRun.update({ where: { id: runId }, data: { status: "REPAIRING" } });
    const repaired = await repairDifferences(runId);
    await db.$transaction(async (tx) => {
      await tx.reconRun.update({ where: { id: runId }, data: { status: "SUCCEEDED", repaired, endedAt: new Date() } });
      await refreshDayClosure(tx, runId);
      for (const other of figures.touchedRunIds) if (other !== runId) await refreshDayClosure(tx, other);
    });
  } catch (error) {
    const errorCode = errorCodeOf(error);
    logger.warn({ err: error, runId, errorCode }, "reconciliation failed");
    await db.reconRun.update({
      where: { id: runId },
      data: { status: "FAILED", errorCode, errorMessage: (error instanceof Error ? error.message : String(error)).slice(0, 500), endedAt: new Date() },
    });
    // a channel that could not answer is tried again by the job's retries; a bad bill is not
    if (!isFinal(error)) throw error;
  }
}

type MatchInput = { runId: string; merchantId: string; appId: string; channelAccountId: string; channel: string; billDate: string };

/** The join, the differences and the run's figures in one transaction of the staging connection. */
export async function matchInTransaction(client: pg.ClientBase, scope: MatchInput): Promise<MatchFigures> {
  await client.query("BEGIN");
  try {
    const figures = await matchStagedBill(client, scope);
    await client.query(
      `UPDATE "ReconRun" SET "billRows" = $2, "billPaymentCount" = $3, "billPaymentAmount" = $4, "billRefundCount" = $5,
         "billRefundAmount" = $6, "billFee" = $7, "localPaymentCount" = $8, "localPaymentAmount" = $9, "localRefundCount" = $10,
         "localRefundAmount" = $11, "localFee" = $12, matched = $13, "missingLocal" = $14, "missingChannel" = $15,
         "amountMismatch" = $16, "feeMismatch" = $17, "statusMismatch" = $18, expected = $19, repaired = 0, "updatedAt" = now()
       WHERE id = $1`,
      [
        scope.runId, figures.billRows, figures.billPaymentCount, String(figures.billPaymentAmount), figures.billRefundCount,
        String(figures.billRefundAmount), String(figures.billFee), figures.localPaymentCount, String(figures.localPaymentAmount),
        figures.localRefundCount, String(figures.localRefundAmount), String(figures.localFee), figures.matched, figures.missingLocal,
        figures.missingChannel, figures.amountMismatch, figures.feeMismatch, figures.statusMismatch, figures.expected,
      ],
    );
    await client.query("COMMIT");
    return figures;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  }
}
