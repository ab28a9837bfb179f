/**
 * One error type for the whole app. A code maps once to an HTTP status (Open API envelope) and a
 * tRPC code (console and cashier). Anything that is not an AppError is logged and answered as a
 * generic INTERNAL_ERROR, never with its message or stack.
 */
export const ERROR_CODES = {
  VALIDATION_FAILED: { status: 400, trpc: "BAD_REQUEST" },
  UNAUTHENTICATED: { status: 401, trpc: "UNAUTHORIZED" },
  APP_NOT_FOUND: { status: 401, trpc: "UNAUTHORIZED" },
  INVALID_SIGNATURE: { status: 401, trpc: "UNAUTHORIZED" },
  TIMESTAMP_OUT_OF_WINDOW: { status: 401, trpc: "UNAUTHORIZED" },
  NONCE_REUSED: { status: 401, trpc: "UNAUTHORIZED" },
  FORBIDDEN: { status: 403, trpc: "FORBIDDEN" },
  APP_DISABLED: { status: 403, trpc: "FORBIDDEN" },
  MERCHANT_INACTIVE: { status: 403, trpc: "FORBIDDEN" },
  NOT_FOUND: { status: 404, trpc: "NOT_FOUND" },
  ORDER_NOT_FOUND: { status: 404, trpc: "NOT_FOUND" },
  REFUND_NOT_FOUND: { status: 404, trpc: "NOT_FOUND" },
  AFTER_SALE_NOT_FOUND: { status: 404, trpc: "NOT_FOUND" },
  IMPORT_NOT_FOUND: { status: 404, trpc: "NOT_FOUND" },
  TRADE_NOT_FOUND: { status: 404, trpc: "NOT_FOUND" },
  COUPON_NOT_FOUND: { status: 404, trpc: "NOT_FOUND" },
  RECONCILIATION_NOT_FOUND: { status: 404, trpc: "NOT_FOUND" },
  DIFFERENCE_NOT_FOUND: { status: 404, trpc: "NOT_FOUND" },
  RECEIVER_NOT_FOUND: { status: 404, trpc: "NOT_FOUND" },
  SETTLEMENT_NOT_FOUND: { status: 404, trpc: "NOT_FOUND" },
  COMPLAINT_NOT_FOUND: { status: 404, trpc: "NOT_FOUND" },
  METHOD_NOT_ALLOWED: { status: 405, trpc: "METHOD_NOT_SUPPORTED" },
  CONFLICT: { status: 409, trpc: "CONFLICT" },
  ORDER_PARAMS_MISMATCH: { status: 409, trpc: "CONFLICT" },
  ORDER_ALREADY_PAID: { status: 409, trpc: "CONFLICT" },
  ORDER_CLOSED: { status: 409, trpc: "CONFLICT" },
  ORDER_NOT_PAID: { status: 409, trpc: "CONFLICT" },
  INVALID_TRANSITION: { status: 409, trpc: "CONFLICT" },
  ORDER_NOT_CANCELLABLE: { status: 409, trpc: "CONFLICT" },
  TRADE_IN_PROGRESS: { status: 409, trpc: "CONFLICT" },
  TRADE_PARAMS_MISMATCH: { status: 409, trpc: "CONFLICT" },
  COUPON_UNAVAILABLE: { status: 409, trpc: "CONFLICT" },
  INSUFFICIENT_POINTS: { status: 409, trpc: "CONFLICT" },
  INSUFFICIENT_BALANCE: { status: 409, trpc: "CONFLICT" },
  /** A couponNo, topUpNo or grantNo used again with other content. */
  PARAMS_MISMATCH: { status: 409, trpc: "CONFLICT" },
  REFUND_EXCEEDS_REFUNDABLE: { status: 409, trpc: "CONFLICT" },
  /** The refund needs split money back (分账回退) and the channel has no return API (Alipay). */
  REFUND_EXCEEDS_UNSPLIT: { status: 409, trpc: "CONFLICT" },
  PROFIT_SHARING_NOT_ENABLED: { status: 409, trpc: "CONFLICT" },
  SPLIT_FINISHED: { status: 409, trpc: "CONFLICT" },
  SPLIT_EXCEEDS_SPLITTABLE: { status: 409, trpc: "CONFLICT" },
  RECEIVER_EXISTS: { status: 409, trpc: "CONFLICT" },
  /** A wallet top-up's pay order: its money is the buyer's stored value now, not refunded through the channel. */
  TOP_UP_NOT_REFUNDABLE: { status: 409, trpc: "CONFLICT" },
  /** A reconciliation of that day and channel account is already running. */
  RECONCILIATION_IN_PROGRESS: { status: 409, trpc: "CONFLICT" },
  /** The bill of that day is not out yet (from the next day, 10:00 Beijing). */
  BILL_NOT_READY: { status: 409, trpc: "CONFLICT" },
  /** A difference resolved already (by finance or by a later run). */
  DIFFERENCE_RESOLVED: { status: 409, trpc: "CONFLICT" },
  REFUND_PARAMS_MISMATCH: { status: 409, trpc: "CONFLICT" },
  IDEMPOTENCY_IN_PROGRESS: { status: 409, trpc: "CONFLICT" },
  /** The order is held for risk review (风控审核): it opens no pay order until approved. */
  ORDER_UNDER_REVIEW: { status: 409, trpc: "CONFLICT" },
  /** A risk review or a complaint already decided (by someone else, or earlier). */
  ALREADY_DECIDED: { status: 409, trpc: "CONFLICT" },
  IDEMPOTENCY_KEY_REUSED: { status: 422, trpc: "UNPROCESSABLE_CONTENT" },
  RISK_REJECTED: { status: 422, trpc: "UNPROCESSABLE_CONTENT" },
  /** The app has no enabled channel account that can take the payment: add one in the console (a new TEST app has sandbox ones). */
  NO_CHANNEL_ACCOUNT: { status: 422, trpc: "UNPROCESSABLE_CONTENT" },
  PAYLOAD_TOO_LARGE: { status: 413, trpc: "PAYLOAD_TOO_LARGE" },
  /** The request line and headers pass Node's limit (16 KiB): answered before any route sees it. */
  HEADERS_TOO_LARGE: { status: 431, trpc: "PAYLOAD_TOO_LARGE" },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, trpc: "UNSUPPORTED_MEDIA_TYPE" },
  RATE_LIMITED: { status: 429, trpc: "TOO_MANY_REQUESTS" },
  REPEAT_TOO_SOON: { status: 429, trpc: "TOO_MANY_REQUESTS" },
  INTERNAL_ERROR: { status: 500, trpc: "INTERNAL_SERVER_ERROR" },
  CHANNEL_ERROR: { status: 502, trpc: "BAD_GATEWAY" },
  CHANNEL_UNAVAILABLE: { status: 503, trpc: "SERVICE_UNAVAILABLE" },
  /** PostgreSQL cannot be reached (restarting, failing over): nothing was done or it was rolled back; retry. */
  SERVICE_UNAVAILABLE: { status: 503, trpc: "SERVICE_UNAVAILABLE" },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly field?: string;
  /** Seconds, for 429 answers (Retry-After). */
  readonly retryAfter?: number;
  /** RISK_REJECTED: the risk rule that blocked (OPEN-API.md). */
  readonly ruleId?: string;

  constructor(code: ErrorCode, message: string, options: { field?: string; retryAfter?: number; ruleId?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.field = options.field;
    this.retryAfter = options.retryAfter;
    this.ruleId = options.ruleId;
  }

  get status(): number {
    return ERROR_CODES[this.code].status;
  }
}

