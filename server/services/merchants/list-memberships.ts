import { db } from "@/server/db";

/** The merchants a user belongs to, for the merchant switcher. */
export function listMemberships(userId: string) {
  return db.membership.findMany({
    where: { userId },
    orderBy: { createdAt: "asc" },
    select: { role: true, merchant: { select: { id: true, mchNo: true, name: true, status: true } } },
  });
}
