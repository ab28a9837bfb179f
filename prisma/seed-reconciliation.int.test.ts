import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { defaultBillDate } from "@/server/domain/reconciliation";
import { callerAs } from "@/server/testing/callers";
import { seedIfEmpty } from "./seed";

const DEMO = "M10000001";

describe("the demo's reconciliation", () => {
  it("has yesterday reconciled with one open fee discrepancy that agrees with the journal, and closes when finance accepts the channel's fee", async () => {
    expect(await seedIfEmpty({ reconciliation: true })).toBe(true);
    const yesterday = defaultBillDate();
    const finance = await callerAs("finance@demo.local");

    const { runs } = await finance.reconciliation.runs({ mchNo: DEMO, from: yesterday, to: yesterday });
    expect(runs.map((r) => [r.channel, r.status, r.openDifferences, r.closedAt !== null]).sort()).toEqual([
      ["alipay", "SUCCEEDED", 0, true],
      ["wechatpay", "SUCCEEDED", 1, false],
    ]);
    const wechat = runs.find((r) => r.channel === "wechatpay")!;
    // the run's journal side is the journal's
    const journal = await db.journalEntry.aggregate({ where: { channelAccountId: wechat.channelAccountId, kind: "payment" }, _sum: { amount: true, fee: true }, _count: true });
    expect([wechat.localPaymentCount, wechat.localPaymentAmount, wechat.localFee]).toEqual([journal._count, journal._sum.amount, journal._sum.fee]);
    expect(wechat.billFee).toBe((journal._sum.fee ?? 0n) + 1n);

    const month = yesterday.slice(0, 7);
    const day = async () => (await finance.reconciliation.calendar({ mchNo: DEMO, month })).find((d) => d.date === yesterday);
    expect(await day()).toMatchObject({ state: "open", open: 1 });

    const queue = await finance.reconciliation.differences({ mchNo: DEMO });
    expect(queue.rows).toHaveLength(1);
    const [difference] = queue.rows;
    expect(difference).toMatchObject({ type: "FEE_MISMATCH", status: "OPEN", billDate: yesterday });
    const entry = await db.journalEntry.findFirstOrThrow({ where: { attemptNo: difference.outNo, kind: "payment" } });
    expect([difference.localAmount, difference.localFee, difference.channelFee]).toEqual([entry.amount, entry.fee, entry.fee + 1n]);

    const resolved = await finance.reconciliation.resolve({ mchNo: DEMO, differenceId: difference.id, resolution: "ACCEPTED_CHANNEL" });
    expect(resolved.entryKind).toBe("fee_adjustment");
    expect(await day()).toMatchObject({ state: "closed", open: 0 });
  });
});
