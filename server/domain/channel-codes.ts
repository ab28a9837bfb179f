/**
 * The payment channels PayCenter speaks: the one list (docs/adding-a-channel.md). Every other list of
 * channels — request schemas, the plugin and sandbox registries, console filters, the brand marks,
 * the messages a test walks — is derived from it or typed by it. A channel's code names its plugin
 * folder (server/channels/<code>), its simulator (server/sandbox/<code>) and its callback path
 * (/api/notify/<code>/…); it is stored on channel accounts, attempts and journal lines, so it never changes.
 */
export const CHANNEL_CODES = ["wechatpay", "alipay", "unionpay"] as const;
export type ChannelCode = (typeof CHANNEL_CODES)[number];

export function isChannelCode(value: unknown): value is ChannelCode {
  return typeof value === "string" && (CHANNEL_CODES as readonly string[]).includes(value);
}

/**
 * The apps a consumer may open the cashier inside (a channel's own app, told by its User-Agent):
 * route rules match on them as entries, and the cashier preselects the channel whose plugin names the
 * app (`cashier.payerApp`). A channel with no app of its own adds nothing here.
 */
export const PAYMENT_APPS = ["wechat", "alipay"] as const;
export type PaymentApp = (typeof PAYMENT_APPS)[number];

/** Invocation modes (executors) of OPEN-API.md, `cashier` excepted (that one needs no channel call). */
export const PAY_MODES = ["native", "jsapi", "h5", "app", "pc", "wap", "qr", "barcode"] as const;
export type PayMode = (typeof PAY_MODES)[number];
