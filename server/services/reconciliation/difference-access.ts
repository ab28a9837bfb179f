import type { Tx } from "@/server/db";
import type { MemberRole } from "@/server/domain/permissions";
import { CAPABILITIES } from "@/server/domain/permissions";
import { AppError } from "@/server/errors";
import type { AuditActor } from "@/server/services/audit/record-audit";

/** Who acts on a difference: the user (for resolvedById, comments) and how the audit log names them. */
export type ReconActor = { id: string; actor: AuditActor };

/** A difference of this merchant, or DIFFERENCE_NOT_FOUND (another merchant's is not found either). */
export async function differenceOf(tx: Tx, merchantId: string, differenceId: string) {
  const difference = await tx.reconDifference.findFirst({ where: { id: differenceId, merchantId } });
  if (!difference) throw new AppError("DIFFERENCE_NOT_FOUND", "no such difference");
  return difference;
}

/** The roles that may be handed a difference: those with recon.manage. */
export const RECON_MANAGER_ROLES = CAPABILITIES["recon.manage"] as readonly MemberRole[];

/** What the audit log keeps of a difference before and after a step. */
export function differenceSnapshot(d: {
  status: string;
  assigneeId: string | null;
  resolution: string | null;
  resolvedById: string | null;
  adjustmentEntryId: bigint | null;
  note: string | null;
}) {
  return {
    status: d.status,
    assigneeId: d.assigneeId,
    resolution: d.resolution,
    resolvedById: d.resolvedById,
    adjustmentEntryId: d.adjustmentEntryId === null ? null : d.adjustmentEntryId.toString(),
    note: d.note,
  };
}

export type BulkOutcome = { differenceId: string; ok: true } | { differenceId: string; ok: false; code: string };

/** The code of an AppError (what the bulk report shows per id); anything else is rethrown. */
export function bulkFailure(differenceId: string, error: unknown): BulkOutcome {
  if (error instanceof AppError) return { differenceId, ok: false, code: error.code };
  throw error;
}
