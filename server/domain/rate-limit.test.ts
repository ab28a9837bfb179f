import { describe, expect, it } from "vitest";
import { admissionBound, type Bucket, LEASE, lease, leaseSize, rateLimitHeaders, refill, retryAfterSeconds, take } from "./rate-limit";

const limit = { perSecond: 10, burst: 20 };

/** Requests at the given milliseconds through one bucket; how many were admitted. */
function admitted(times: number[], bucket: Bucket | null = null): { count: number; bucket: Bucket | null } {
  let count = 0;
  for (const t of times) {
    const result = take(bucket, limit, t);
    bucket = result.bucket;
    if (result.admitted) count++;
  }
  return { count, bucket };
}

describe("token bucket", () => {
  it("starts full: the burst passes at once, the next is refused", () => {
    expect(admitted(Array(21).fill(0)).count).toBe(20);
  });

  it("refills continuously at the rate, never above the burst", () => {
    const { bucket } = admitted(Array(20).fill(0));
    expect(refill(bucket, limit, 250).tokens).toBeCloseTo(2.5);
    expect(refill(bucket, limit, 60_000).tokens).toBe(20);
    expect(take(bucket, limit, 99).admitted).toBe(false); // 0.99 of a token
    expect(take(bucket, limit, 100).admitted).toBe(true);
  });

  it("a refused request spends nothing", () => {
    const empty = admitted(Array(20).fill(0)).bucket;
    const refused = take(empty, limit, 50);
    expect(refused.admitted).toBe(false);
    expect(refused.bucket).toEqual(empty);
  });

  it("a clock going back refills nothing and never moves the bucket's time back", () => {
    const { bucket } = admitted(Array(20).fill(1_000));
    const back = refill(bucket, limit, 500);
    expect(back).toEqual({ tokens: 0, refilledAtMs: 1_000 });
  });

  it("a lowered burst clamps the tokens left", () => {
    const full: Bucket = { tokens: 20, refilledAtMs: 0 };
    expect(refill(full, { perSecond: 1, burst: 5 }, 0).tokens).toBe(5);
  });

  it("admits at most burst + rate × window in any window, whatever the arrival pattern", () => {
    // a request every 7 ms for 10 s: 1,429 arrivals against 20 + 10 × 10 = 120 allowed
    const times = Array.from({ length: 1_429 }, (_, i) => i * 7);
    const { count } = admitted(times);
    expect(count).toBeLessThanOrEqual(admissionBound(limit, 10));
    expect(count).toBeGreaterThanOrEqual(admissionBound(limit, 10) - 1);
  });
});

describe("headers", () => {
  it("say the burst, the whole tokens left and the second the bucket is full again", () => {
    expect(rateLimitHeaders(limit, 12.7, 1_000_000)).toEqual({
      "x-ratelimit-limit": "20",
      "x-ratelimit-remaining": "12",
      "x-ratelimit-reset": String(Math.ceil((1_000_000 + 730) / 1000)),
    });
    expect(rateLimitHeaders(limit, -0.5, 0)["x-ratelimit-remaining"]).toBe("0");
  });

  it("Retry-After is whole seconds until one token is back, at least 1", () => {
    expect(retryAfterSeconds(limit, 0)).toBe(1);
    expect(retryAfterSeconds({ perSecond: 1, burst: 1 }, 0)).toBe(1);
    expect(retryAfterSeconds({ perSecond: 1, burst: 1 }, 0.999)).toBe(1);
  });
});

describe("leases (a node takes several tokens at once)", () => {
  it("take as many as wanted, at most the whole tokens there, none from an empty bucket", () => {
    expect(lease(null, limit, 0, 5)).toEqual({ taken: 5, bucket: { tokens: 15, refilledAtMs: 0 } });
    expect(lease({ tokens: 3.5, refilledAtMs: 0 }, limit, 0, 5)).toEqual({ taken: 3, bucket: { tokens: 0.5, refilledAtMs: 0 } });
    expect(lease({ tokens: 0.5, refilledAtMs: 0 }, limit, 0, 5).taken).toBe(0);
  });

  it("are one token until a node sees enough requests of the app, then what it spent, within a tenth of the burst and 100", () => {
    expect(leaseSize(limit, 0)).toBe(1);
    expect(leaseSize(limit, LEASE.fromRequests - 1)).toBe(1);
    expect(leaseSize({ perSecond: 1000, burst: 2000 }, 40)).toBe(40);
    expect(leaseSize({ perSecond: 100, burst: 200 }, 40)).toBe(20);
    expect(leaseSize({ perSecond: 1e6, burst: 1e6 }, 5000)).toBe(LEASE.max);
  });

  it("a token leased just before a window and spent in it is the only excess over burst + rate × window", () => {
    expect(admissionBound(limit, 3, LEASE.ms)).toBe(20 + 31);
  });
});
