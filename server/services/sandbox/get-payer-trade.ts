import { db } from "@/server/db";
import { isStorableText } from "@/server/domain/storable-text";
import { findTradeById } from "@/server/sandbox/trades";

export const SANDBOX_PAYER_CHANNELS = ["wechatpay", "alipay"] as const;
export type SandboxPayerChannel = (typeof SANDBOX_PAYER_CHANNELS)[number];

export function isSandboxPayerChannel(value: string): value is SandboxPayerChannel {
  return (SANDBOX_PAYER_CHANNELS as readonly string[]).includes(value);
}

/**
 * The sandbox trade behind a payer page (`/sandbox/<channel>/pay/<channelTradeNo>`, the URL the
 * sandbox puts in QR codes and redirects), with the name of the merchant being paid; null if the
 * channel has no such trade. A pending trade past its expiry reads as closed.
 */
export async function getPayerTrade(channel: SandboxPayerChannel, channelTradeNo: string) {
  if (channelTradeNo.length > 64 || !isStorableText(channelTradeNo)) return null;
  const found = await db.sandboxTrade.findUnique({ where: { channelTradeNo }, select: { id: true, channel: true } });
  if (!found || found.channel !== channel) return null;
  const trade = await findTradeById(found.id);
  if (!trade) return null;
  const sandboxMerchant = await db.sandboxMerchant.findUniqueOrThrow({ where: { id: trade.sandboxMerchantId }, select: { channelAccountId: true } });
  const account = sandboxMerchant.channelAccountId
    ? await db.channelAccount.findUnique({ where: { id: sandboxMerchant.channelAccountId }, select: { merchant: { select: { name: true } } } })
    : null;
  return {
    channel,
    channelTradeNo: trade.channelTradeNo,
    tradeType: trade.tradeType,
    subject: trade.subject,
    amount: trade.amount,
    currency: trade.currency,
    state: trade.state,
    payee: account?.merchant.name ?? null,
  };
}

export type PayerTrade = NonNullable<Awaited<ReturnType<typeof getPayerTrade>>>;
