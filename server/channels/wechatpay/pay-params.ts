import { Formatter, Rsa } from "wechatpay-axios-plugin";
import type { WechatpayCredentials } from "./credentials";
import { merchantPrivateKey } from "./keys";

/** What a client-side payment call needs besides the prepay_id: a fresh timestamp and nonce. */
export type Freshness = { now: Date; nonce: string };

const fresh = (): Freshness => ({ now: new Date(), nonce: Formatter.nonce() });
const seconds = (date: Date) => String(Math.floor(date.getTime() / 1000));

/** WeixinJSBridge / wx.requestPayment parameters: RSA over `appId\ntimeStamp\nnonceStr\nprepay_id=…\n`. */
export function jsapiPayParams(credentials: WechatpayCredentials, prepayId: string, { now, nonce } = fresh()): Record<string, string> {
  const timeStamp = seconds(now);
  const pkg = `prepay_id=${prepayId}`;
  return {
    appId: credentials.appid,
    timeStamp,
    nonceStr: nonce,
    package: pkg,
    signType: "RSA",
    paySign: Rsa.sign(Formatter.joinedByLineFeed(credentials.appid, timeStamp, nonce, pkg), merchantPrivateKey(credentials)),
  };
}

/** OpenSDK PayReq parameters: RSA over `appid\ntimestamp\nnoncestr\nprepayid\n`. */
export function appPayParams(credentials: WechatpayCredentials, prepayId: string, { now, nonce } = fresh()): Record<string, string> {
  const timestamp = seconds(now);
  return {
    appid: credentials.appid,
    partnerid: credentials.mchid,
    prepayid: prepayId,
    package: "Sign=WXPay",
    noncestr: nonce,
    timestamp,
    sign: Rsa.sign(Formatter.joinedByLineFeed(credentials.appid, timestamp, nonce, prepayId), merchantPrivateKey(credentials)),
  };
}

/** WeChat Pay H5 sends the consumer back to the `redirect_url` a merchant appends (URL-encoded) to the h5_url. */
export function h5UrlReturningTo(h5Url: string, returnUrl: string): string {
  const url = new URL(h5Url);
  url.searchParams.set("redirect_url", returnUrl);
  return url.toString();
}
