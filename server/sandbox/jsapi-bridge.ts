import { db } from "@/server/db";
import { loadEnv } from "@/server/env";

/**
 * In a TEST app there is no WeixinJSBridge / AlipayJSBridge: the merchant's page sends the payer to
 * the sandbox payer page of the trade its JSAPI parameters name instead, which returns the browser to
 * `returnUrl` once the payer acted, as the bridge's callback would. Null when the parameters name no
 * sandbox trade.
 */
export async function sandboxJsapiPayerUrl(channel: string, params: Record<string, string>, returnUrl: string): Promise<string | null> {
  const tradeNo = await tradeNoOf(channel, params);
  if (!tradeNo) return null;
  const url = new URL(`${loadEnv().PUBLIC_BASE_URL}/sandbox/${channel}/pay/${encodeURIComponent(tradeNo)}`);
  url.searchParams.set("redirect_url", returnUrl);
  return url.toString();
}

async function tradeNoOf(channel: string, params: Record<string, string>): Promise<string | null> {
  if (channel === "alipay") return params.tradeNO ?? null;
  if (channel !== "wechatpay") return null;
  // package=prepay_id=wx<the trade's id without dashes> (wechatpay/wire.ts prepayIdOf)
  const hex = /^prepay_id=wx([0-9a-f]{32})$/.exec(params.package ?? "")?.[1];
  if (!hex) return null;
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  const trade = await db.sandboxTrade.findUnique({ where: { id }, select: { channel: true, channelTradeNo: true } });
  return trade?.channel === "wechatpay" ? trade.channelTradeNo : null;
}
