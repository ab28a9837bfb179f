import { db } from "@/server/db";
import { missingProfileParts, readStoredProfile } from "@/server/domain/merchant-profile";
import { AppError } from "@/server/errors";
import { type AuditActor, recordAudit } from "@/server/services/audit/record-audit";
import { lockMerchant } from "./lock-merchant";
import { EDITABLE_STATUSES } from "@/server/domain/merchant-profile";

/**
 * DRAFT or REJECTED → PENDING_REVIEW, once the profile is complete. Compare-and-set on the status,
 * so a double click or two tabs submit once; the operator's earlier rejection reason is cleared.
 */
export async function submitForReview(options: { merchantId: string; actor: AuditActor }) {
  const { merchantId, actor } = options;
  await db.$transaction(async (tx) => {
    const merchant = await lockMerchant(tx, merchantId);
    const missing = missingProfileParts(readStoredProfile(merchant.profile), merchant.bankAccountEnc !== null);
    if (missing.length > 0) throw new AppError("VALIDATION_FAILED", `the profile is incomplete: ${missing.join(", ")}`);
    const { count } = await tx.merchant.updateMany({
      where: { id: merchantId, status: { in: [...EDITABLE_STATUSES] } },
      data: { status: "PENDING_REVIEW", statusReason: null },
    });
    if (count === 0) throw new AppError("CONFLICT", `a ${merchant.status} merchant cannot be submitted for review`);
    await recordAudit(tx, actor, {
      merchantId,
      action: "merchant.submitted",
      targetType: "merchant",
      targetId: merchantId,
      before: { status: merchant.status },
      after: { status: "PENDING_REVIEW" },
    });
  });
}
