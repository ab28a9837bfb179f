import { ChannelTimeoutError, ChannelUnavailableError, type ChannelError } from "./errors";

/** Transport failures after which the request cannot have reached the channel. */
const NEVER_SENT = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
  "ERR_INVALID_URL",
  "ERR_OUTBOUND_BLOCKED",
]);

export function isNeverSent(code: string): boolean {
  return NEVER_SENT.has(code);
}

/** The first error code down the cause chain (undici wraps the socket's error, the SSRF guard wraps its own). */
export function transportCodeOf(error: unknown): string | undefined {
  for (let e = error as { code?: unknown; cause?: unknown; errors?: unknown[] } | undefined, depth = 0; e && depth < 5; depth++) {
    if (typeof e.code === "string") return e.code;
    if (Array.isArray(e.errors) && e.errors.length) return transportCodeOf(e.errors[0]);
    e = e.cause as typeof e;
  }
  return undefined;
}

/**
 * An undici call that failed without an answer, in the core's terms: aborted by the call's budget →
 * timeout; never connected (refused, DNS, the SSRF guard, fetch's "bad port") → unavailable, safe to try
 * elsewhere; anything else (reset mid-call) → timeout, the channel may have acted.
 */
export function transportError(channel: string, what: string, error: unknown, timeoutMs: number): ChannelError {
  const name = (error as Error).name;
  if (name === "TimeoutError" || name === "AbortError") {
    return new ChannelTimeoutError(`${what}: no answer from ${channel} within ${timeoutMs} ms`, "TIMEOUT", { cause: error });
  }
  const code = transportCodeOf(error);
  if (code && NEVER_SENT.has(code)) return new ChannelUnavailableError(`${what}: ${channel} unreachable: ${code}`, code, { cause: error });
  const cause = (error as { cause?: { name?: string; message?: string } }).cause;
  if (cause?.message === "bad port") return new ChannelUnavailableError(`${what}: ${channel} unreachable: bad port`, "BAD_PORT", { cause: error });
  if (cause?.name === "OutboundBlockedError") return new ChannelUnavailableError(`${what}: ${cause.name}`, "ERR_OUTBOUND_BLOCKED", { cause: error });
  return new ChannelTimeoutError(`${what}: call interrupted, outcome unknown: ${code ?? (error as Error).message}`, code, { cause: error });
}
