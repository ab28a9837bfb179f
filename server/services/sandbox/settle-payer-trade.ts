import type { ChannelCode } from "@/server/domain/channel-codes";
import { findPayerTrade, type PayerOutcome, payerReturnAddress, settleTrade } from "@/server/sandbox";
import { getPayerTrade } from "./get-payer-trade";

export type SettlePayerTradeOptions = {
  channel: ChannelCode;
  channelTradeNo: string;
  outcome: PayerOutcome;
  /** What the merchant appended to the payer page's URL (WeChat Pay H5's redirect_url). */
  redirectUrl?: string;
};

/**
 * The payer presses Pay, Decline or Cancel on a sandbox payer page. The trade changes by
 * compare-and-set (a second press changes nothing); a payment queues the channel's real signed
 * notification. Returns the trade as it now is and, when this press settled it, where the browser
 * goes next, as the channel's app would send it (its simulator's payerReturnAddress: WeChat H5 back
 * to its redirect_url whatever happened; Alipay's website and wap cashiers back to return_url, with
 * the signed return parameters after a payment). Null when the channel has no such trade.
 */
export async function settlePayerTrade({ channel, channelTradeNo, outcome, redirectUrl }: SettlePayerTradeOptions) {
  const found = await findPayerTrade(channel, channelTradeNo);
  if (!found) return null;
  const settled = await settleTrade(found.trade.id, outcome);
  const trade = await getPayerTrade(channel, channelTradeNo);
  const settledNow = found.trade.state === "PENDING" && settled.state !== "PENDING";
  return trade && { trade, returnTo: settledNow ? await payerReturnAddress(settled, redirectUrl) : null };
}
