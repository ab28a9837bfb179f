import { describe, expect, it } from "vitest";
import { BARCODE_MAX_REVERSE_TRIES, nextPollStep, reverseRetryAt } from "./barcode-loop";

describe("the barcode loop's schedule", () => {
  const start = 1_000_000;

  it("queries every 5 s until 45 s after the pay call, then reverses", () => {
    expect(nextPollStep(start, start, 1)).toEqual({ kind: "query", at: start + 5_000 });
    expect(nextPollStep(start, start + 20_000, 1)).toEqual({ kind: "query", at: start + 25_000 });
    // the last query falls on the limit, not past it
    expect(nextPollStep(start, start + 42_000, 1)).toEqual({ kind: "query", at: start + 45_000 });
    expect(nextPollStep(start, start + 45_000, 1)).toEqual({ kind: "reverse", at: start + 45_000 });
  });

  it("scales every pause by the time scale", () => {
    expect(nextPollStep(start, start, 0.01)).toEqual({ kind: "query", at: start + 50 });
    expect(nextPollStep(start, start + 450, 0.01)).toEqual({ kind: "reverse", at: start + 450 });
  });

  it("backs a failed reverse off, 5 s … 10 min, and gives up after its tries", () => {
    expect(reverseRetryAt(1, 0, 1)).toBe(5_000);
    expect(reverseRetryAt(2, 0, 1)).toBe(10_000);
    expect(reverseRetryAt(7, 0, 1)).toBe(600_000);
    expect(reverseRetryAt(20, 0, 1)).toBe(600_000);
    expect(reverseRetryAt(BARCODE_MAX_REVERSE_TRIES, 0, 1)).toBeNull();
  });
});
