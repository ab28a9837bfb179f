/**
 * Per-app Open API rate limits (流量控制, ADR 0029): a token bucket of `burst` tokens refilled at
 * `perSecond` tokens a second, one token per request. The arithmetic lives here, pure; the shared
 * bucket is one row per app that server/openapi/rate-limit.ts refills and spends with the same
 * arithmetic in one SQL statement, on the database's clock, so every web node sees the same bucket.
 */

export const DEFAULT_RATE_LIMIT = { perSecond: 100, burst: 200 } as const;
/** What the console lets an app's owner or developer set (more needs the platform operator). */
export const RATE_LIMIT_BOUNDS = { perSecond: { min: 1, max: 10_000 }, burst: { min: 1, max: 20_000 } } as const;

export type RateLimit = { perSecond: number; burst: number };
export type Bucket = { tokens: number; refilledAtMs: number };

/** The bucket at `nowMs`: refilled continuously since its last change, never above `burst` (a clock going back refills nothing). */
export function refill(bucket: Bucket | null, limit: RateLimit, nowMs: number): Bucket {
  if (!bucket) return { tokens: limit.burst, refilledAtMs: nowMs };
  const elapsedSeconds = Math.max(0, nowMs - bucket.refilledAtMs) / 1000;
  return { tokens: Math.min(limit.burst, bucket.tokens + elapsedSeconds * limit.perSecond), refilledAtMs: Math.max(nowMs, bucket.refilledAtMs) };
}

/** One request at `nowMs`: admitted when a whole token is there (and spends it); a refused request changes nothing. */
export function take(bucket: Bucket | null, limit: RateLimit, nowMs: number): { admitted: boolean; bucket: Bucket } {
  const full = refill(bucket, limit, nowMs);
  if (full.tokens < 1) return { admitted: false, bucket: bucket ?? full };
  return { admitted: true, bucket: { tokens: full.tokens - 1, refilledAtMs: full.refilledAtMs } };
}

/**
 * A web node's lease: up to `want` tokens at once (at least one, or none when not one is there), which
 * the node then spends in memory. `take` is the lease of one.
 */
export function lease(bucket: Bucket | null, limit: RateLimit, nowMs: number, want: number): { taken: number; bucket: Bucket } {
  const full = refill(bucket, limit, nowMs);
  if (full.tokens < 1) return { taken: 0, bucket: bucket ?? full };
  const taken = Math.min(Math.max(1, want), Math.floor(full.tokens));
  return { taken, bucket: { tokens: full.tokens - taken, refilledAtMs: full.refilledAtMs } };
}

/**
 * How long a node may hold leased tokens, and from how many requests of one app in the last such period
 * a node leases more than one: below it every request takes its own token, exactly; above it a node
 * leases what it spent in the last period, at most a tenth of the burst (the other nodes' share) and 100.
 */
export const LEASE = { ms: 100, fromRequests: 10, max: 100 } as const;

export function leaseSize(limit: RateLimit, requestsLastPeriod: number, lease: { fromRequests: number; max: number } = LEASE): number {
  if (requestsLastPeriod < lease.fromRequests) return 1;
  return Math.max(1, Math.min(requestsLastPeriod, Math.floor(limit.burst / 10), lease.max));
}

export type RateLimitHeaders = Record<"x-ratelimit-limit" | "x-ratelimit-remaining" | "x-ratelimit-reset", string>;

/**
 * The answer's headers for a bucket left with `tokens` at `nowMs`: the limit is the burst (what may
 * be sent at once), the remaining whole tokens, and the Unix second by which the bucket is full again.
 */
export function rateLimitHeaders(limit: RateLimit, tokens: number, nowMs: number): RateLimitHeaders {
  const left = Math.max(0, Math.min(limit.burst, tokens));
  const fullAtMs = nowMs + ((limit.burst - left) / limit.perSecond) * 1000;
  return {
    "x-ratelimit-limit": String(limit.burst),
    "x-ratelimit-remaining": String(Math.floor(left)),
    "x-ratelimit-reset": String(Math.ceil(fullAtMs / 1000)),
  };
}

/** Whole seconds until one token is back (Retry-After of a 429): at least 1, since the refill is at least one token a second. */
export function retryAfterSeconds(limit: RateLimit, tokens: number): number {
  return Math.max(1, Math.ceil((1 - Math.max(0, tokens)) / limit.perSecond));
}

/**
 * The most requests a bucket admits in any window of `seconds` (ADR 0029): the burst it may start
 * full with, plus the refill during the window, plus the refill during the lease period before it (tokens a
 * node leased just before the window and spends in it). The two-process integration test holds the server to it.
 */
export function admissionBound(limit: RateLimit, seconds: number, leaseMs = 0): number {
  return limit.burst + Math.floor(limit.perSecond * (seconds + leaseMs / 1000));
}
