import { db } from "@/server/db";
import type { MemberRole } from "@/server/domain/permissions";
import { hashInvitationToken } from "./invitation-token";

export type InvitationState = "open" | "expired" | "revoked" | "accepted" | "unknown";

/** What the invite page shows for a token: the merchant, the role, and whether the email has an account yet. */
export type InvitationView =
  | { state: "unknown" }
  | { state: Exclude<InvitationState, "unknown">; email: string; role: MemberRole; merchantName: string; mchNo: string; expiresAt: Date; hasAccount: boolean };

export async function getInvitation(token: string, now = new Date()): Promise<InvitationView> {
  const invitation = await db.invitation.findUnique({
    where: { tokenHash: hashInvitationToken(token) },
    select: { email: true, role: true, expiresAt: true, acceptedAt: true, revokedAt: true, merchant: { select: { name: true, mchNo: true } } },
  });
  if (!invitation) return { state: "unknown" };
  const state: Exclude<InvitationState, "unknown"> = invitation.acceptedAt ? "accepted" : invitation.revokedAt ? "revoked" : invitation.expiresAt <= now ? "expired" : "open";
  const hasAccount = (await db.user.count({ where: { email: invitation.email } })) > 0;
  return {
    state,
    email: invitation.email,
    role: invitation.role,
    merchantName: invitation.merchant.name,
    mchNo: invitation.merchant.mchNo,
    expiresAt: invitation.expiresAt,
    hasAccount,
  };
}
