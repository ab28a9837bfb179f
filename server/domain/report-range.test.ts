import { describe, expect, it } from "vitest";
import { addDays, bucketLabels, dayStart, granularityOf, localDate, presetRange, rangeBounds, reportRangeSchema } from "./report-range";

describe("report ranges (China Standard Time days)", () => {
  it("starts a local day at 16:00 UTC the day before", () => {
    expect(dayStart("2026-11-22").toISOString()).toBe("2026-11-21T16:00:00.000Z");
    expect(localDate(new Date("2026-11-21T16:00:00Z"))).toBe("2026-11-22");
    expect(localDate(new Date("2026-11-21T15:59:59Z"))).toBe("2026-11-21");
  });

  it("covers both end days, end exclusive", () => {
    const { start, end } = rangeBounds({ from: "2026-11-01", to: "2026-11-30" });
    expect(start.toISOString()).toBe("2026-10-31T16:00:00.000Z");
    expect(end.toISOString()).toBe("2026-11-30T16:00:00.000Z");
  });

  it("is hourly for one day and daily for longer, with every bucket listed", () => {
    expect(granularityOf({ from: "2026-11-22", to: "2026-11-22" })).toBe("hour");
    expect(bucketLabels({ from: "2026-11-22", to: "2026-11-22" })).toHaveLength(24);
    expect(bucketLabels({ from: "2026-11-22", to: "2026-11-22" })[13]).toBe("2026-11-22 13:00");
    expect(bucketLabels({ from: "2026-02-27", to: "2026-03-02" })).toEqual(["2026-02-27", "2026-02-28", "2026-03-01", "2026-03-02"]);
  });

  it("refuses reversed, impossible and too long ranges", () => {
    expect(reportRangeSchema.safeParse({ from: "2026-11-22", to: "2026-11-21" }).success).toBe(false);
    expect(reportRangeSchema.safeParse({ from: "2026-02-30", to: "2026-03-01" }).success).toBe(false);
    expect(reportRangeSchema.safeParse({ from: "2025-01-01", to: "2026-11-22" }).success).toBe(false);
    expect(reportRangeSchema.safeParse({ from: "2026-11-01", to: "2026-11-22" }).success).toBe(true);
  });

  it("has presets ending today", () => {
    const now = new Date("2026-11-22T02:00:00Z");
    expect(presetRange("today", now)).toEqual({ from: "2026-11-22", to: "2026-11-22" });
    expect(presetRange("30d", now)).toEqual({ from: addDays("2026-11-22", -29), to: "2026-11-22" });
  });
});
