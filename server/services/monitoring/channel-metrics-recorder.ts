import { db } from "@/server/db";
import { emptyHistogram, histogramSlot, metricBucketOf } from "@/server/domain/channel-metrics";
import { logger } from "@/server/observability/logger";

/**
 * The in-process accumulator of channel metrics (docs/adr/0020). The hot paths (pay call, callback,
 * result applied) only add to a map in memory; every FLUSH_MS the map is written with one upsert per
 * (channel account, 5-minute bucket) that adds to what other processes wrote. A process that dies loses
 * at most its last few seconds of counts: metrics, not money. Web and worker processes both record and
 * both flush; flushChannelMetrics() at shutdown writes what is left.
 */

export const FLUSH_MS = 5_000;

/** Who a metric belongs to: the attempt's channel account (and its merchant and channel, stored beside it). */
export type MetricSubject = { channelAccountId: string; merchantId: string; channel: string };

/** Whose channel metrics an attempt counts in. */
export function metricSubject(payment: MetricSubject): MetricSubject {
  return { channelAccountId: payment.channelAccountId, merchantId: payment.merchantId, channel: payment.channel };
}

type Cell = MetricSubject & {
  bucket: Date;
  started: number;
  succeeded: number;
  failed: number;
  calls: number;
  callErrors: number;
  latencyHist: number[];
  callbacks: number;
  callbackHist: number[];
  errorCodes: Record<string, number>;
  /** Flushes that failed with these counts in them: after MAX_FLUSH_FAILURES they are dropped (a row the database refuses must not block the others for ever). */
  failures: number;
};

const MAX_FLUSH_FAILURES = 3;

type State = { cells: Map<string, Cell>; timer: NodeJS.Timeout | null; flushing: Promise<void> | null };

// One accumulator per process, shared by Next's separately bundled route handlers and the instrumentation hook.
const state: State = ((globalThis as Record<string, unknown>).__paycenterChannelMetrics ??= { cells: new Map(), timer: null, flushing: null }) as State;

function cell(subject: MetricSubject, at: Date): Cell {
  const bucket = metricBucketOf(at);
  const key = `${subject.channelAccountId}|${bucket.getTime()}`;
  let found = state.cells.get(key);
  if (!found) {
    found = {
      channelAccountId: subject.channelAccountId,
      merchantId: subject.merchantId,
      channel: subject.channel,
      bucket,
      started: 0,
      succeeded: 0,
      failed: 0,
      calls: 0,
      callErrors: 0,
      latencyHist: emptyHistogram(),
      callbacks: 0,
      callbackHist: emptyHistogram(),
      errorCodes: {},
      failures: 0,
    };
    state.cells.set(key, found);
  }
  if (!state.timer) {
    state.timer = setInterval(() => void flushChannelMetrics(), FLUSH_MS);
    state.timer.unref();
  }
  return found;
}

/** A pay call was made to the channel (an attempt started). */
export function recordAttemptStarted(subject: MetricSubject, at = new Date()): void {
  cell(subject, at).started++;
}

/** A channel API call ended after `ms`; `errorCode` when it failed (refused, unreachable, timed out). */
export function recordChannelCall(subject: MetricSubject, ms: number, errorCode: string | null, at = new Date()): void {
  const c = cell(subject, at);
  c.calls++;
  c.latencyHist[histogramSlot(ms)]++;
  if (errorCode !== null) {
    c.callErrors++;
    const code = errorCode.slice(0, 64);
    c.errorCodes[code] = (c.errorCodes[code] ?? 0) + 1;
  }
}

/** An attempt reached its end: SUCCEEDED or FAILED (closed ones are neither: nobody paid, nothing failed). */
export function recordAttemptEnded(subject: MetricSubject, outcome: "succeeded" | "failed", at = new Date()): void {
  cell(subject, at)[outcome]++;
}

/** A verified payment callback arrived, `delayMs` after its attempt started. */
export function recordCallback(subject: MetricSubject, delayMs: number, at = new Date()): void {
  const c = cell(subject, at);
  c.callbacks++;
  c.callbackHist[histogramSlot(delayMs)]++;
}

/**
 * Writes what was accumulated since the last flush: one upsert per (account, bucket), adding counts and
 * histograms slot by slot to the stored row. Never throws (a failed write puts its counts back for the next try).
 */
export async function flushChannelMetrics(): Promise<void> {
  // one flush at a time; a caller arriving during one waits for it, then writes what came in meanwhile
  while (state.flushing) await state.flushing;
  state.flushing = flush().finally(() => (state.flushing = null));
  return state.flushing;
}

async function flush(): Promise<void> {
  if (state.cells.size === 0) return;
  const cells = [...state.cells.values()];
  state.cells.clear();
  try {
    await upsert(cells);
  } catch (error) {
    const kept = cells.filter((c) => c.failures + 1 < MAX_FLUSH_FAILURES);
    logger.warn({ err: error, cells: cells.length, dropped: cells.length - kept.length }, "channel metrics not written; kept for the next flush");
    for (const c of kept) merge(c);
  }
}

function merge(old: Cell): void {
  const c = cell(old, old.bucket);
  c.failures = Math.max(c.failures, old.failures + 1);
  c.started += old.started;
  c.succeeded += old.succeeded;
  c.failed += old.failed;
  c.calls += old.calls;
  c.callErrors += old.callErrors;
  c.callbacks += old.callbacks;
  for (let i = 0; i < c.latencyHist.length; i++) c.latencyHist[i] += old.latencyHist[i];
  for (let i = 0; i < c.callbackHist.length; i++) c.callbackHist[i] += old.callbackHist[i];
  for (const [code, count] of Object.entries(old.errorCodes)) c.errorCodes[code] = (c.errorCodes[code] ?? 0) + count;
}

/** Element-wise sum of two int arrays (a missing or shorter one counts as zeros). */
const ADD_ARRAYS = (a: string, b: string) =>
  `ARRAY(SELECT coalesce(x, 0) + coalesce(y, 0) FROM unnest(${a}, ${b}) AS t(x, y))`;

async function upsert(cells: Cell[]): Promise<void> {
  const rows = cells.map((c) => ({
    channelAccountId: c.channelAccountId,
    bucket: c.bucket.toISOString(),
    merchantId: c.merchantId,
    channel: c.channel,
    started: c.started,
    succeeded: c.succeeded,
    failed: c.failed,
    calls: c.calls,
    callErrors: c.callErrors,
    latencyHist: c.latencyHist,
    callbacks: c.callbacks,
    callbackHist: c.callbackHist,
    errorCodes: c.errorCodes,
  }));
  // One statement for every cell; sorted so two processes flushing the same accounts lock rows in one order.
  rows.sort((a, b) => (a.channelAccountId + a.bucket).localeCompare(b.channelAccountId + b.bucket));
  await db.$executeRawUnsafe(
    `INSERT INTO "ChannelMetricBucket" AS m
       ("channelAccountId", bucket, "merchantId", channel, started, succeeded, failed, calls, "callErrors", "latencyHist", callbacks, "callbackHist", "errorCodes", "updatedAt")
     SELECT r."channelAccountId", r.bucket AT TIME ZONE 'UTC', r."merchantId", r.channel, r.started, r.succeeded, r.failed, r.calls, r."callErrors",
            ARRAY(SELECT jsonb_array_elements_text(r."latencyHist")::int), r.callbacks,
            ARRAY(SELECT jsonb_array_elements_text(r."callbackHist")::int), r."errorCodes", now()
     FROM jsonb_to_recordset($1::jsonb) AS r("channelAccountId" text, bucket timestamptz, "merchantId" text, channel text, started int, succeeded int,
          failed int, calls int, "callErrors" int, "latencyHist" jsonb, callbacks int, "callbackHist" jsonb, "errorCodes" jsonb)
     ON CONFLICT ("channelAccountId", bucket) DO UPDATE SET
       started = m.started + EXCLUDED.started,
       succeeded = m.succeeded + EXCLUDED.succeeded,
       failed = m.failed + EXCLUDED.failed,
       calls = m.calls + EXCLUDED.calls,
       "callErrors" = m."callErrors" + EXCLUDED."callErrors",
       "latencyHist" = ${ADD_ARRAYS(`m."latencyHist"`, `EXCLUDED."latencyHist"`)},
       callbacks = m.callbacks + EXCLUDED.callbacks,
       "callbackHist" = ${ADD_ARRAYS(`m."callbackHist"`, `EXCLUDED."callbackHist"`)},
       "errorCodes" = (SELECT coalesce(jsonb_object_agg(k, n), '{}'::jsonb) FROM (
           SELECT k, sum(v::int) AS n FROM (SELECT * FROM jsonb_each_text(m."errorCodes") UNION ALL SELECT * FROM jsonb_each_text(EXCLUDED."errorCodes")) e(k, v)
           GROUP BY k) s),
       "updatedAt" = now()`,
    JSON.stringify(rows),
  );
}

/** Stops the timer after a last flush (process shutdown). */
export async function stopChannelMetrics(): Promise<void> {
  if (state.timer) clearInterval(state.timer);
  state.timer = null;
  await flushChannelMetrics();
}
