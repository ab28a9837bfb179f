import { describe, expect, it } from "vitest";
import { endedSince, LIVE_FAST_MS, LIVE_SLOW_MS, liveInterval, liveRefetchInterval, type LivePhase } from "./live-interval";

describe("liveInterval", () => {
  it("is off when nothing is pending, whatever the count", () => {
    expect(liveInterval(false, 0)).toBe(false);
    expect(liveInterval(false, 50)).toBe(false);
  });

  it("polls every 2 s at first, then backs off 4 s, 8 s and stays at 10 s", () => {
    const waits = Array.from({ length: 10 }, (_, i) => liveInterval(true, i));
    expect(waits).toEqual([2000, 2000, 2000, 2000, 2000, 4000, 8000, 10000, 10000, 10000]);
    expect(liveInterval(true, 10_000)).toBe(LIVE_SLOW_MS);
  });

  it("treats a nonsense count as the first poll", () => {
    expect(liveInterval(true, -3)).toBe(LIVE_FAST_MS);
    expect(liveInterval(true, Number.NaN)).toBe(LIVE_FAST_MS);
  });

  it("never waits longer than the slow pace nor shorter than the fast one", () => {
    for (let i = 0; i < 200; i++) {
      const ms = liveInterval(true, i) as number;
      expect(ms).toBeGreaterThanOrEqual(LIVE_FAST_MS);
      expect(ms).toBeLessThanOrEqual(LIVE_SLOW_MS);
    }
  });
});

describe("endedSince", () => {
  const before = new Map<string, LivePhase>([
    ["R1", "pending"],
    ["R2", "pending"],
    ["R3", "succeeded"],
  ]);

  it("reports the items that were pending and have now ended, success or failure", () => {
    const ended = endedSince(before, [
      { key: "R1", phase: "succeeded" },
      { key: "R2", phase: "failed" },
      { key: "R3", phase: "succeeded" },
    ]);
    expect(ended).toEqual([
      { key: "R1", phase: "succeeded" },
      { key: "R2", phase: "failed" },
    ]);
  });

  it("does not report items still pending, already ended, or seen for the first time", () => {
    expect(endedSince(before, [{ key: "R1", phase: "pending" }, { key: "R3", phase: "failed" }, { key: "R9", phase: "succeeded" }])).toEqual([]);
  });
});

describe("liveRefetchInterval", () => {
  const interval = liveRefetchInterval((d: { status: string }) => d.status === "RUNNING");

  it("polls fast before the first answer and while running, then stops when done", () => {
    expect(interval({ state: { data: undefined, dataUpdateCount: 0 } })).toBe(LIVE_FAST_MS);
    expect(interval({ state: { data: { status: "RUNNING" }, dataUpdateCount: 1 } })).toBe(LIVE_FAST_MS);
    expect(interval({ state: { data: { status: "RUNNING" }, dataUpdateCount: 6 } })).toBe(8000);
    expect(interval({ state: { data: { status: "SUCCEEDED" }, dataUpdateCount: 8 } })).toBe(false);
  });
});
