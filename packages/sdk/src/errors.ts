/**
 * Errors of the PayCenter Open API. Every non-2xx answer is
 * `{"error":{"code","message","field"?},"requestId"}`; the SDK throws it as one PayCenterError whose
 * `code` is typed, with the HTTP status, the request id (quote it to support) and the field at fault.
 */

/** Every code the API answers with, and its HTTP status. */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  APP_NOT_FOUND: 401,
  INVALID_SIGNATURE: 401,
  TIMESTAMP_OUT_OF_WINDOW: 401,
  NONCE_REUSED: 401,
  FORBIDDEN: 403,
  APP_DISABLED: 403,
  MERCHANT_INACTIVE: 403,
  NOT_FOUND: 404,
  ORDER_NOT_FOUND: 404,
  REFUND_NOT_FOUND: 404,
  AFTER_SALE_NOT_FOUND: 404,
  IMPORT_NOT_FOUND: 404,
  TRADE_NOT_FOUND: 404,
  COUPON_NOT_FOUND: 404,
  RECONCILIATION_NOT_FOUND: 404,
  DIFFERENCE_NOT_FOUND: 404,
  RECEIVER_NOT_FOUND: 404,
  SETTLEMENT_NOT_FOUND: 404,
  COMPLAINT_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  ORDER_PARAMS_MISMATCH: 409,
  ORDER_ALREADY_PAID: 409,
  ORDER_CLOSED: 409,
  ORDER_NOT_PAID: 409,
  INVALID_TRANSITION: 409,
  ORDER_NOT_CANCELLABLE: 409,
  TRADE_IN_PROGRESS: 409,
  TRADE_PARAMS_MISMATCH: 409,
  COUPON_UNAVAILABLE: 409,
  INSUFFICIENT_POINTS: 409,
  INSUFFICIENT_BALANCE: 409,
  PARAMS_MISMATCH: 409,
  REFUND_EXCEEDS_REFUNDABLE: 409,
  REFUND_EXCEEDS_UNSPLIT: 409,
  PROFIT_SHARING_NOT_ENABLED: 409,
  SPLIT_FINISHED: 409,
  SPLIT_EXCEEDS_SPLITTABLE: 409,
  RECEIVER_EXISTS: 409,
  TOP_UP_NOT_REFUNDABLE: 409,
  RECONCILIATION_IN_PROGRESS: 409,
  BILL_NOT_READY: 409,
  DIFFERENCE_RESOLVED: 409,
  REFUND_PARAMS_MISMATCH: 409,
  IDEMPOTENCY_IN_PROGRESS: 409,
  ORDER_UNDER_REVIEW: 409,
  ALREADY_DECIDED: 409,
  IDEMPOTENCY_KEY_REUSED: 422,
  RISK_REJECTED: 422,
  NO_CHANNEL_ACCOUNT: 422,
  PAYLOAD_TOO_LARGE: 413,
  HEADERS_TOO_LARGE: 431,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  REPEAT_TOO_SOON: 429,
  INTERNAL_ERROR: 500,
  CHANNEL_ERROR: 502,
  CHANNEL_UNAVAILABLE: 503,
  SERVICE_UNAVAILABLE: 503,
} as const;

export type PayCenterErrorCode = keyof typeof ERROR_STATUS;

/** The families of codes, for callers that handle a kind of failure rather than one code. */
export type PayCenterErrorFamily = "validation" | "authentication" | "permission" | "not_found" | "conflict" | "idempotency" | "rate_limit" | "channel" | "server";

export function errorFamily(code: string, status: number): PayCenterErrorFamily {
  if (code === "IDEMPOTENCY_KEY_REUSED" || code === "IDEMPOTENCY_IN_PROGRESS") return "idempotency";
  if (code === "CHANNEL_ERROR" || code === "CHANNEL_UNAVAILABLE") return "channel";
  if (status === 401) return "authentication";
  if (status === 403) return "permission";
  if (status === 404) return "not_found";
  if (status === 409) return "conflict";
  if (status === 429) return "rate_limit";
  if (status >= 500) return "server";
  return "validation";
}

/** An error answer of the API. */
export class PayCenterError extends Error {
  /** The API's code; a code this SDK version does not know yet arrives as is (hence `string`). */
  readonly code: PayCenterErrorCode | (string & {});
  readonly status: number;
  /** The answer's `x-request-id` (or the envelope's `requestId`). */
  readonly requestId: string | null;
  /** The field at fault, when one is (`payer.openid`, `amount` …). */
  readonly field?: string;
  /** Seconds, from `Retry-After` (429, some 503). */
  readonly retryAfter?: number;
  readonly family: PayCenterErrorFamily;
  /** The raw error body, as answered. */
  readonly body: unknown;

  constructor(init: { code: string; message: string; status: number; requestId: string | null; field?: string; retryAfter?: number; body?: unknown }) {
    super(`${init.code}: ${init.message}${init.requestId ? ` (request ${init.requestId})` : ""}`);
    this.name = "PayCenterError";
    this.code = init.code;
    this.status = init.status;
    this.requestId = init.requestId;
    this.field = init.field;
    this.retryAfter = init.retryAfter;
    this.family = errorFamily(init.code, init.status);
    this.body = init.body;
  }

  /** Narrows the code: `if (error.is("ORDER_NOT_FOUND")) …`. */
  is<C extends PayCenterErrorCode>(code: C): this is PayCenterError & { code: C } {
    return this.code === code;
  }
}

/** True when `error` is a PayCenterError (of one of `codes`, when given). */
export function isPayCenterError<C extends PayCenterErrorCode>(error: unknown, ...codes: C[]): error is PayCenterError & { code: C } {
  return error instanceof PayCenterError && (codes.length === 0 || (codes as string[]).includes(error.code));
}

/** No answer at all: the connection failed or the request timed out (after the retries, if any). */
export class PayCenterConnectionError extends Error {
  readonly requestId: string | null;
  constructor(message: string, options: { cause?: unknown; requestId?: string | null } = {}) {
    super(message, { cause: options.cause });
    this.name = "PayCenterConnectionError";
    this.requestId = options.requestId ?? null;
  }
}
