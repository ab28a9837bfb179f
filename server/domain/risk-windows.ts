import type { RiskFacts, RiskRuleView } from "./risk";
import { dimensionValue } from "./risk-engine";
import type { RiskDimension } from "./risk-rule-schema";

/**
 * Counter buckets (docs/adr/0018): a window of up to 60 minutes counts by minute, a longer one by hour, a daily
 * limit by the Beijing (UTC+8, no daylight saving) day. Each event is added to the bucket of its time in every grain a
 * live rule needs; a window is the sum of its buckets, the current one included. Pure.
 */
export type Grain = "m" | "h" | "d";
export type RiskWindow = { kind: "day" } | { kind: "minutes"; minutes: number };
export type CounterDimension = RiskDimension | "fingerprint";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const BEIJING_OFFSET = 8 * HOUR;

export function grainOf(window: RiskWindow): Grain {
  if (window.kind === "day") return "d";
  return window.minutes <= 60 ? "m" : "h";
}

/** The start of the bucket holding `at`. */
export function bucketStart(at: Date, grain: Grain): Date {
  const t = at.getTime();
  switch (grain) {
    case "m":
      return new Date(t - (t % MINUTE));
    case "h":
      return new Date(t - (t % HOUR));
    case "d": {
      const local = t + BEIJING_OFFSET;
      return new Date(local - (local % (24 * HOUR)) - BEIJING_OFFSET);
    }
  }
}

/** The first bucket a window ending at `at` sums (the current bucket is the last). */
export function windowSince(at: Date, window: RiskWindow): Date {
  const grain = grainOf(window);
  const current = bucketStart(at, grain);
  if (window.kind === "day") return current;
  const buckets = grain === "m" ? window.minutes : Math.ceil(window.minutes / 60);
  return new Date(current.getTime() - (buckets - 1) * (grain === "m" ? MINUTE : HOUR));
}

/** A counter need: a dimension counted in a window (this event included). */
export type CounterNeed = { dimension: CounterDimension; value: string; window: RiskWindow };

export function windowKey(dimension: CounterDimension, window: RiskWindow): string {
  return window.kind === "day" ? `${dimension}/day` : `${dimension}/${window.minutes}m`;
}

/**
 * Which windows the rules will ask about for these facts: exactly the ones evaluateRisk's lookups.window is called
 * with (risk-engine.ts), for dimensions the facts have a value of. Deduplicated.
 */
export function counterNeeds(rules: readonly RiskRuleView[], facts: RiskFacts): CounterNeed[] {
  const needs = new Map<string, CounterNeed>();
  const add = (dimension: CounterDimension, value: string | undefined, window: RiskWindow) => {
    if (value === undefined) return;
    needs.set(windowKey(dimension, window), { dimension, value, window });
  };
  for (const { condition } of rules) {
    switch (condition.type) {
      case "daily_amount_over":
      case "daily_count_over":
        add(condition.dimension, dimensionValue(facts, condition.dimension), { kind: "day" });
        break;
      case "velocity":
        add(condition.dimension, dimensionValue(facts, condition.dimension), { kind: "minutes", minutes: condition.windowMinutes });
        break;
      case "duplicate_order":
        add("fingerprint", facts.fingerprint, { kind: "minutes", minutes: condition.withinMinutes });
        break;
      case "address_orders_over":
        add("address", facts.address?.text, { kind: "minutes", minutes: condition.windowHours * 60 });
        break;
      default:
        break;
    }
  }
  return [...needs.values()];
}
