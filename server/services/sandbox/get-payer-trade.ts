import { db } from "@/server/db";
import { isChannelCode } from "@/server/domain/channel-codes";
import { isStorableText } from "@/server/domain/storable-text";
import { findPayerTrade } from "@/server/sandbox";

/**
 * The sandbox trade behind a payer page (`/sandbox/<channel>/pay/<channelTradeNo>`, the URL the
 * sandbox puts in QR codes and redirects), with the name of the merchant being paid; null if the
 * channel has no such trade. A pending trade past its expiry reads as closed.
 */
export async function getPayerTrade(channel: string, channelTradeNo: string) {
  if (!isChannelCode(channel) || channelTradeNo.length > 64 || !isStorableText(channelTradeNo)) return null;
  const found = await findPayerTrade(channel, channelTradeNo);
  if (!found) return null;
  const { trade, channelAccountId } = found;
  const account = channelAccountId
    ? await db.channelAccount.findUnique({ where: { id: channelAccountId }, select: { merchant: { select: { name: true } } } })
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
