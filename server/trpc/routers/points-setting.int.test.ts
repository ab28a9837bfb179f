import { beforeAll, describe, expect, it } from "vitest";
import { seedIfEmpty } from "@/prisma/seed";
import { db } from "@/server/db";
import { callerAs, outcome } from "@/server/testing/callers";

const DEMO = "M10000001";
let appId = "";

beforeAll(async () => {
  await seedIfEmpty();
  appId = (await db.app.findFirstOrThrow({ where: { merchant: { mchNo: DEMO } }, orderBy: { createdAt: "asc" } })).id;
});

const settings = { orderFlows: ["standard"] as ("standard" | "custom_home")[], autoCompleteDays: 10, shipWithinHours: "" as const };

describe("the app's points rate (pointsPerYuan) in its settings", () => {
  it("is 100 until changed, saved as typed (1 … 10,000), audited, and kept when a caller leaves it out", async () => {
    const owner = await callerAs("owner@demo.local");
    expect((await owner.orders.settings({ mchNo: DEMO, appId })).pointsPerYuan).toBe(100);
    await owner.orders.updateSettings({ mchNo: DEMO, appId, ...settings, pointsPerYuan: "250" });
    expect((await owner.orders.settings({ mchNo: DEMO, appId })).pointsPerYuan).toBe(250);
    expect((await db.app.findUniqueOrThrow({ where: { id: appId } })).pointsPerYuan).toBe(250);
    const audit = await db.auditLog.findFirstOrThrow({ where: { targetId: appId, action: "app.order_settings_updated" }, orderBy: { createdAt: "desc" } });
    expect([(audit.before as { pointsPerYuan: number }).pointsPerYuan, (audit.after as { pointsPerYuan: number }).pointsPerYuan]).toEqual([100, 250]);
    // a caller from before the trade center sends no rate: it stays
    await owner.orders.updateSettings({ mchNo: DEMO, appId, ...settings, autoCompleteDays: 9 });
    expect(await owner.orders.settings({ mchNo: DEMO, appId })).toMatchObject({ autoCompleteDays: 9, pointsPerYuan: 250 });
    await owner.orders.updateSettings({ mchNo: DEMO, appId, ...settings, pointsPerYuan: 10_000 });
    await owner.orders.updateSettings({ mchNo: DEMO, appId, ...settings, pointsPerYuan: 1 });
    expect((await owner.orders.settings({ mchNo: DEMO, appId })).pointsPerYuan).toBe(1);
  });

  it("refuses anything but a whole number from 1 to 10,000, and writes nothing then", async () => {
    const owner = await callerAs("owner@demo.local");
    await owner.orders.updateSettings({ mchNo: DEMO, appId, ...settings, pointsPerYuan: 100 });
    for (const pointsPerYuan of [0, 10_001, 1.5, -3, "abc", "", null, "1e3x"]) {
      expect(await outcome(owner.orders.updateSettings({ mchNo: DEMO, appId, ...settings, pointsPerYuan } as never)), String(pointsPerYuan)).toBe("BAD_REQUEST");
    }
    expect((await owner.orders.settings({ mchNo: DEMO, appId })).pointsPerYuan).toBe(100);
    // finance reads money but does not configure apps
    expect(await outcome((await callerAs("finance@demo.local")).orders.updateSettings({ mchNo: DEMO, appId, ...settings, pointsPerYuan: 50 }))).toBe("FORBIDDEN");
  });
});
