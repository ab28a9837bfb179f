/**
 * Why the consumer's aggregated-QR flow cannot go on: each reason has its own page text
 * (messages `staticQr.refusals.*`) and HTTP status on the /q routes. Never a 500 for these.
 */
export const STATIC_QR_REFUSALS = {
  NOT_FOUND: 404,
  DISABLED: 410,
  /** No channel account of the app can take this payment in this app (WeChat / Alipay). */
  CHANNEL_UNAVAILABLE: 503,
  /** The OAuth callback's state is not the one this browser was given (CSRF, an old tab). */
  FORGED_STATE: 400,
  /** The channel did not accept the payer's one-time code (used, expired, forged). */
  IDENTITY_FAILED: 400,
  /** No payer cookie (expired, another app): identify again. */
  PAYER_UNKNOWN: 401,
  AMOUNT_INVALID: 400,
  /** The payer's static-code payments today would pass the daily cap. */
  DAILY_CAP: 422,
  /** The channel refused or could not be reached. */
  PAYMENT_FAILED: 502,
} as const;

export type StaticQrRefusalReason = keyof typeof STATIC_QR_REFUSALS;

export class StaticQrRefusal extends Error {
  readonly status: number;
  constructor(
    readonly reason: StaticQrRefusalReason,
    readonly detail?: Record<string, string>,
  ) {
    super(`static QR: ${reason}`);
    this.status = STATIC_QR_REFUSALS[reason];
  }
}
