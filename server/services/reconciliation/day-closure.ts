import type { Tx } from "@/server/db";
import { UNSETTLED_DIFFERENCE_STATUSES } from "@/server/domain/reconciliation";
import { syncLineReconciliation } from "@/server/services/settlement/sync-line-reconciliation";

/** A `@db.Date` column as Prisma returns it (UTC midnight) back to `YYYY-MM-DD`. */
export function billDateText(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * Recounts a run's day after its differences changed (a run ended, finance resolved one, a later run
 * matched one): `openDifferences` = the day's differences still EXPECTED or OPEN, and the day is
 * closed (`closedAt`) when its run succeeded and none is left. Call it in the transaction that changed
 * them; the row lock taken by the update orders concurrent recounts of one day. Settlement lines of the
 * day follow (a statement cut from the journal stops flagging a day once it is closed).
 */
export async function refreshDayClosure(tx: Tx, runId: string): Promise<{ openDifferences: number; closed: boolean }> {
  const run = await tx.reconRun.findUniqueOrThrow({ where: { id: runId }, select: { channelAccountId: true, billDate: true } });
  const rows = await tx.$queryRaw<{ open: number; closed: boolean }[]>`
    UPDATE "ReconRun" r SET
      "openDifferences" = c.open,
      "closedAt" = CASE WHEN r.status = 'SUCCEEDED' AND c.open = 0 THEN COALESCE(r."closedAt", now()) ELSE NULL END,
      "updatedAt" = now()
    FROM (
      SELECT count(*)::int AS open FROM "ReconDifference"
      WHERE "channelAccountId" = ${run.channelAccountId} AND "billDate" = ${billDateText(run.billDate)}::date
        AND status::text = ANY(${[...UNSETTLED_DIFFERENCE_STATUSES]})
    ) c
    WHERE r.id = ${runId}
    RETURNING c.open AS open, (r."closedAt" IS NOT NULL) AS closed`;
  await syncLineReconciliation(tx, run.channelAccountId, billDateText(run.billDate), rows[0].closed);
  return { openDifferences: rows[0].open, closed: rows[0].closed };
}
