import { logger } from "@/server/observability/logger";
import { sql } from "@/server/sql";

/**
 * The request log's in-process buffer (docs/adr/0030). The Open API only pushes a row into memory; every
 * FLUSH_MS, or as soon as FLUSH_ROWS rows wait, the buffer is written with one multi-row INSERT. A process
 * that dies loses its last second of log rows, and a failed write drops its batch: a developer view, not a
 * record of money (the events, the audit and the orders are). Past MAX_PENDING_ROWS (a database that does
 * not answer, a flood) rows are dropped and counted rather than held in memory without bound.
 */

export const FLUSH_MS = 1_000;
export const FLUSH_ROWS = 200;
export const MAX_PENDING_ROWS = 10_000;

export type ApiRequestLogRow = {
  appId: string;
  merchantId: string;
  requestId: string;
  method: string;
  path: string;
  route: string;
  status: number;
  latencyMs: number;
  errorCode: string | null;
  idempotencyKey: string | null;
  authenticated: boolean;
  signType: string | null;
  payOrderNo: string | null;
  refundNo: string | null;
  orderNo: string | null;
  requestBody: unknown;
  responseBody: unknown;
  createdAt: Date;
};

type State = { rows: ApiRequestLogRow[]; timer: NodeJS.Timeout | null; flushing: Promise<void> | null; dropped: number };

// One buffer per process, shared by Next's separately bundled route handlers.
const state: State = ((globalThis as Record<string, unknown>).__paycenterRequestLog ??= { rows: [], timer: null, flushing: null, dropped: 0 }) as State;

/** Adds a row to the buffer (never waits, never throws). */
export function bufferRequestLog(row: ApiRequestLogRow): void {
  if (state.rows.length >= MAX_PENDING_ROWS) {
    state.dropped++;
    return;
  }
  state.rows.push(row);
  if (state.rows.length >= FLUSH_ROWS) void flushRequestLogs();
  if (!state.timer) {
    state.timer = setInterval(() => void flushRequestLogs(), FLUSH_MS);
    state.timer.unref();
  }
}

/** Writes what is buffered (one flush at a time; a caller arriving during one waits, then writes what came meanwhile). Never throws. */
export async function flushRequestLogs(): Promise<void> {
  while (state.flushing) await state.flushing;
  if (state.rows.length === 0) return;
  state.flushing = flush().finally(() => (state.flushing = null));
  return state.flushing;
}

async function flush(): Promise<void> {
  const rows = state.rows;
  state.rows = [];
  const dropped = state.dropped;
  state.dropped = 0;
  if (dropped > 0) logger.warn({ dropped }, "request log rows dropped: the buffer was full");
  try {
    await insert(rows);
  } catch (error) {
    logger.warn({ err: error, rows: rows.length }, "request log rows not written (dropped)");
  }
}

async function insert(rows: ApiRequestLogRow[]): Promise<void> {
  await sql(
    `INSERT INTO "ApiRequestLog" ("appId", "merchantId", "requestId", method, path, route, status, "latencyMs", "errorCode", "idempotencyKey",
       authenticated, "signType", "payOrderNo", "refundNo", "orderNo", "requestBody", "responseBody", "createdAt")
     SELECT r."appId", r."merchantId", r."requestId", r.method, r.path, r.route, r.status, r."latencyMs", r."errorCode", r."idempotencyKey",
       r.authenticated, r."signType", r."payOrderNo", r."refundNo", r."orderNo", r."requestBody", r."responseBody", r."createdAt" AT TIME ZONE 'UTC'
     FROM jsonb_to_recordset($1::jsonb) AS r("appId" text, "merchantId" text, "requestId" text, method text, path text, route text, status int,
       "latencyMs" int, "errorCode" text, "idempotencyKey" text, authenticated boolean, "signType" text, "payOrderNo" text, "refundNo" text,
       "orderNo" text, "requestBody" jsonb, "responseBody" jsonb, "createdAt" timestamptz)`,
    [JSON.stringify(rows)],
  );
}

/** Stops the timer after a last flush (process shutdown). */
export async function stopRequestLogs(): Promise<void> {
  if (state.timer) clearInterval(state.timer);
  state.timer = null;
  await flushRequestLogs();
}
