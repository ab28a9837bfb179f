import { db } from "@/server/db";

/** The merchant's apps with the channel accounts rules can target (no credentials). */
export function listRoutingApps(merchantId: string) {
  return db.app.findMany({
    where: { merchantId },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      name: true,
      mode: true,
      status: true,
      channelAccounts: {
        orderBy: [{ priority: "desc" }, { createdAt: "asc" }],
        select: { id: true, channel: true, name: true, modes: true, status: true, feeRateBps: true, subsidyBps: true, priority: true },
      },
    },
  });
}
