import { db } from "@/server/db";
import { RELATION_TYPES } from "@/server/domain/profit-sharing";
import { receiverTypesOf } from "./receivers";

/**
 * What the console's profit-sharing forms choose from: the merchant's apps, and its channel accounts
 * whose channel can share profits, each with the receiver types its channel accepts.
 */
export async function sharingOptions(merchantId: string) {
  const [apps, accounts] = await Promise.all([
    db.app.findMany({ where: { merchantId }, orderBy: { createdAt: "asc" }, select: { id: true, name: true, mode: true } }),
    db.channelAccount.findMany({
      where: { merchantId },
      orderBy: [{ app: { createdAt: "asc" } }, { createdAt: "asc" }],
      select: { id: true, name: true, channel: true, appId: true, status: true },
    }),
  ]);
  return {
    apps,
    channelAccounts: accounts
      .map((a) => ({ ...a, receiverTypes: [...receiverTypesOf(a.channel)] }))
      .filter((a) => a.receiverTypes.length > 0),
    relationTypes: [...RELATION_TYPES],
  };
}
