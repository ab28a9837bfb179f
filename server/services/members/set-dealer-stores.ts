import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { type AuditActor, recordAudit } from "@/server/services/audit/record-audit";

/** Sets the stores a DEALER member sees (经销商门店); audited. Only a DEALER has stores. */
export async function setDealerStores(options: { merchantId: string; membershipId: string; storeIds: string[]; actor: AuditActor }) {
  const { merchantId, membershipId, storeIds, actor } = options;
  await db.$transaction(async (tx) => {
    const membership = await tx.membership.findFirst({ where: { id: membershipId, merchantId }, select: { role: true, storeIds: true, user: { select: { email: true } } } });
    if (!membership) throw new AppError("NOT_FOUND", "member not found");
    if (membership.role !== "DEALER") throw new AppError("VALIDATION_FAILED", "onlyDealersHaveStores", { field: "storeIds" });
    const { count } = await tx.membership.updateMany({ where: { id: membershipId, merchantId, role: "DEALER" }, data: { storeIds } });
    if (count === 0) throw new AppError("CONFLICT", "the member's role changed meanwhile; reload and try again");
    await recordAudit(tx, actor, {
      merchantId,
      action: "member.stores_changed",
      targetType: "membership",
      targetId: membershipId,
      before: { email: membership.user.email, storeIds: membership.storeIds },
      after: { email: membership.user.email, storeIds },
    });
  });
}
