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
 * GET /api/v1/events?after=&limit= — the app's events in commit order, for systems that pull.
 * Sequence numbers are taken at insert, not at commit, so a reader must not pass an event whose
 * transaction is still running: only events written by transactions older than every running one
 * (pg_snapshot_xmin) are shown. A cursor therefore never skips an event that commits late.
 */
export async function listEvents(appId: string, after: string | null, limit: number) {
  const from = decodeCursor(after);
  const rows = await db.$queryRaw<Row[]>`
    SELECT id, type, "createdAt", data, seq FROM "Event"
    WHERE "appId" = ${appId} AND seq > ${from} AND "txId" < pg_snapshot_xmin(pg_current_snapshot()) AND type <> 'webhook.test'
    ORDER BY seq LIMIT ${limit + 1}`;
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    data: page.map((e) => ({ id: e.id, type: e.type, createdAt: e.createdAt, data: e.data })),
    nextCursor: encodeCursor(last ? last.seq : from),
    hasMore: rows.length > limit,
  };
}
