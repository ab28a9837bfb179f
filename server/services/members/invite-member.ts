import { db } from "@/server/db";
import { hasStores, INVITATION_TTL_MS, INVITE_CONFLICTS } from "@/server/domain/member-schema";
import type { MemberRole } from "@/server/domain/permissions";
import { AppError } from "@/server/errors";
import { type AuditActor, recordAudit } from "@/server/services/audit/record-audit";
import { hashInvitationToken, newInvitationToken } from "./invitation-token";

/**
 * The OWNER invites an email with a role. Answers the token once (the page builds the link from
 * it; there is no mail server); the database keeps only its hash. Refuses an existing member and an
 * email with an open invitation (revoke it first).
 */
export async function inviteMember(options: { merchantId: string; email: string; role: MemberRole; storeIds?: string[]; actor: AuditActor & { id: string }; now?: Date }) {
  const { merchantId, email, role, actor } = options;
  const storeIds = hasStores(role) ? (options.storeIds ?? []) : [];
  const now = options.now ?? new Date();
  const token = newInvitationToken();
  const invitation = await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`paycenter.invite:${merchantId}:${email}`}))`;
    const member = await tx.membership.findFirst({ where: { merchantId, user: { email } }, select: { id: true } });
    if (member) throw new AppError("CONFLICT", INVITE_CONFLICTS.alreadyMember, { field: "email" });
    const open = await tx.invitation.findFirst({
      where: { merchantId, email, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
      select: { id: true },
    });
    if (open) throw new AppError("CONFLICT", INVITE_CONFLICTS.invitePending, { field: "email" });
    const created = await tx.invitation.create({
      data: { merchantId, email, role, storeIds, tokenHash: hashInvitationToken(token), invitedById: actor.id, expiresAt: new Date(now.getTime() + INVITATION_TTL_MS) },
    });
    await recordAudit(tx, actor, {
      merchantId,
      action: "member.invited",
      targetType: "invitation",
      targetId: created.id,
      after: { email, role, ...(hasStores(role) ? { storeIds } : {}), expiresAt: created.expiresAt },
    });
    return created;
  });
  return { id: invitation.id, token, expiresAt: invitation.expiresAt };
}
