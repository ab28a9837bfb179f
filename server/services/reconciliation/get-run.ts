import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { findRun } from "./list-runs";

/**
 * A run's detail: its figures (bill side, journal side, matched, differences by kind) and where the
 * differences of its day stand now (open, expected, resolved by how). RECONCILIATION_NOT_FOUND for
 * another merchant's run.
 */
export async function getRun(merchantId: string, runId: string) {
  const run = await findRun(merchantId, runId);
  if (!run) throw new AppError("RECONCILIATION_NOT_FOUND", "no such reconciliation run");
  const byStatus = await db.reconDifference.groupBy({ by: ["status"], where: { runId, merchantId }, _count: { _all: true } });
  const byResolution = await db.reconDifference.groupBy({ by: ["resolution"], where: { runId, merchantId, status: "RESOLVED" }, _count: { _all: true } });
  const count = (status: string) => byStatus.find((s) => s.status === status)?._count._all ?? 0;
  const account = await db.channelAccount.findFirst({
    where: { id: run.channelAccountId, merchantId },
    select: { name: true, channel: true, app: { select: { id: true, name: true, mode: true } } },
  });
  return {
    run,
    account,
    differenceStatus: { open: count("OPEN"), expected: count("EXPECTED"), resolved: count("RESOLVED") },
    resolutions: Object.fromEntries(byResolution.map((r) => [r.resolution ?? "NONE", r._count._all])) as Record<string, number>,
  };
}
