import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { defaultBillDate } from "@/server/domain/reconciliation";
import { seedIfEmpty } from "./seed";

/** The demo's settlement: yesterday's payments of the demo reconciliation, cut from the journal into a DRAFT T+1 statement. */
describe("the demo settlement seed", () => {
  it("leaves the demo merchant a draft T+1 statement for yesterday that sums yesterday's journal", async () => {
    await seedIfEmpty({ reconciliation: true, settlement: true });
    const merchant = await db.merchant.findUniqueOrThrow({ where: { mchNo: "M10000001" } });
    const yesterday = defaultBillDate();
    const statements = await db.settlementStatement.findMany({ where: { merchantId: merchant.id }, include: { lines: true } });
    const mine = statements.find((s) => s.lines.some((l) => l.day.toISOString().slice(0, 10) === yesterday));
    expect(mine).toMatchObject({ status: "DRAFT", cycle: "T1", source: "JOURNAL", currency: "CNY" });
    const entries = await db.journalEntry.findMany({ where: { settlementLineId: { in: mine!.lines.map((l) => l.id) } }, select: { net: true, kind: true } });
    expect(entries.length).toBe(5); // three WeChat Pay payments, one Alipay and one UnionPay payment
    expect(mine!.netAmount).toBe(entries.reduce((sum, e) => sum + e.net, 0n));
    expect(mine!.grossAmount).toBe(8_800n + 12_900n + 3_500n + 5_000n + 5_000n);
    expect(mine!.unreconciledAmount).toBe(mine!.netAmount); // cut before the worker reconciles the day
    const acme = await db.merchant.findUniqueOrThrow({ where: { mchNo: "M10000002" } });
    expect(await db.settlementStatement.count({ where: { merchantId: acme.id } })).toBe(0);
  });
});
