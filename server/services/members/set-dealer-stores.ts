import { db } from "@/server/db";
import { hasStores } from "@/server/domain/member-schema";
import { AppError } from "@/server/errors";
import { type AuditActor, recordAudit } from "@/server/services/audit/record-audit";

/** Sets the stores of a DEALER (经销商门店) or a CASHIER (门店收银员); audited. Only these roles have stores. */
export async function setDealerStores(options: { merchantId: string; membershipId: string; storeIds: string[]; actor: AuditActor }) {
  const { merchantId, membershipId, storeIds, actor } = options;
  await db.$transaction(async (tx) => {
    const membership = await tx.membership.findFirst({ where: { id: membershipId, merchantId }, select: { role: true, storeIds: true, user: { select: { email: true } } } });
    if (!membership) throw new AppError("NOT_FOUND", "member not found");
    if (!hasStores(membership.role)) throw new AppError("VALIDATION_FAILED", "onlyDealersHaveStores", { field: "storeIds" });
    const { count } = await tx.membership.updateMany({ where: { id: membershipId, merchantId, role: membership.role }, data: { storeIds } });
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
