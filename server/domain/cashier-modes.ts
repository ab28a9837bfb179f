import type { DeviceKind, PaymentApp } from "./user-agent";

/**
 * Which invocation mode the cashier uses for a channel on a device, best first:
 * - WeChat Pay: a Native QR code on a desktop; H5 on a phone — inside WeChat too, because JSAPI
 *   needs the payer's openid from WeChat OAuth, which PayCenter does not run (yet).
 * - Alipay: its own website cashier (page.pay) on a desktop, else a precreate QR; wap.pay on a phone.
 */
const PREFERRED_MODES: Record<string, Record<DeviceKind, readonly string[]>> = {
  wechatpay: { desktop: ["native"], phone: ["h5"] },
  alipay: { desktop: ["pc", "qr"], phone: ["wap"] },
};

/** Every mode the cashier may use on a device, in the order the channels prefer them (route rules match on these). */
export function cashierModes(device: DeviceKind): string[] {
  return [...new Set(Object.values(PREFERRED_MODES).flatMap((modes) => modes[device]))];
}

/** The channel whose app the page runs in. */
const CHANNEL_OF_APP: Record<PaymentApp, string> = { wechat: "wechatpay", alipay: "alipay" };

/** The mode the cashier uses for `channel` on `device`, among the modes an account serves; null if none fits. */
export function cashierMode(channel: string, device: DeviceKind, servedModes: readonly string[]): string | null {
  return PREFERRED_MODES[channel]?.[device].find((mode) => servedModes.includes(mode)) ?? null;
}

/**
 * The channel chosen before the consumer picks: the one they used last on this order, else the one
 * of the app the page runs in, else the first offered.
 */
export function preselectedChannel(offered: readonly string[], app: PaymentApp | null, lastUsed?: string): string | null {
  const ofApp = app ? CHANNEL_OF_APP[app] : undefined;
  return [lastUsed, ofApp, offered[0]].find((channel) => channel !== undefined && offered.includes(channel)) ?? null;
}

/** WeChat Pay H5 sends the consumer back to the `redirect_url` a merchant appends (URL-encoded) to the h5_url. */
export function wechatH5UrlReturningTo(h5Url: string, returnUrl: string): string {
  const url = new URL(h5Url);
  url.searchParams.set("redirect_url", returnUrl);
  return url.toString();
}
