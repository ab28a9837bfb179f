import { db } from "@/server/db";
import type { SandboxTrade } from "@/server/generated/prisma/client.ts";
import { alipayReturnUrl } from "@/server/sandbox/alipay/return-url";
import { openSandboxKeys } from "@/server/sandbox/keys";
import { type PayerOutcome, settleTrade } from "@/server/sandbox/trades";
import { getPayerTrade, type SandboxPayerChannel } from "./get-payer-trade";

export type SettlePayerTradeOptions = {
  channel: SandboxPayerChannel;
  channelTradeNo: string;
  outcome: PayerOutcome;
  /** WeChat Pay H5: the redirect_url the merchant appended to the h5_url. */
  redirectUrl?: string;
};

function httpUrl(value: string | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:" ? url.toString() : null;
  } catch {
    return null;
  }
}

/** Where the channel sends the browser once the payer has acted, as the real app does; null: it stays. */
async function returnAddress(trade: SandboxTrade, redirectUrl: string | undefined): Promise<string | null> {
  if (trade.channel === "wechatpay") return trade.tradeType === "h5" ? httpUrl(redirectUrl) : null;
  if (!trade.returnUrl) return null; // an Alipay QR code is paid in the app: nowhere to return to
  if (trade.state !== "SUCCEEDED") return trade.returnUrl;
  const merchant = await db.sandboxMerchant.findUniqueOrThrow({ where: { id: trade.sandboxMerchantId } });
  return alipayReturnUrl({ ...trade, returnUrl: trade.returnUrl }, openSandboxKeys(merchant));
}

/**
 * The payer presses Pay, Decline or Cancel on a sandbox payer page. The trade changes by
 * compare-and-set (a second press changes nothing); a payment queues the channel's real signed
 * notification. Returns the trade as it now is and, when this press settled it, where the browser
 * goes next: WeChat H5 back to its redirect_url whatever happened; Alipay's website and wap cashiers
 * back to return_url, with the signed return parameters after a payment. Null when the channel has
 * no such trade.
 */
export async function settlePayerTrade({ channel, channelTradeNo, outcome, redirectUrl }: SettlePayerTradeOptions) {
  const found = await db.sandboxTrade.findUnique({ where: { channelTradeNo }, select: { id: true, channel: true, state: true } });
  if (!found || found.channel !== channel) return null;
  const settled = await settleTrade(found.id, outcome);
  const trade = await getPayerTrade(channel, channelTradeNo);
  const settledNow = found.state === "PENDING" && settled.state !== "PENDING";
  return trade && { trade, returnTo: settledNow ? await returnAddress(settled, redirectUrl) : null };
}
