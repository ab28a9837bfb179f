import { db } from "@/server/db";

/** A merchant's members and its open invitations (neither accepted nor revoked), for the members page. */
export async function listMembers(merchantId: string, now = new Date()) {
  const [members, invitations] = await Promise.all([
    db.membership.findMany({
      where: { merchantId },
      orderBy: { createdAt: "asc" },
      select: { id: true, role: true, storeIds: true, createdAt: true, user: { select: { id: true, email: true, name: true } } },
    }),
    db.invitation.findMany({
      where: { merchantId, acceptedAt: null, revokedAt: null },
      orderBy: { createdAt: "desc" },
      take: 100,
      select: { id: true, email: true, role: true, storeIds: true, expiresAt: true, createdAt: true, invitedBy: { select: { email: true } } },
    }),
  ]);
  return {
    members: members.map((m) => ({ id: m.id, userId: m.user.id, email: m.user.email, name: m.user.name, role: m.role, storeIds: m.storeIds, joinedAt: m.createdAt })),
    invitations: invitations.map((i) => ({
      id: i.id,
      email: i.email,
      role: i.role,
      storeIds: i.storeIds,
      expiresAt: i.expiresAt,
      createdAt: i.createdAt,
      invitedBy: i.invitedBy.email,
      expired: i.expiresAt <= now,
    })),
  };
}
