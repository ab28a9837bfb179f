import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { bucketStart, type CounterNeed } from "@/server/domain/risk-windows";
import { countAndRead, counterKey, deleteCountersBefore, uncount } from "./counters";

/** The counter statement against PostgreSQL: windows summed over their buckets, grains, Beijing days, concurrency. */
let n = 0;
const scope = () => ({ merchantId: `m-counters-${process.pid}-${n++}`, checkpoint: "ORDER" as const });
const need = (window: CounterNeed["window"], value = "b1"): CounterNeed => ({ dimension: "buyer", value, window });
const at = (iso: string) => new Date(iso);

describe("countAndRead", () => {
  it("a 10-minute window sums the minute buckets inside it, this event included", async () => {
    const s = scope();
    const w = need({ kind: "minutes", minutes: 10 });
    const read = async (iso: string, amount = 100n) => (await countAndRead(s, [w], at(iso), amount)).get("buyer/10m")!;
    expect(await read("2026-12-05T10:00:05Z")).toEqual({ count: 1, amount: 100n });
    expect(await read("2026-12-05T10:00:59Z", 50n)).toEqual({ count: 2, amount: 150n });
    expect(await read("2026-12-05T10:04:00Z")).toEqual({ count: 3, amount: 250n });
    // 10:09 still sees 10:00 (the window is 10:00–10:09); 10:10 no longer does
    expect(await read("2026-12-05T10:09:30Z")).toEqual({ count: 4, amount: 350n });
    expect(await read("2026-12-05T10:10:00Z")).toEqual({ count: 3, amount: 300n });
  });

  it("windows over an hour count by hour; a daily window by the Beijing day (16:00 UTC is midnight in Beijing)", async () => {
    const s = scope();
    const hours = need({ kind: "minutes", minutes: 180 });
    const day = need({ kind: "day" });
    const read = async (iso: string) => {
      const totals = await countAndRead(s, [hours, day], at(iso), 1n);
      return [totals.get("buyer/180m")!.count, totals.get("buyer/day")!.count];
    };
    expect(await read("2026-12-05T13:10:00Z")).toEqual([1, 1]);
    expect(await read("2026-12-05T15:59:59Z")).toEqual([2, 2]);
    expect(await read("2026-12-05T16:00:00Z")).toEqual([2, 1]); // a new Beijing day; the window is the hours 14, 15 and 16
    expect(await read("2026-12-05T18:30:00Z")).toEqual([2, 2]); // 16:00–18:59 holds 16:00 and this one
    // one row per bucket: hours 13, 15, 16, 18 and two Beijing days
    expect(await db.riskCounter.count({ where: { key: counterKey(s, "buyer", "b1") } })).toBe(6);
  });

  it("two windows of one grain read one bucket row; uncount takes an event back out of every bucket", async () => {
    const s = scope();
    const needs = [need({ kind: "minutes", minutes: 5 }), need({ kind: "minutes", minutes: 30 })];
    const t = at("2026-12-05T08:20:00Z");
    await countAndRead(s, needs, t, 700n);
    const second = await countAndRead(s, needs, t, 300n);
    expect(second.get("buyer/5m")).toEqual({ count: 2, amount: 1_000n });
    expect(second.get("buyer/30m")).toEqual({ count: 2, amount: 1_000n });
    await uncount(s, needs, t, 300n);
    const row = await db.riskCounter.findUniqueOrThrow({ where: { key_grain_bucket: { key: counterKey(s, "buyer", "b1"), grain: "m", bucket: bucketStart(t, "m") } } });
    expect([row.count, row.amount]).toEqual([1, 700n]);
  });

  it("60 concurrent checks each see a distinct count: 1 … 60", async () => {
    const s = scope();
    const t = at("2026-12-05T09:00:00Z");
    const counts = await Promise.all(Array.from({ length: 60 }, async () => (await countAndRead(s, [need({ kind: "minutes", minutes: 1 })], t, 1n)).get("buyer/1m")!.count));
    expect(counts.sort((a, b) => a - b)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
  });

  it("sends nothing when no rule needs a counter; the cleanup deletes buckets older than its cut", async () => {
    expect((await countAndRead(scope(), [], new Date(), 1n)).size).toBe(0);
    const s = scope();
    await countAndRead(s, [need({ kind: "minutes", minutes: 5 })], at("2020-01-01T00:00:00Z"), 1n);
    await countAndRead(s, [need({ kind: "minutes", minutes: 5 })], new Date(), 1n);
    expect(await deleteCountersBefore(new Date(Date.now() - 8 * 86_400_000))).toBeGreaterThanOrEqual(1);
    expect(await db.riskCounter.count({ where: { key: counterKey(s, "buyer", "b1") } })).toBe(1);
  });
});
