import { db } from "@/server/db";
import { canTakePayments } from "@/server/domain/payable";

/** A merchant's apps with their channel accounts, and whether each can take a payment. Never selects secrets or credentials. */
export async function listApps(merchantId: string) {
  const apps = await db.app.findMany({
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
  return apps.map((app) => ({ ...app, payable: canTakePayments(app.channelAccounts) }));
}
