import { beforeAll, describe, expect, it } from "vitest";
import { seedIfEmpty } from "@/prisma/seed";
import { db } from "@/server/db";
import { callerAs, outcome } from "@/server/testing/callers";
import { postEntry } from "@/server/testing/settlement-fixtures";

const DEMO = "M10000001";

beforeAll(async () => {
  await seedIfEmpty();
});

describe("the settlement router", () => {
  it("lets finance cut, read, confirm and pay out; the viewer and the developer read nothing", async () => {
    const merchant = await db.merchant.findUniqueOrThrow({ where: { mchNo: DEMO } });
    const account = await db.channelAccount.findFirstOrThrow({ where: { merchantId: merchant.id, channel: "wechatpay" }, orderBy: { createdAt: "asc" } });
    for (const email of ["viewer@demo.local", "dev@demo.local"]) {
      expect(await outcome((await callerAs(email)).settlement.list({ mchNo: DEMO })), email).toBe("FORBIDDEN");
      expect(await outcome((await callerAs(email)).settlement.cutNow({ mchNo: DEMO })), email).toBe("FORBIDDEN");
    }
    const finance = await callerAs("finance@demo.local");
    expect(await finance.settlement.settings({ mchNo: DEMO })).toMatchObject({ cycle: "T1", scope: "MERCHANT", source: "RECONCILED", mayManage: true });
    expect(await outcome(finance.settlement.updateSettings({ mchNo: DEMO, cycle: "T7" as "T1", scope: "APP", source: "JOURNAL" }))).toBe("BAD_REQUEST");
    await finance.settlement.updateSettings({ mchNo: DEMO, cycle: "T1", scope: "MERCHANT", source: "JOURNAL" });
    // a payment of two days ago (the seed's own movements are cut with it)
    await postEntry({ merchantId: merchant.id, appId: account.appId, account, kind: "payment", amount: 12_345n, fee: 74n, at: new Date(Date.now() - 2 * 86_400_000) });
    const { statementNos } = await finance.settlement.cutNow({ mchNo: DEMO });
    expect(statementNos.length).toBeGreaterThan(0);
    const list = await finance.settlement.list({ mchNo: DEMO });
    expect(list.items.map((s) => s.statementNo).sort()).toEqual([...statementNos].sort());
    const positive = list.items.find((s) => s.netAmount > 0n)!;
    const detail = await finance.settlement.get({ mchNo: DEMO, statementNo: positive.statementNo });
    expect(detail.lines.length).toBeGreaterThan(0);
    const entries = await finance.settlement.lineEntries({ mchNo: DEMO, statementNo: positive.statementNo, lineId: detail.lines[0].lineId });
    expect(entries.items.length).toBe(Math.min(50, detail.lines[0].entryCount));
    expect(await outcome(finance.settlement.get({ mchNo: DEMO, statementNo: "ST20260101AAAAAAAAAA" }))).toBe("NOT_FOUND");
    expect(await outcome(finance.settlement.get({ mchNo: DEMO, statementNo: "../etc" }))).toBe("BAD_REQUEST");
    expect(await outcome(finance.settlement.payout({ mchNo: DEMO, statementNo: positive.statementNo, reference: "HX1", paidAt: "2026-01-01" }))).toBe("CONFLICT");
    await finance.settlement.confirm({ mchNo: DEMO, statementNo: positive.statementNo });
    expect(await outcome(finance.settlement.payout({ mchNo: DEMO, statementNo: positive.statementNo, reference: "HX1", paidAt: "2999-01-01" }))).toBe("BAD_REQUEST");
    const paid = await finance.settlement.payout({ mchNo: DEMO, statementNo: positive.statementNo, reference: "HX1", paidAt: "2026-01-01", note: "网银" });
    expect(paid).toMatchObject({ status: "PAID_OUT", payout: { reference: "HX1", note: "网银" } });
    expect(await outcome(finance.settlement.void({ mchNo: DEMO, statementNo: positive.statementNo, reason: "x" }))).toBe("CONFLICT");
    const audit = await db.auditLog.findMany({ where: { targetId: positive.statementNo }, orderBy: { id: "asc" } });
    expect(audit.map((a) => [a.action, a.actorId])).toEqual([
      ["settlement.created", expect.any(String)],
      ["settlement.confirmed", expect.any(String)],
      ["settlement.paid_out", expect.any(String)],
    ]);
  });
});
