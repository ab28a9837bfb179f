import { readDb } from "@/server/read-db";

/**
 * What the ledger's and the dashboards' selects offer: the merchant's apps and the channels it has accounts
 * with, plus the trade center's wallet and points once a buyer of the merchant holds either.
 */
export async function ledgerFilterOptions(merchantId: string) {
  const [apps, accounts, buyer] = await Promise.all([
    readDb.app.findMany({ where: { merchantId }, orderBy: { createdAt: "asc" }, select: { id: true, name: true, mode: true } }),
    readDb.channelAccount.findMany({ where: { merchantId }, distinct: ["channel"], orderBy: { channel: "asc" }, select: { channel: true } }),
    readDb.buyerAccount.findFirst({ where: { merchantId }, select: { buyerId: true } }),
  ]);
  return { apps, channels: [...accounts.map((a) => a.channel), ...(buyer ? ["wallet", "points"] : [])] };
}
