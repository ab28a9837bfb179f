import { describe, expect, it } from "vitest";
import { addHistograms, emptyHistogram, HISTOGRAM_SLOTS, histogramQuantile, histogramSlot, LATENCY_BUCKETS_MS, metricBucketOf, wholePercent } from "./channel-metrics";

function histogramOf(durations: number[]): number[] {
  const h = emptyHistogram();
  for (const ms of durations) h[histogramSlot(ms)]++;
  return h;
}

describe("channel metric histograms", () => {
  it("puts a duration in the first slot whose bound holds it, past the last bound in +Inf", () => {
    expect(histogramSlot(0)).toBe(0);
    expect(histogramSlot(-5)).toBe(0);
    expect(histogramSlot(10)).toBe(0);
    expect(histogramSlot(10.5)).toBe(1);
    expect(histogramSlot(250)).toBe(LATENCY_BUCKETS_MS.indexOf(250));
    expect(histogramSlot(1_000_000)).toBe(HISTOGRAM_SLOTS - 1);
  });

  it("p95 is the bound of the slot holding the ceil(0.95 n)-th observation", () => {
    // 19 fast calls and 1 slow: the 19th of 20 is fast
    expect(histogramQuantile(histogramOf([...Array(19).fill(40), 4_000]), 0.95)).toBe(50);
    // 18 fast and 2 slow: the 19th is slow
    expect(histogramQuantile(histogramOf([...Array(18).fill(40), 4_000, 4_000]), 0.95)).toBe(5_000);
    // 100 calls spread 1..100 ms: the 95th is 95 ms, in the ≤ 100 slot
    expect(histogramQuantile(histogramOf(Array.from({ length: 100 }, (_, i) => i + 1)), 0.95)).toBe(100);
    expect(histogramQuantile(histogramOf([2_000_000]), 0.95)).toBe(Infinity);
    expect(histogramQuantile(emptyHistogram(), 0.95)).toBeNull();
  });

  it("adds histograms slot by slot, short or missing ones as zeros", () => {
    const a = histogramOf([5, 300]);
    const b = histogramOf([5]);
    expect(addHistograms(a, b, null, [1])).toEqual(histogramOf([5, 5, 5, 300]));
  });

  it("5-minute buckets and whole percents", () => {
    expect(metricBucketOf(new Date("2026-12-05T07:04:59.999Z")).toISOString()).toBe("2026-12-05T07:00:00.000Z");
    expect(metricBucketOf(new Date("2026-12-05T07:05:00.000Z")).toISOString()).toBe("2026-12-05T07:05:00.000Z");
    expect(wholePercent(699, 1000)).toBe(69);
    expect(wholePercent(7, 10)).toBe(70);
    expect(wholePercent(1, 0)).toBeNull();
  });
});
