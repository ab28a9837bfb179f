import { db } from "@/server/db";
import { MAX_BIGINT } from "@/server/domain/paging";
import { AppError } from "@/server/errors";

/** Opaque cursors: base64url of the last event's sequence number. */
export function encodeCursor(seq: bigint): string {
  return Buffer.from(`seq:${seq}`).toString("base64url");
}

export function decodeCursor(cursor: string | null): bigint {
  if (!cursor) return 0n;
  const match = /^seq:(\d{1,19})$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  // a 19-digit number may still be past PostgreSQL's bigint: refused here, not by the query
  if (!match || BigInt(match[1]) > MAX_BIGINT) throw new AppError("VALIDATION_FAILED", "after is not a cursor this API returned", { field: "after" });
  return BigInt(match[1]);
}

type Row = { id: string; type: string; createdAt: Date; data: unknown; seq: bigint };

/**
 * The feed's horizon: an event is shown only once no transaction that may still commit an older event is running.
 * Sequence numbers are taken at insert, not at commit, so a reader must not pass an event whose transaction is
 * still open. Transaction ids are cluster-wide, and the plain snapshot xmin would let any long write in any other
 * database of the server hold the feed back; so the horizon is the oldest transaction still open *in this
 * database*, read in two steps:
 *  1. one statement takes xmax₁ (every transaction that has an id below it had one before this statement) and,
 *     after it, the ids of this database's open transactions (S);
 *  2. the event query's own snapshot keeps those of its running transactions that are in S.
 * A transaction below xmax₁ still running at step 2 was running at step 1's read, so it is in S when it is ours;
 * any newer one is held back by xmax₁. The app's sessions run under one role, which sees its own sessions' ids.
 */
async function thisDatabasesOpenTransactions(): Promise<{ xmax: string; open: string[] }> {
  const [row] = await db.$queryRaw<{ xmax: string; open: string[] }[]>`
    SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS xmax,
      COALESCE((SELECT array_agg(backend_xid::text) FROM pg_stat_activity
        WHERE datname = current_database() AND backend_xid IS NOT NULL), '{}') AS open`;
  return row;
}

/** GET /api/v1/events?after=&limit= — the app's events in commit order, for systems that pull. */
export async function listEvents(appId: string, after: string | null, limit: number) {
  const from = decodeCursor(after);
  const { xmax, open } = await thisDatabasesOpenTransactions();
  const rows = await db.$queryRaw<Row[]>`
    WITH horizon AS (
      SELECT LEAST(${xmax}::xid8, (SELECT min(x) FROM pg_snapshot_xip(pg_current_snapshot()) x
        WHERE x::xid::text = ANY(${open}::text[]))) AS below)
    SELECT id, type, "createdAt", data, seq FROM "Event", horizon
    WHERE "appId" = ${appId} AND seq > ${from} AND "txId" < horizon.below AND type <> 'webhook.test'
    ORDER BY seq LIMIT ${limit + 1}`;
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    data: page.map((e) => ({ id: e.id, type: e.type, createdAt: e.createdAt, data: e.data })),
    nextCursor: encodeCursor(last ? last.seq : from),
    hasMore: rows.length > limit,
  };
}
