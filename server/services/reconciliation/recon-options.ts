import { db } from "@/server/db";
import { RECON_MANAGER_ROLES } from "./difference-access";

/** The merchant's channel accounts, for the pages' filters and the "reconcile a day" form. */
export async function reconChannelAccounts(merchantId: string) {
  return db.channelAccount.findMany({
    where: { merchantId },
    orderBy: [{ app: { createdAt: "asc" } }, { createdAt: "asc" }],
    select: { id: true, name: true, channel: true, app: { select: { id: true, name: true, mode: true } } },
  });
}

/** The members a difference may be assigned to (recon.manage). */
export async function reconAssignees(merchantId: string) {
  const members = await db.membership.findMany({
    where: { merchantId, role: { in: [...RECON_MANAGER_ROLES] }, user: { disabledAt: null } },
    orderBy: { createdAt: "asc" },
    select: { role: true, user: { select: { id: true, name: true, email: true } } },
  });
  return members.map((m) => ({ id: m.user.id, name: m.user.name, email: m.user.email, role: m.role }));
}
