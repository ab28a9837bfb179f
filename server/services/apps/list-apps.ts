import { db } from "@/server/db";

/** A merchant's apps with their channel accounts. Never selects secrets or credentials. */
export function listApps(merchantId: string) {
  return db.app.findMany({
    where: { merchantId },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      name: true,
      mode: true,
      status: true,
      notifyUrl: true,
      createdAt: true,
      channelAccounts: {
        orderBy: [{ priority: "desc" }, { createdAt: "asc" }],
        select: { id: true, channel: true, name: true, modes: true, feeRateBps: true, status: true, baseUrl: true },
      },
    },
  });
}
