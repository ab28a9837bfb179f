import type { ApiApp } from "@/server/apps/app-cache";
import { LEASE, leaseSize, type RateLimitHeaders, rateLimitHeaders, retryAfterSeconds } from "@/server/domain/rate-limit";
import { AppError } from "@/server/errors";
import { sql } from "@/server/sql";

/**
 * Refills the app's bucket and takes up to $4 tokens from it (server/domain/rate-limit.ts `lease`) in one
 * statement, under the row's lock and on the database's clock: every web node spends the same bucket, one
 * statement after the other (ADR 0029). `now()` is the statement's start: a statement that waited for the
 * lock refills as of then, never more (the bucket's time never goes back). When not one whole token is
 * there it writes nothing and returns no row.
 *
 * It commits asynchronously (synchronous_commit off for its own transaction only): the row's lock is
 * released without waiting for the WAL flush, which would otherwise queue every request of one app behind
 * one fsync each (measured: 36–56 % of the unlimited throughput). A crash of PostgreSQL may forget the last
 * few hundred milliseconds of spending, i.e. admit that much again; no payment's durability depends on it.
 */
const REFILLED = `least($3::float8, b.tokens + greatest(0, extract(epoch FROM now() - b."refilledAt"))::float8 * $2::float8)`;
export const LEASE_STATEMENT = `
  INSERT INTO "ApiRateBucket" AS b ("appId", tokens, "refilledAt", taken)
  SELECT $1, $3::float8 - least($4::int, floor($3::float8)::int), now(), least($4::int, floor($3::float8)::int)
  FROM (SELECT set_config('synchronous_commit', 'off', true)) AS async_commit
  ON CONFLICT ("appId") DO UPDATE
    SET tokens = ${REFILLED} - least($4::int, floor(${REFILLED})::int),
        taken = least($4::int, floor(${REFILLED})::int),
        "refilledAt" = greatest(b."refilledAt", now())
    WHERE ${REFILLED} >= 1
  RETURNING tokens, taken`;

/**
 * This node's leases, per app: tokens taken from the bucket and not spent yet (spent in memory until
 * `expires`, then forgotten), and how many requests of the app came in the current and the last period
 * (`leaseSize`: one token a statement until the app is busy on this node).
 */
type Held = { tokens: number; expires: number; bucketTokens: number; periodStart: number; count: number; lastCount: number; leasing?: Promise<void> };
const held = new Map<string, Held>();

/** The lease period and threshold (server/domain/rate-limit.ts LEASE); `ms: 0` takes one token per request, exactly (tests). */
export const leasing: { ms: number; fromRequests: number; max: number } = { ...LEASE };

/** The X-RateLimit-* headers of each authenticated Open API request, until its answer is sent. */
const answered = new WeakMap<Request, RateLimitHeaders>();

/**
 * Spends one token of the app's bucket, after authentication (nobody spends another app's quota) and
 * before the Idempotency-Key claim; a 429 `RATE_LIMITED` with `Retry-After` when none is left. An app
 * without a limit (rateLimitPerSecond null, set by the operator) costs nothing.
 */
export async function spendRateLimit(request: Request, app: ApiApp, now = Date.now()): Promise<void> {
  const limit = app.rateLimit;
  if (!limit) return;
  const state = heldFor(app.id, now);
  // a lease of this node in flight: wait for it rather than queue another statement on the row (twice at most)
  for (let waits = 0; ; waits++) {
    if (state.tokens >= 1 && now < state.expires) {
      state.tokens -= 1;
      answered.set(request, rateLimitHeaders(limit, state.bucketTokens + state.tokens, now));
      return;
    }
    if (!state.leasing || waits === 2) break;
    await state.leasing;
    now = Date.now();
  }
  const want = leasing.ms > 0 ? leaseSize(limit, state.lastCount, leasing) : 1;
  const statement = sql<{ tokens: number; taken: number }>(LEASE_STATEMENT, [app.id, limit.perSecond, limit.burst, want]);
  if (want > 1) {
    const done = statement.then(() => undefined, () => undefined);
    state.leasing = done;
    void done.then(() => {
      if (state.leasing === done) state.leasing = undefined;
    });
  }
  const { rows } = await statement;
  now = Date.now();
  const row = rows[0];
  if (!row) {
    answered.set(request, rateLimitHeaders(limit, 0, now));
    throw new AppError("RATE_LIMITED", `more than ${limit.perSecond} requests a second (burst ${limit.burst}) for this app; retry after Retry-After seconds`, {
      retryAfter: retryAfterSeconds(limit, 0),
    });
  }
  // tokens another request of this node leased meanwhile are kept; the one spent here is this request's
  const kept = state.expires > now ? state.tokens : 0;
  Object.assign(state, { tokens: kept + row.taken - 1, expires: now + leasing.ms, bucketTokens: row.tokens });
  answered.set(request, rateLimitHeaders(limit, row.tokens + state.tokens, now));
}

function heldFor(appId: string, now: number): Held {
  let state = held.get(appId);
  if (!state) {
    if (held.size > 10_000) held.clear();
    held.set(appId, (state = { tokens: 0, expires: 0, bucketTokens: 0, periodStart: now, count: 0, lastCount: 0 }));
  }
  if (now - state.periodStart >= leasing.ms) {
    state.lastCount = now - state.periodStart < 2 * leasing.ms ? state.count : 0;
    state.periodStart = now;
    state.count = 0;
  }
  state.count += 1;
  return state;
}

/** Adds the request's X-RateLimit-* headers to its answer (none before authentication, nor for an app without a limit). */
export function stampRateLimitHeaders(request: Request, response: Response): void {
  const headers = answered.get(request);
  if (!headers) return;
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
}
