import type { BreakerRow } from "./types";

/**
 * Circuit breaker per channel account and mode. CLOSED counts consecutive channel errors (unreachable,
 * 5xx, timeouts); at the threshold it OPENs and the account gets no traffic for the cool-down; then it
 * is HALF_OPEN: traffic is let through as a trial, a success closes it, an error opens it again.
 * A channel that answers — even "no" — is reachable: that counts as a success here.
 */
export type BreakerConfig = { failureThreshold: number; coolDownMs: number };
export const BREAKER_DEFAULTS: BreakerConfig = { failureThreshold: 5, coolDownMs: 30_000 };

export type BreakerState = "closed" | "open" | "half_open";
export type CallOutcome = "ok" | "error";

export const CLOSED_BREAKER: BreakerRow = { state: "CLOSED", consecutiveFailures: 0, openedAt: null };

export function breakerState(row: BreakerRow | undefined, now: Date, config: BreakerConfig = BREAKER_DEFAULTS): BreakerState {
  if (!row || row.state === "CLOSED") return "closed";
  const openedAt = row.openedAt?.getTime() ?? 0;
  return now.getTime() - openedAt >= config.coolDownMs ? "half_open" : "open";
}

/** Whether the account may take a payment now. */
export function breakerAdmits(row: BreakerRow | undefined, now: Date, config: BreakerConfig = BREAKER_DEFAULTS): boolean {
  return breakerState(row, now, config) !== "open";
}

/** The breaker after a call's outcome. */
export function nextBreaker(row: BreakerRow | undefined, outcome: CallOutcome, now: Date, config: BreakerConfig = BREAKER_DEFAULTS): BreakerRow {
  const current = row ?? CLOSED_BREAKER;
  const state = breakerState(current, now, config);
  if (state === "open") return current; // a late answer of a call started before it opened changes nothing
  if (outcome === "ok") return CLOSED_BREAKER;
  const failures = current.consecutiveFailures + 1;
  if (state === "half_open" || failures >= config.failureThreshold) return { state: "OPEN", consecutiveFailures: failures, openedAt: now };
  return { state: "CLOSED", consecutiveFailures: failures, openedAt: null };
}

export function sameBreaker(a: BreakerRow | undefined, b: BreakerRow): boolean {
  const x = a ?? CLOSED_BREAKER;
  return x.state === b.state && x.consecutiveFailures === b.consecutiveFailures && x.openedAt?.getTime() === b.openedAt?.getTime();
}
