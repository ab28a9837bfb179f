import { db } from "@/server/db";
import { cashierMode } from "@/server/domain/cashier-modes";
import type { DeviceKind } from "@/server/domain/user-agent";

export type CashierChannel = { channel: string; mode: string };

/**
 * The channels the cashier offers for an app on a device, each with the mode it uses there: the
 * app's enabled channel accounts, highest priority first, one entry per channel. This is the one
 * place that orders the cashier's list: route rules take over here when they land.
 */
export async function listCashierChannels(appId: string, device: DeviceKind): Promise<CashierChannel[]> {
  const accounts = await db.channelAccount.findMany({
    where: { appId, status: "ENABLED" },
    orderBy: [{ priority: "desc" }, { createdAt: "asc" }],
    select: { channel: true, modes: true },
  });
  const offered = new Map<string, string>();
  for (const account of accounts) {
    const mode = cashierMode(account.channel, device, account.modes);
    if (mode && !offered.has(account.channel)) offered.set(account.channel, mode);
  }
  return [...offered].map(([channel, mode]) => ({ channel, mode }));
}
