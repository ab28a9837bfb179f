import { describe, expect, it } from "vitest";
import { couponExpiryIssue, couponSchema, grantSchema, isBuyerId, MAX_COUPON_LIFETIME_MS, topUpSchema } from "./buyer-asset-schema";

const fieldOf = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) => (result.success ? null : result.error!.issues[0].path.join("."));
const coupon = (overrides: Record<string, unknown> = {}) => ({ couponNo: "C1", buyerId: "U1001", type: "amount_off", value: 2000, expiresAt: "2030-01-01T00:00:00+08:00", ...overrides });

describe("couponSchema", () => {
  it("parses amounts to bigint, minSpend defaulting to 0, expiresAt to a Date", () => {
    expect(couponSchema.parse(coupon())).toEqual({ couponNo: "C1", buyerId: "U1001", type: "amount_off", value: 2000n, minSpend: 0n, expiresAt: new Date("2029-12-31T16:00:00Z") });
  });

  it("percent_off takes 1–99; amount_off any fen from 1; the field at fault is value", () => {
    expect(couponSchema.safeParse(coupon({ type: "percent_off", value: 99 })).success).toBe(true);
    expect(couponSchema.safeParse(coupon({ type: "amount_off", value: 100 })).success).toBe(true);
    for (const value of [100, 0, -1, 1.5, "5", null]) expect(fieldOf(couponSchema.safeParse(coupon({ type: "percent_off", value })))).toBe("value");
    for (const value of [0, 100_000_000_001, 2.5]) expect(fieldOf(couponSchema.safeParse(coupon({ value })))).toBe("value");
  });

  it("refuses unknown fields, types and malformed numbers", () => {
    expect(couponSchema.safeParse(coupon({ extra: 1 })).success).toBe(false);
    expect(fieldOf(couponSchema.safeParse(coupon({ type: "gift" })))).toBe("type");
    expect(fieldOf(couponSchema.safeParse(coupon({ couponNo: "C 1" })))).toBe("couponNo");
    expect(fieldOf(couponSchema.safeParse(coupon({ minSpend: -1 })))).toBe("minSpend");
    expect(fieldOf(couponSchema.safeParse(coupon({ expiresAt: "2030-01-01" })))).toBe("expiresAt");
  });
});

describe("couponExpiryIssue", () => {
  const now = Date.parse("2026-12-03T00:00:00Z");
  it("must be in the future and at most 5 years ahead", () => {
    expect(couponExpiryIssue(new Date(now), now)).toBe("must be in the future");
    expect(couponExpiryIssue(new Date(now + 1), now)).toBeNull();
    expect(couponExpiryIssue(new Date(now + MAX_COUPON_LIFETIME_MS), now)).toBeNull();
    expect(couponExpiryIssue(new Date(now + MAX_COUPON_LIFETIME_MS + 1), now)).toBe("must be at most 5 years ahead");
  });
});

describe("buyer ids", () => {
  it("are what an order's trimmed buyer.id can be: 1–64 storable characters without control characters or edge spaces", () => {
    for (const ok of ["U1001", "张三", "a b", "x".repeat(64), "../etc"]) expect(isBuyerId(ok)).toBe(true);
    for (const bad of ["", "x".repeat(65), " U1", "U1 ", "U\u0000", "U\n1", "\ud800", 5, null]) expect(isBuyerId(bad)).toBe(false);
  });
});

describe("top-ups and grants", () => {
  it("top-ups take 1 … 5,000,000 fen", () => {
    expect(topUpSchema.parse({ topUpNo: "TU1", amount: 5_000_000 })).toEqual({ topUpNo: "TU1", amount: 5_000_000n });
    for (const amount of [0, 5_000_001, 1.5, "1"]) expect(fieldOf(topUpSchema.safeParse({ topUpNo: "TU1", amount }))).toBe("amount");
  });

  it("grants take 1 … 100,000,000 points and a reason of at most 128 characters, trimmed", () => {
    expect(grantSchema.parse({ grantNo: "G1", points: 100_000_000, reason: "  签到  " })).toEqual({ grantNo: "G1", points: 100_000_000n, reason: "签到" });
    expect(grantSchema.parse({ grantNo: "G1", points: 1, reason: "   " })).toEqual({ grantNo: "G1", points: 1n });
    expect(fieldOf(grantSchema.safeParse({ grantNo: "G1", points: 100_000_001 }))).toBe("points");
    expect(fieldOf(grantSchema.safeParse({ grantNo: "G1", points: 1, reason: "r".repeat(129) }))).toBe("reason");
    expect(fieldOf(grantSchema.safeParse({ grantNo: "G1", points: 1, reason: "a\u001bb" }))).toBe("reason");
  });
});
