import type { ApiApp } from "@/server/apps/app-cache";
import { type RateLimitHeaders, rateLimitHeaders, retryAfterSeconds } from "@/server/domain/rate-limit";
import { AppError } from "@/server/errors";
import { sql } from "@/server/sql";

/**
 * Refills and spends the app's bucket (server/domain/rate-limit.ts `take`) in one statement, under
 * the row's lock and on the database's clock: requests of one app on any number of web nodes are
 * admitted one after the other, exactly (ADR 0029). `now()` is the statement's start: a request that
 * waited for the lock refills as of then, never more (the bucket's time never goes back). A refused
 * request writes nothing and returns no row.
 *
 * The statement commits asynchronously (synchronous_commit off for its own transaction only): the row's
 * lock is released without waiting for the WAL flush, which would otherwise queue every request of one
 * app behind one fsync each (measured: 36–56 % of the unlimited throughput). A crash may forget the last
 * few hundred milliseconds of spending, i.e. admit up to that much again: never a payment's durability.
 */
export const SPEND_STATEMENT = `
  INSERT INTO "ApiRateBucket" AS b ("appId", tokens, "refilledAt")
  SELECT $1, $3::float8 - 1, now() FROM (SELECT set_config('synchronous_commit', 'off', true)) AS async_commit
  ON CONFLICT ("appId") DO UPDATE
    SET tokens = least($3::float8, b.tokens + greatest(0, extract(epoch FROM now() - b."refilledAt"))::float8 * $2::float8) - 1,
        "refilledAt" = greatest(b."refilledAt", now())
    WHERE least($3::float8, b.tokens + greatest(0, extract(epoch FROM now() - b."refilledAt"))::float8 * $2::float8) >= 1
  RETURNING tokens`;

/** The X-RateLimit-* headers of each authenticated Open API request, until its answer is sent. */
const answered = new WeakMap<Request, RateLimitHeaders>();

/**
 * Spends one token of the app's bucket, after authentication (nobody spends another app's quota) and
 * before the Idempotency-Key claim; a 429 `RATE_LIMITED` with `Retry-After` when none is left. An
 * app without a limit (rateLimitPerSecond null, set by the operator) costs nothing.
 */
export async function spendRateLimit(request: Request, app: ApiApp, now = Date.now()): Promise<void> {
  const limit = app.rateLimit;
  if (!limit) return;
  const { rows } = await sql<{ tokens: number }>(SPEND_STATEMENT, [app.id, limit.perSecond, limit.burst]);
  const tokens = rows[0]?.tokens;
  answered.set(request, rateLimitHeaders(limit, tokens ?? 0, now));
  if (tokens === undefined) {
    throw new AppError("RATE_LIMITED", `more than ${limit.perSecond} requests a second (burst ${limit.burst}) for this app; retry after Retry-After seconds`, {
      retryAfter: retryAfterSeconds(limit, 0),
    });
  }
}

/** Adds the request's X-RateLimit-* headers to its answer (none before authentication, nor for an app without a limit). */
export function stampRateLimitHeaders(request: Request, response: Response): void {
  const headers = answered.get(request);
  if (!headers) return;
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
}
