import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { type AuditActor, recordAudit } from "@/server/services/audit/record-audit";

/** Revokes an open invitation of this merchant (compare-and-set: not accepted, not already revoked). */
export async function revokeInvitation(options: { merchantId: string; invitationId: string; actor: AuditActor }) {
  const { merchantId, invitationId, actor } = options;
  await db.$transaction(async (tx) => {
    const invitation = await tx.invitation.findFirst({ where: { id: invitationId, merchantId }, select: { email: true, role: true } });
    if (!invitation) throw new AppError("NOT_FOUND", "invitation not found");
    const { count } = await tx.invitation.updateMany({
      where: { id: invitationId, merchantId, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (count === 0) throw new AppError("CONFLICT", "the invitation was already accepted or revoked");
    await recordAudit(tx, actor, {
      merchantId,
      action: "member.invitation_revoked",
      targetType: "invitation",
      targetId: invitationId,
      before: { email: invitation.email, role: invitation.role },
    });
  });
}
