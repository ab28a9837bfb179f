/**
 * What the cashier needs to know about the consumer's device, from the User-Agent alone: a phone
 * (H5 layout, the channels' mobile modes) or a desktop (PC layout, QR codes), and whether the page
 * runs inside the WeChat or Alipay app (their channel is preselected there).
 */
export type DeviceKind = "phone" | "desktop";
export type PaymentApp = "wechat" | "alipay";
export type ClientDevice = { kind: DeviceKind; app: PaymentApp | null };

// "Mobi" covers "Mobile" and "Mobile Safari"; Android tablets and iPads (which report a Mac) get the PC layout.
const PHONE = /Mobi|iPhone|iPod|Windows Phone|HarmonyOS/i;

export function classifyUserAgent(userAgent: string | null | undefined): ClientDevice {
  const ua = userAgent ?? "";
  // WeChat for Windows / macOS also says MicroMessenger: inside the app, but on a desktop.
  const app: PaymentApp | null = /MicroMessenger/i.test(ua) ? "wechat" : /AlipayClient/i.test(ua) ? "alipay" : null;
  return { kind: PHONE.test(ua) ? "phone" : "desktop", app };
}
