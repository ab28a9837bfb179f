import { db } from "@/server/db";
import type { SandboxTrade } from "@/server/generated/prisma/client.ts";
import { openSandboxKeys } from "./keys";
import { findSandboxChannel } from "./registry";
import { findTradeById } from "./trades";

/**
 * The payer pages' side of the sandbox (/sandbox/<channel>/pay/<channelTradeNo>): the simulated
 * channel app a consumer confirms a payment in.
 */

/**
 * A channel's trade by its trade number (pending past its expiry reads as closed), with the channel
 * account its sandbox merchant belongs to; null if this channel has no such trade.
 */
export async function findPayerTrade(channel: string, channelTradeNo: string) {
  const found = await db.sandboxTrade.findUnique({ where: { channelTradeNo }, select: { id: true, channel: true } });
  if (!found || found.channel !== channel) return null;
  const trade = await findTradeById(found.id);
  if (!trade) return null;
  const merchant = await db.sandboxMerchant.findUniqueOrThrow({ where: { id: trade.sandboxMerchantId }, select: { channelAccountId: true } });
  return { trade, channelAccountId: merchant.channelAccountId };
}

/** Where the channel's app sends the browser once the payer has acted on `trade`, as the real app does; null: it stays. */
export async function payerReturnAddress(trade: SandboxTrade, redirectUrl: string | undefined): Promise<string | null> {
  const channel = findSandboxChannel(trade.channel);
  if (!channel) return null;
  const merchant = await db.sandboxMerchant.findUniqueOrThrow({ where: { id: trade.sandboxMerchantId } });
  return channel.payerReturnAddress({ trade, keys: openSandboxKeys(merchant), redirectUrl });
}
