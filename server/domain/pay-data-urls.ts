/**
 * What a channel's pay data may send a consumer's browser to. A channel answer comes from a base URL
 * that may be a tenant's (or a compromised channel's) choice: a `javascript:` or `data:` URL handed
 * to `location.assign` would run script in the cashier's origin. Plugins check the URLs they build
 * or parse with these rules, and the cashier page checks again before it navigates or links.
 * No imports: the cashier page uses this file too.
 */

/** Browser redirects (WeChat H5 h5_url, Alipay page.pay / wap.pay): the web, nothing else. */
export const REDIRECT_SCHEMES: readonly string[] = ["https:", "http:"];

/** WeChat Pay Native's code_url is `weixin://wxpay/bizpayurl?pr=…` (the sandbox's: its payer page). */
export const WECHATPAY_QR_SCHEMES: readonly string[] = ["weixin:", ...REDIRECT_SCHEMES];

/** Alipay precreate's qr_code is `https://qr.alipay.com/…` (the sandbox's: its payer page). */
export const ALIPAY_QR_SCHEMES: readonly string[] = REDIRECT_SCHEMES;

/**
 * True when `url` is an absolute URL with one of `schemes`, written plainly: no spaces or control
 * characters (which browsers strip, so that `java\tscript:` would still be `javascript:`).
 */
export function urlHasScheme(url: unknown, schemes: readonly string[]): url is string {
  if (typeof url !== "string" || url.length > 4096 || /[\u0000-\u0020\u007f-\u009f]/.test(url)) return false;
  try {
    return schemes.includes(new URL(url).protocol);
  } catch {
    return false;
  }
}

/** True when a browser may be sent to `url`: http(s) only. */
export function isRedirectUrl(url: unknown): url is string {
  return urlHasScheme(url, REDIRECT_SCHEMES);
}
