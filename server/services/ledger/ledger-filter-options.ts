import { db } from "@/server/db";

/**
 * What the ledger's and the dashboards' selects offer: the merchant's apps and the channels it has accounts
 * with, plus the trade center's wallet and points once a buyer of the merchant holds either.
 */
export async function ledgerFilterOptions(merchantId: string) {
  const [apps, accounts, buyer] = await Promise.all([
    db.app.findMany({ where: { merchantId }, orderBy: { createdAt: "asc" }, select: { id: true, name: true, mode: true } }),
    db.channelAccount.findMany({ where: { merchantId }, distinct: ["channel"], orderBy: { channel: "asc" }, select: { channel: true } }),
    db.buyerAccount.findFirst({ where: { merchantId }, select: { buyerId: true } }),
  ]);
  return { apps, channels: [...accounts.map((a) => a.channel), ...(buyer ? ["wallet", "points"] : [])] };
}
