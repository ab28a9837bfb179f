import type { PaymentApp } from "./channel-codes";

/**
 * What the cashier needs to know about the consumer's device, from the User-Agent alone: a phone
 * (H5 layout, the channels' mobile modes) or a desktop (PC layout, QR codes), and whether the page
 * runs inside a channel's app (WeChat, Alipay: their channel is preselected there).
 */
export type DeviceKind = "phone" | "desktop";
export type { PaymentApp };
export type ClientDevice = { kind: DeviceKind; app: PaymentApp | null };

// "Mobi" covers "Mobile" and "Mobile Safari"; Android tablets and iPads (which report a Mac) get the PC layout.
const PHONE = /Mobi|iPhone|iPod|Windows Phone|HarmonyOS/i;

/** How each app's in-app browser names itself. WeChat for Windows / macOS also says MicroMessenger: inside the app, but on a desktop. */
const APP_USER_AGENTS: Record<PaymentApp, RegExp> = { wechat: /MicroMessenger/i, alipay: /AlipayClient/i };

export function classifyUserAgent(userAgent: string | null | undefined): ClientDevice {
  const ua = userAgent ?? "";
  const app = (Object.keys(APP_USER_AGENTS) as PaymentApp[]).find((name) => APP_USER_AGENTS[name].test(ua)) ?? null;
  return { kind: PHONE.test(ua) ? "phone" : "desktop", app };
}
