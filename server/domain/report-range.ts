import { z } from "zod";

/**
 * Days in reports, the ledger's date filters and the settlement summary are calendar days in China
 * Standard Time (UTC+8, no daylight saving). A whole-hour offset, so every local day is exactly 24 of
 * the rollup's UTC hours.
 */
export const REPORT_TIME_ZONE = "Asia/Shanghai";
const OFFSET_MS = 8 * 3600_000;
const DAY_MS = 24 * 3600_000;

/** Longest range a dashboard or a date filter may span. */
export const MAX_RANGE_DAYS = 366;

export const localDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "YYYY-MM-DD")
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
  }, "not a calendar date");

/** 00:00 of a local day, as a UTC instant. */
export function dayStart(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - OFFSET_MS);
}

/** The local calendar day an instant falls on. */
export function localDate(at: Date): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** `days` days after a local date (negative: before). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export type Granularity = "hour" | "day";

export type ReportRange = { from: string; to: string };

export const reportRangeSchema = z
  .object({ from: localDateSchema, to: localDateSchema })
  .refine((r) => r.from <= r.to, { message: "from must not be after to", path: ["to"] })
  .refine((r) => dayStart(r.to).getTime() - dayStart(r.from).getTime() < MAX_RANGE_DAYS * DAY_MS, {
    message: `at most ${MAX_RANGE_DAYS} days`,
    path: ["to"],
  });

/** [start, end) in UTC for the local days from … to, both included. */
export function rangeBounds(range: ReportRange): { start: Date; end: Date } {
  return { start: dayStart(range.from), end: new Date(dayStart(range.to).getTime() + DAY_MS) };
}

/** Hourly for a single day, daily for longer ranges. */
export function granularityOf(range: ReportRange): Granularity {
  return range.from === range.to ? "hour" : "day";
}

/**
 * The buckets of a range, as the labels the SQL returns (`bucketLabelSql`): "2026-11-22" per day or
 * "2026-11-22 13:00" per hour, local time. Charts show every bucket, empty ones as zero.
 */
export function bucketLabels(range: ReportRange): string[] {
  if (granularityOf(range) === "hour") return Array.from({ length: 24 }, (_, h) => `${range.from} ${String(h).padStart(2, "0")}:00`);
  const labels: string[] = [];
  for (let day = range.from; day <= range.to; day = addDays(day, 1)) labels.push(day);
  return labels;
}

/** Preset ranges ending today (local): today, last 7 / 30 / 90 days. */
export function presetRange(preset: "today" | "7d" | "30d" | "90d", now = new Date()): ReportRange {
  const to = localDate(now);
  const days = { today: 1, "7d": 7, "30d": 30, "90d": 90 }[preset];
  return { from: addDays(to, -(days - 1)), to };
}
