import pg from "pg";

/**
 * PostgreSQL gone (a restart, a failover, a connection cut, a server whose postmaster died): SQLSTATE class 08 or
 * 57P01–57P03, or the driver's own connection errors — not an answer to the query. toAppError makes it a 503 (the
 * transaction did not commit, so the request can be retried as it is); the read path takes the replica out.
 */
export function databaseUnreachable(error: unknown): boolean {
  const { sqlState } = databaseCodes(error);
  if (sqlState && (sqlState.startsWith("08") || /^57P0[123]$/.test(sqlState))) return true;
  const seen = new Set<unknown>();
  for (let e: unknown = error; e && typeof e === "object" && !seen.has(e); e = (e as { cause?: unknown }).cause) {
    seen.add(e);
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === "string" && ["ECONNREFUSED", "ECONNRESET", "EPIPE", "57P01", "57P02", "57P03"].includes(code)) return true;
    if (typeof message === "string" && /Connection terminated|not queryable|terminating connection|the database system is (starting up|shutting down)|Can't reach database server/i.test(message)) return true;
  }
  return false;
}

type MaybeDatabaseError = {
  code?: unknown;
  meta?: { driverAdapterError?: { cause?: { originalCode?: unknown } } };
};

/** Prisma's code (P2025) and PostgreSQL's SQLSTATE, from a Prisma error or a raw `pg` error. */
export function databaseCodes(error: unknown): { prismaCode?: string; sqlState?: string } {
  if (error === null || typeof error !== "object") return {};
  const { code, meta } = error as MaybeDatabaseError;
  const original = meta?.driverAdapterError?.cause?.originalCode;
  if (typeof code === "string" && /^P\d{4}$/.test(code)) return { prismaCode: code, sqlState: typeof original === "string" ? original : undefined };
  // node-postgres' DatabaseError (the hot paths' plain SQL, server/sql.ts) carries the SQLSTATE itself.
  if (error instanceof pg.DatabaseError && typeof code === "string") return { sqlState: code };
  return {};
}
