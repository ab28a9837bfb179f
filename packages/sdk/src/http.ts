import { randomUUID } from "node:crypto";
import { PayCenterConnectionError, PayCenterError } from "./errors.js";
import { signRequest, type Signer } from "./signing.js";

export type HttpMethod = "GET" | "POST";

export type RetryOptions = {
  /** Retries after the first try (default 2): 3 tries at most. 0 disables retries. */
  maxRetries?: number;
  /** First backoff (default 500 ms); doubles per retry, with jitter. */
  baseDelayMs?: number;
  /** Longest backoff between two tries (default 8 s). */
  maxDelayMs?: number;
  /** A `Retry-After` longer than this (default 60 s) is not waited for: the error is thrown at once. */
  maxRetryAfterSeconds?: number;
};

export type TransportOptions = {
  baseUrl: string;
  appId: string;
  signer: Signer;
  retry?: RetryOptions;
  /** Per try (default 30 s); a try that times out is retried like a network error. */
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** Waits between tries (tests replace it). */
  sleep?: (ms: number) => Promise<void>;
  /** 0 ≤ value < 1 (tests replace it). */
  random?: () => number;
  userAgent?: string;
};

export type RequestOptions = {
  /**
   * POST only. Generated (a UUID) for every POST unless given; the same key is sent on every retry, so a
   * retried POST is answered once by the server. `false` sends none — and then the POST is never retried.
   */
  idempotencyKey?: string | false;
  /** Sent as `X-Request-Id` (the server echoes it and logs under it). */
  requestId?: string;
  signal?: AbortSignal;
  maxRetries?: number;
  timeoutMs?: number;
};

export type CallInfo = { status: number; requestId: string | null; idempotencyKey: string | null; tries: number; headers: Headers };

export type Call = {
  method: HttpMethod;
  /** e.g. `/api/v1/pay-orders/{payOrderNo}/close` */
  path: string;
  params?: Record<string, string>;
  query?: Record<string, string | number | boolean | undefined | null>;
  body?: unknown;
  options?: RequestOptions;
};

const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);

/** Fills `{name}` with the URL-encoded value, and appends the query (undefined values left out). */
export function buildPathAndQuery(template: string, params: Record<string, string> = {}, query: Call["query"] = {}): string {
  const path = template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined || value === "") throw new TypeError(`${name} is required`);
    return encodeURIComponent(value);
  });
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null) search.append(name, String(value));
  }
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

function retryAfterSeconds(headers: Headers): number | undefined {
  const value = headers.get("retry-after");
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

async function errorFrom(response: Response): Promise<PayCenterError> {
  const text = await response.text().catch(() => "");
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // not JSON (a proxy's page): kept as text
  }
  const envelope = (body as { error?: { code?: unknown; message?: unknown; field?: unknown }; requestId?: unknown } | null)?.error;
  const requestId = response.headers.get("x-request-id") ?? (typeof (body as { requestId?: unknown })?.requestId === "string" ? (body as { requestId: string }).requestId : null);
  return new PayCenterError({
    code: typeof envelope?.code === "string" ? envelope.code : response.status >= 500 ? "INTERNAL_ERROR" : "UNEXPECTED_RESPONSE",
    message: typeof envelope?.message === "string" ? envelope.message : `HTTP ${response.status}`,
    field: typeof envelope?.field === "string" ? envelope.field : undefined,
    status: response.status,
    requestId,
    retryAfter: retryAfterSeconds(response.headers),
    body,
  });
}

/**
 * Signs and sends one call, retrying what is safe to retry: network errors and timeouts, 5xx, 429 and
 * 409 IDEMPOTENCY_IN_PROGRESS — for a GET always, for a POST only with its Idempotency-Key (a POST whose
 * key was disabled is sent once). Waits `Retry-After` when the answer gives one, else exponential backoff
 * with jitter. Each try is signed anew (new timestamp and nonce: a nonce is never reused).
 */
export class Transport {
  private readonly options: TransportOptions;
  private readonly fetchImpl: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  lastCall: CallInfo | null = null;

  constructor(options: TransportOptions) {
    this.options = { ...options, baseUrl: options.baseUrl.replace(/\/+$/, "") };
    this.fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.random = options.random ?? Math.random;
  }

  /** Backoff before retry number `retry` (0-based): base × 2^retry, capped, then between half and all of it. */
  backoffMs(retry: number): number {
    const base = this.options.retry?.baseDelayMs ?? 500;
    const cap = this.options.retry?.maxDelayMs ?? 8_000;
    const ceiling = Math.min(cap, base * 2 ** retry);
    return Math.round(ceiling / 2 + this.random() * (ceiling / 2));
  }

  async request<T>(call: Call): Promise<T> {
    const { method, options = {} } = call;
    const pathAndQuery = buildPathAndQuery(call.path, call.params, call.query);
    const body = method === "GET" ? "" : JSON.stringify(call.body ?? {});
    const idempotencyKey = method === "POST" ? (options.idempotencyKey === false ? null : (options.idempotencyKey ?? randomUUID())) : null;
    const safeToRetry = method === "GET" || idempotencyKey !== null;
    const maxRetries = safeToRetry ? (options.maxRetries ?? this.options.retry?.maxRetries ?? 2) : 0;
    const maxRetryAfter = this.options.retry?.maxRetryAfterSeconds ?? 60;

    for (let tries = 1; ; tries++) {
      const retriesLeft = tries <= maxRetries;
      let response: Response;
      try {
        response = await this.send(method, pathAndQuery, body, idempotencyKey, options);
      } catch (error) {
        if (options.signal?.aborted) throw error;
        if (!retriesLeft) {
          throw new PayCenterConnectionError(`${method} ${pathAndQuery}: no answer (${(error as Error)?.message ?? error})`, { cause: error, requestId: options.requestId });
        }
        await this.sleep(this.backoffMs(tries - 1));
        continue;
      }
      const requestId = response.headers.get("x-request-id");
      this.lastCall = { status: response.status, requestId, idempotencyKey, tries, headers: response.headers };
      if (response.ok) {
        const text = await response.text();
        return (text ? JSON.parse(text) : null) as T;
      }
      const error = await errorFrom(response);
      const retryable = RETRYABLE_STATUS.has(response.status) || error.code === "IDEMPOTENCY_IN_PROGRESS";
      if (!retryable || !retriesLeft) throw error;
      if (error.retryAfter !== undefined) {
        if (error.retryAfter > maxRetryAfter) throw error;
        await this.sleep(error.retryAfter * 1000);
      } else {
        await this.sleep(this.backoffMs(tries - 1));
      }
    }
  }

  private async send(method: HttpMethod, pathAndQuery: string, body: string, idempotencyKey: string | null, options: RequestOptions): Promise<Response> {
    const headers: Record<string, string> = {
      accept: "application/json",
      ...signRequest(this.options.appId, this.options.signer, { method, pathAndQuery, body }),
    };
    if (method === "POST") headers["content-type"] = "application/json";
    if (idempotencyKey) headers["idempotency-key"] = idempotencyKey;
    if (options.requestId) headers["x-request-id"] = options.requestId;
    if (this.options.userAgent) headers["user-agent"] = this.options.userAgent;
    const timeout = AbortSignal.timeout(options.timeoutMs ?? this.options.timeoutMs ?? 30_000);
    return this.fetchImpl(`${this.options.baseUrl}${pathAndQuery}`, {
      method,
      headers,
      body: method === "GET" ? undefined : body,
      signal: options.signal ? AbortSignal.any([options.signal, timeout]) : timeout,
    });
  }
}
