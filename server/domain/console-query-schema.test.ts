import { describe, expect, it } from "vitest";
import { createdAtRange, decodeCursor, encodeCursor, orderFiltersSchema } from "./console-query-schema";

describe("console query helpers", () => {
  it("round-trips a keyset cursor and refuses a forged one", () => {
    const at = new Date("2026-04-04T10:00:00.123Z");
    expect(decodeCursor(encodeCursor(at, "P1"))).toEqual({ createdAt: at, id: "P1" });
    expect(decodeCursor("bm9wZQ")).toBeNull();
    expect(decodeCursor("")).toBeNull();
  });
  it("reads plain dates as whole China-time days, `to` included", () => {
    expect(createdAtRange("2026-04-04", "2026-04-04")).toEqual({ gte: new Date("2026-04-03T16:00:00Z"), lt: new Date("2026-04-04T16:00:00Z") });
    expect(createdAtRange(undefined, "2026-04-04T23:59:59Z")).toEqual({ lte: new Date("2026-04-04T23:59:59Z") });
    expect(createdAtRange()).toBeUndefined();
  });
  it("turns empty form fields into no filter and keeps amounts as decimal strings", () => {
    expect(orderFiltersSchema.parse({ q: " ", status: "", minAmount: "", from: "" })).toEqual({});
    expect(orderFiltersSchema.parse({ minAmount: "12.5", status: "PAID" })).toMatchObject({ minAmount: "12.5", status: "PAID" });
    expect(orderFiltersSchema.safeParse({ minAmount: "1e3" }).success).toBe(false);
  });
});
