import { db } from "@/server/db";
import type { MemberRole } from "@/server/domain/permissions";
import { AppError } from "@/server/errors";
import { type AuditActor, recordAudit } from "@/server/services/audit/record-audit";
import { assertOwnerRemains } from "./owner-guard";

/** Changes a member's role; never demotes the last OWNER. */
export async function changeMemberRole(options: { merchantId: string; membershipId: string; role: MemberRole; actor: AuditActor }) {
  const { merchantId, membershipId, role, actor } = options;
  await db.$transaction(async (tx) => {
    const membership = await tx.membership.findFirst({ where: { id: membershipId, merchantId }, select: { role: true, user: { select: { email: true } } } });
    if (!membership) throw new AppError("NOT_FOUND", "member not found");
    if (membership.role === role) return;
    if (membership.role === "OWNER") await assertOwnerRemains(tx, merchantId, membershipId);
    const { count } = await tx.membership.updateMany({ where: { id: membershipId, merchantId, role: membership.role }, data: { role } });
    if (count === 0) throw new AppError("CONFLICT", "the member's role changed meanwhile; reload and try again");
    await recordAudit(tx, actor, {
      merchantId,
      action: "member.role_changed",
      targetType: "membership",
      targetId: membershipId,
      before: { email: membership.user.email, role: membership.role },
      after: { email: membership.user.email, role },
    });
  });
}
