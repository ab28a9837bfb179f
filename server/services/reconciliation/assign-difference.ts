import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { recordAudit } from "@/server/services/audit/record-audit";
import { bulkFailure, type BulkOutcome, differenceOf, differenceSnapshot, RECON_MANAGER_ROLES, type ReconActor } from "./difference-access";

/**
 * Hands a difference to a member who may resolve it (recon.manage), or takes it back (null).
 * A resolved difference is not reassigned (DIFFERENCE_RESOLVED). Audited as recon_difference.assigned.
 */
export async function assignDifference(merchantId: string, differenceId: string, assigneeId: string | null, by: ReconActor) {
  return db.$transaction(async (tx) => {
    const before = await differenceOf(tx, merchantId, differenceId);
    if (assigneeId !== null) {
      const member = await tx.membership.findFirst({ where: { merchantId, userId: assigneeId, role: { in: [...RECON_MANAGER_ROLES] } }, select: { id: true } });
      if (!member) throw new AppError("VALIDATION_FAILED", "the assignee must be a member who may resolve differences", { field: "assigneeId" });
    }
    const claimed = await tx.reconDifference.updateMany({ where: { id: differenceId, status: { not: "RESOLVED" } }, data: { assigneeId } });
    if (claimed.count !== 1) throw new AppError("DIFFERENCE_RESOLVED", "the difference is resolved already");
    const after = await tx.reconDifference.findUniqueOrThrow({ where: { id: differenceId } });
    await recordAudit(tx, by.actor, {
      merchantId,
      action: "recon_difference.assigned",
      targetType: "recon_difference",
      targetId: differenceId,
      before: differenceSnapshot(before),
      after: differenceSnapshot(after),
    });
    return after;
  });
}

/** Assigns many differences to one member, each in its own transaction, with an outcome per id. */
export async function bulkAssignDifferences(merchantId: string, differenceIds: string[], assigneeId: string | null, by: ReconActor): Promise<BulkOutcome[]> {
  const outcomes: BulkOutcome[] = [];
  for (const differenceId of new Set(differenceIds)) {
    try {
      await assignDifference(merchantId, differenceId, assigneeId, by);
      outcomes.push({ differenceId, ok: true });
    } catch (error) {
      outcomes.push(bulkFailure(differenceId, error));
    }
  }
  return outcomes;
}
