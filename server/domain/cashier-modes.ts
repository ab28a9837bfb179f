import type { DeviceKind, PaymentApp } from "./user-agent";

/**
 * How a channel wants to be offered in the cashier (its plugin's `cashier`): the modes it uses on
 * each device, best first, and the app whose in-app browser preselects it. For instance WeChat Pay:
 * a Native QR code on a desktop, H5 on a phone (inside WeChat too, because JSAPI needs the payer's
 * openid from WeChat OAuth, which PayCenter does not run yet); Alipay: its website cashier (page.pay)
 * on a desktop, else a precreate QR; wap.pay on a phone.
 */
export type CashierPreference = { modes: Record<DeviceKind, readonly string[]>; payerApp?: PaymentApp };

/** Every mode the cashier may use on a device, in the order the channels prefer them (route rules match on these). */
export function cashierModes(preferences: readonly CashierPreference[], device: DeviceKind): string[] {
  return [...new Set(preferences.flatMap((preference) => preference.modes[device]))];
}

/** The mode the cashier uses for a channel on `device`, among the modes an account serves; null if none fits (or the channel has no cashier). */
export function cashierMode(preference: CashierPreference | undefined, device: DeviceKind, servedModes: readonly string[]): string | null {
  return preference?.modes[device].find((mode) => servedModes.includes(mode)) ?? null;
}

/**
 * The channel chosen before the consumer picks: the one they used last on this order, else the
 * channel of the app the page runs in (`appChannel`), else the first offered.
 */
export function preselectedChannel(offered: readonly string[], appChannel: string | undefined, lastUsed?: string): string | null {
  return [lastUsed, appChannel, offered[0]].find((channel) => channel !== undefined && offered.includes(channel)) ?? null;
}
