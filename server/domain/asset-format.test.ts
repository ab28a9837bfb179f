import { describe, expect, it } from "vitest";
import { formatAmount, formatPoints, isPointsCurrency } from "./asset-format";

const label = (points: string) => `${points} 积分`;

describe("asset amounts", () => {
  it("shows points as a whole number with the unit, never as money", () => {
    expect(formatAmount(12_500n, "PTS", "zh-CN", label)).toBe("12,500 积分");
    expect(formatAmount(-500n, "PTS", "en", (p) => `${p} pts`)).toBe("-500 pts");
    expect(formatPoints(9_007_199_254_740_993n, "en")).toBe("9,007,199,254,740,993");
    expect(isPointsCurrency("PTS")).toBe(true);
    expect(isPointsCurrency("CNY")).toBe(false);
  });

  it("shows money as formatMoney does, whatever the label", () => {
    expect(formatAmount(12_800n, "CNY", "zh-CN", label)).toBe("¥128.00");
    expect(formatAmount(-50n, "CNY", "en", label)).toBe("-CN¥0.50");
  });
});
