import type { RouteConditions } from "../route-rule-schema";
import type { RouteContext } from "./types";

const CHINA_OFFSET_MINUTES = 8 * 60;

/** Minutes since midnight in China time (UTC+8, no daylight saving). */
export function chinaMinuteOfDay(at: Date): number {
  return (Math.floor(at.getTime() / 60_000) + CHINA_OFFSET_MINUTES) % 1440;
}

function minutes(clock: string): number {
  const [h, m] = clock.split(":").map(Number);
  return h * 60 + m;
}

/** Whether `at` is inside [from, to) in China time; from > to spans midnight. */
export function inTimeOfDay(range: { from: string; to: string }, at: Date): boolean {
  const now = chinaMinuteOfDay(at);
  const from = minutes(range.from);
  const to = minutes(range.to);
  return from < to ? now >= from && now < to : now >= from || now < to;
}

/** Whether a rule's conditions hold for a payment. Empty conditions match everything. */
export function conditionsMatch(conditions: RouteConditions, context: RouteContext): boolean {
  if (conditions.minAmount !== null && context.amount < BigInt(conditions.minAmount)) return false;
  if (conditions.maxAmount !== null && context.amount > BigInt(conditions.maxAmount)) return false;
  if (conditions.modes.length > 0 && !context.modes.some((mode) => (conditions.modes as readonly string[]).includes(mode))) return false;
  if (conditions.entries.length > 0 && !conditions.entries.includes(context.entry)) return false;
  const byKey = new Map<string, string[]>();
  for (const { key, value } of conditions.metadata) byKey.set(key, [...(byKey.get(key) ?? []), value]);
  for (const [key, values] of byKey) {
    const actual = context.metadata[key];
    if (actual === undefined || !values.includes(actual)) return false;
  }
  if (conditions.timeOfDay && !inTimeOfDay(conditions.timeOfDay, context.at)) return false;
  return true;
}
