import type { ChannelPlugin, TradeQuery } from "@/server/channels/types";
import type { Payment } from "@/server/generated/prisma/client.ts";

/**
 * A channel's word about a trade is trusted only if it is about our attempt: same app id and
 * merchant number as the account's credentials, same amount and currency. Returns what differs.
 */
export function checkTradeMatches(
  plugin: ChannelPlugin<unknown>,
  credentials: unknown,
  payment: Pick<Payment, "attemptNo" | "amount" | "currency">,
  trade: TradeQuery,
): string | null {
  if (trade.outTradeNo !== payment.attemptNo) return `out_trade_no ${trade.outTradeNo} is not ${payment.attemptNo}`;
  const identity = plugin.accountIdentity(credentials);
  if (trade.channelAppId !== undefined && trade.channelAppId !== identity.channelAppId) {
    return `app id ${trade.channelAppId} is not ours`;
  }
  if (identity.channelMchId !== undefined && trade.channelMchId !== undefined && trade.channelMchId !== identity.channelMchId) {
    return `merchant ${trade.channelMchId} is not ours`;
  }
  if (trade.amount === undefined || trade.amount !== payment.amount) return `amount ${trade.amount} is not ${payment.amount}`;
  if (trade.currency !== undefined && trade.currency !== payment.currency) return `currency ${trade.currency} is not ${payment.currency}`;
  return null;
}
