import { db } from "@/server/db";
import type { MerchantStatus } from "@/server/generated/prisma/enums.ts";
import { AppError } from "@/server/errors";
import { type AuditActor, recordAudit } from "@/server/services/audit/record-audit";

/** The operator decisions on a merchant: from which states each may be taken, and where it leads. */
export const STATUS_DECISIONS = {
  approve: { from: ["PENDING_REVIEW"], to: "ACTIVE", action: "merchant.approved", needsReason: false },
  reject: { from: ["PENDING_REVIEW"], to: "REJECTED", action: "merchant.rejected", needsReason: true },
  suspend: { from: ["ACTIVE"], to: "SUSPENDED", action: "merchant.suspended", needsReason: true },
  reinstate: { from: ["SUSPENDED"], to: "ACTIVE", action: "merchant.reinstated", needsReason: false },
} as const satisfies Record<string, { from: MerchantStatus[]; to: MerchantStatus; action: string; needsReason: boolean }>;

export type StatusDecision = keyof typeof STATUS_DECISIONS;

/**
 * An operator's decision, as a compare-and-set on the status in one transaction with its audit
 * entry. Takes effect on the Open API at once: authenticate() reads the merchant status with the nonce.
 */
export async function changeMerchantStatus(options: { mchNo: string; decision: StatusDecision; reason?: string; actor: AuditActor }) {
  const rule = STATUS_DECISIONS[options.decision];
  const reason = options.reason?.trim() || null;
  if (rule.needsReason && !reason) throw new AppError("VALIDATION_FAILED", "a reason is required", { field: "reason" });
  return db.$transaction(async (tx) => {
    const merchant = await tx.merchant.findUnique({ where: { mchNo: options.mchNo }, select: { id: true, status: true, statusReason: true } });
    if (!merchant) throw new AppError("NOT_FOUND", "merchant not found");
    const { count } = await tx.merchant.updateMany({
      where: { id: merchant.id, status: { in: [...rule.from] } },
      data: { status: rule.to, statusReason: rule.needsReason ? reason : null },
    });
    if (count === 0) throw new AppError("CONFLICT", `a ${merchant.status} merchant cannot be ${options.decision}d`);
    await recordAudit(tx, options.actor, {
      merchantId: merchant.id,
      action: rule.action,
      targetType: "merchant",
      targetId: merchant.id,
      before: { status: merchant.status, statusReason: merchant.statusReason },
      after: { status: rule.to, statusReason: rule.needsReason ? reason : null },
    });
    return { status: rule.to };
  });
}
