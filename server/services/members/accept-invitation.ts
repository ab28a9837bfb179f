import { hashPassword } from "@/server/auth/password";
import { db, type Tx } from "@/server/db";
import { hasStores } from "@/server/domain/member-schema";
import { AppError } from "@/server/errors";
import { recordAudit } from "@/server/services/audit/record-audit";
import { hashInvitationToken } from "./invitation-token";

/**
 * Uses the invitation once (compare-and-set: open, not expired) and makes the user a member with
 * its role, with the audit entry, in the caller's transaction.
 */
async function join(tx: Tx, options: { token: string; user: { id: string; email: string }; ip: string | null; now: Date }) {
  const invitation = await tx.invitation.findUnique({ where: { tokenHash: hashInvitationToken(options.token) } });
  if (!invitation) throw new AppError("NOT_FOUND", "invitation not found");
  if (invitation.email !== options.user.email) throw new AppError("FORBIDDEN", "this invitation is for another email address");
  const { count } = await tx.invitation.updateMany({
    where: { id: invitation.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: options.now } },
    data: { acceptedAt: options.now },
  });
  if (count === 0) throw new AppError("CONFLICT", "the invitation was already used, revoked or has expired");
  const existing = await tx.membership.findUnique({
    where: { userId_merchantId: { userId: options.user.id, merchantId: invitation.merchantId } },
    select: { id: true },
  });
  if (existing) throw new AppError("CONFLICT", "you are already a member of this merchant");
  const membership = await tx.membership.create({ data: { userId: options.user.id, merchantId: invitation.merchantId, role: invitation.role, storeIds: hasStores(invitation.role) ? invitation.storeIds : [] } });
  await recordAudit(tx, { type: "USER", id: options.user.id, ip: options.ip }, {
    merchantId: invitation.merchantId,
    action: "member.joined",
    targetType: "membership",
    targetId: membership.id,
    after: { email: options.user.email, role: invitation.role, ...(hasStores(invitation.role) ? { storeIds: invitation.storeIds } : {}), invitationId: invitation.id },
  });
  const merchant = await tx.merchant.findUniqueOrThrow({ where: { id: invitation.merchantId }, select: { mchNo: true } });
  return { mchNo: merchant.mchNo };
}

/** A signed-in user accepts an invitation addressed to their email. */
export function acceptInvitation(options: { token: string; user: { id: string; email: string }; ip: string | null }) {
  return db.$transaction((tx) => join(tx, { ...options, now: new Date() }));
}

/** Someone without an account yet accepts: the account (with the invitation's email) and the membership in one transaction. */
export async function signUpWithInvitation(options: { token: string; name: string; password: string; ip: string | null }) {
  const invitation = await db.invitation.findUnique({ where: { tokenHash: hashInvitationToken(options.token) }, select: { email: true } });
  if (!invitation) throw new AppError("NOT_FOUND", "invitation not found");
  if (await db.user.findUnique({ where: { email: invitation.email }, select: { id: true } })) {
    throw new AppError("CONFLICT", "this email already has an account: sign in to accept");
  }
  const passwordHash = await hashPassword(options.password);
  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.create({ data: { email: invitation.email, name: options.name, passwordHash } });
      const joined = await join(tx, { token: options.token, user, ip: options.ip, now: new Date() });
      return { ...joined, email: user.email };
    });
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") throw new AppError("CONFLICT", "this email already has an account: sign in to accept");
    throw error;
  }
}
