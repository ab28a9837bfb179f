import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { type AuditActor, recordAudit } from "@/server/services/audit/record-audit";
import { assertOwnerRemains } from "./owner-guard";

/** Removes a member from the merchant (their user account stays); never the last OWNER. */
export async function removeMember(options: { merchantId: string; membershipId: string; actor: AuditActor }) {
  const { merchantId, membershipId, actor } = options;
  await db.$transaction(async (tx) => {
    const membership = await tx.membership.findFirst({ where: { id: membershipId, merchantId }, select: { role: true, user: { select: { email: true } } } });
    if (!membership) throw new AppError("NOT_FOUND", "member not found");
    if (membership.role === "OWNER") await assertOwnerRemains(tx, merchantId, membershipId);
    const { count } = await tx.membership.deleteMany({ where: { id: membershipId, merchantId } });
    if (count === 0) throw new AppError("NOT_FOUND", "member not found");
    await recordAudit(tx, actor, {
      merchantId,
      action: "member.removed",
      targetType: "membership",
      targetId: membershipId,
      before: { email: membership.user.email, role: membership.role },
    });
  });
}
