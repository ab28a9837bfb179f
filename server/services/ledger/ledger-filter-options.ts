import { db } from "@/server/db";

/** What the ledger's and the dashboards' selects offer: the merchant's apps and the channels it has accounts with. */
export async function ledgerFilterOptions(merchantId: string) {
  const [apps, accounts] = await Promise.all([
    db.app.findMany({ where: { merchantId }, orderBy: { createdAt: "asc" }, select: { id: true, name: true, mode: true } }),
    db.channelAccount.findMany({ where: { merchantId }, distinct: ["channel"], orderBy: { channel: "asc" }, select: { channel: true } }),
  ]);
  return { apps, channels: accounts.map((a) => a.channel) };
}
