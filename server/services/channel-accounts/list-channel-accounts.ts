import { db } from "@/server/db";

/** The merchant's channel accounts (of one app, or all), with their app; never a credential. */
export async function listChannelAccounts(merchantId: string, appId?: string) {
  const accounts = await db.channelAccount.findMany({
    where: { merchantId, ...(appId ? { appId } : {}) },
    orderBy: [{ app: { createdAt: "asc" } }, { priority: "desc" }, { createdAt: "asc" }],
    select: {
      id: true,
      channel: true,
      name: true,
      modes: true,
      feeRateBps: true,
      subsidyBps: true,
      priority: true,
      status: true,
      baseUrl: true,
      createdAt: true,
      app: { select: { id: true, name: true, mode: true, status: true } },
    },
  });
  const sandboxLinked = new Set(
    (await db.sandboxMerchant.findMany({ where: { channelAccountId: { in: accounts.map((a) => a.id) } }, select: { channelAccountId: true } })).map(
      (s) => s.channelAccountId,
    ),
  );
  return accounts.map((account) => ({ ...account, sandbox: sandboxLinked.has(account.id) }));
}
