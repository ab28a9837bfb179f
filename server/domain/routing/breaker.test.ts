import { describe, expect, it } from "vitest";
import { BREAKER_DEFAULTS, breakerAdmits, breakerState, CLOSED_BREAKER, nextBreaker, sameBreaker } from "./breaker";
import type { BreakerRow } from "./types";

const t0 = new Date("2026-11-22T00:00:00Z");
const later = (ms: number) => new Date(t0.getTime() + ms);

describe("circuit breaker", () => {
  it("stays closed below the threshold and resets on success", () => {
    let row: BreakerRow | undefined;
    for (let i = 0; i < BREAKER_DEFAULTS.failureThreshold - 1; i++) row = nextBreaker(row, "error", t0);
    expect(row).toEqual({ state: "CLOSED", consecutiveFailures: 4, openedAt: null });
    expect(breakerAdmits(row, t0)).toBe(true);
    expect(nextBreaker(row, "ok", t0)).toEqual(CLOSED_BREAKER);
  });
  it("opens at the threshold and admits nothing during the cool-down", () => {
    let row: BreakerRow | undefined;
    for (let i = 0; i < 5; i++) row = nextBreaker(row, "error", t0);
    expect(row).toEqual({ state: "OPEN", consecutiveFailures: 5, openedAt: t0 });
    expect(breakerState(row, later(29_999))).toBe("open");
    expect(breakerAdmits(row, later(29_999))).toBe(false);
    // answers of calls started before it opened change nothing
    expect(nextBreaker(row, "ok", later(1000))).toBe(row);
    expect(nextBreaker(row, "error", later(1000))).toBe(row);
  });
  it("half-opens after the cool-down: a success closes, an error reopens for another cool-down", () => {
    const open: BreakerRow = { state: "OPEN", consecutiveFailures: 5, openedAt: t0 };
    expect(breakerState(open, later(30_000))).toBe("half_open");
    expect(breakerAdmits(open, later(30_000))).toBe(true);
    expect(nextBreaker(open, "ok", later(30_000))).toEqual(CLOSED_BREAKER);
    const reopened = nextBreaker(open, "error", later(31_000));
    expect(reopened).toEqual({ state: "OPEN", consecutiveFailures: 6, openedAt: later(31_000) });
    expect(breakerState(reopened, later(60_000))).toBe("open");
    expect(breakerState(reopened, later(61_000))).toBe("half_open");
  });
  it("honours a custom configuration", () => {
    const config = { failureThreshold: 1, coolDownMs: 10 };
    const row = nextBreaker(undefined, "error", t0, config);
    expect(row.state).toBe("OPEN");
    expect(breakerState(row, later(10), config)).toBe("half_open");
  });
  it("compares rows", () => {
    expect(sameBreaker(undefined, CLOSED_BREAKER)).toBe(true);
    expect(sameBreaker(undefined, { state: "CLOSED", consecutiveFailures: 1, openedAt: null })).toBe(false);
    expect(sameBreaker({ state: "OPEN", consecutiveFailures: 5, openedAt: t0 }, { state: "OPEN", consecutiveFailures: 5, openedAt: new Date(t0) })).toBe(true);
  });
});
