import { channelPlugin, channelPlugins, isChannelCode } from "@/server/channels/registry";
import { cashierMode, cashierModes } from "@/server/domain/cashier-modes";
import { entryOfDevice } from "@/server/domain/routing/entry";
import type { ClientDevice, DeviceKind } from "@/server/domain/user-agent";
import { planRoute } from "@/server/services/routing/route-payment";

export type CashierChannel = { channel: string; mode: string };

/** The order being paid: the route rules match on its amount and metadata. */
export type CashierRouteOrder = { payOrderNo: string; amount: bigint; metadata: unknown };

/**
 * The channels the cashier offers for an order on a device, each with the mode it uses there (its
 * plugin's `cashier` preference), in the order the app's route rules rank its accounts (one entry per
 * channel). Disabled accounts, accounts with no mode for the device, channels without a cashier and
 * accounts whose circuit breaker is open are never offered. The ranking is seeded by the order
 * number, so a weighted rule does not reshuffle the list while it is polled.
 */
export async function listCashierChannels(appId: string, device: ClientDevice | DeviceKind, order?: CashierRouteOrder): Promise<CashierChannel[]> {
  const client: ClientDevice = typeof device === "string" ? { kind: device, app: null } : device;
  const { decision, state } = await planRoute({
    appId,
    amount: order?.amount ?? 0n,
    modes: cashierModes(channelPlugins().flatMap((plugin) => plugin.cashier ?? []), client.kind),
    entry: entryOfDevice(client),
    metadata: order?.metadata ?? null,
    stableKey: order?.payOrderNo ?? appId,
  });
  const byId = new Map(state.accounts.map((a) => [a.id, a]));
  const offered = new Map<string, string>();
  for (const { accountId } of decision.ranked) {
    const account = byId.get(accountId);
    if (!account || offered.has(account.channel)) continue;
    const preference = isChannelCode(account.channel) ? channelPlugin(account.channel).cashier : undefined;
    const mode = cashierMode(preference, client.kind, account.modes);
    if (mode) offered.set(account.channel, mode);
  }
  return [...offered].map(([channel, mode]) => ({ channel, mode }));
}
