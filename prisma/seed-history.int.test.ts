import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { addDays, localDate } from "@/server/domain/report-range";
import { getDashboard } from "@/server/services/reports/get-dashboard";
import { historyRows, seedDemoHistory } from "./seed-history";
import { seedIfEmpty } from "./seed";

const ACCOUNTS = [
  { id: "a-wx", channel: "wechatpay", modes: ["native", "jsapi"], feeRateBps: 60, subsidyBps: 0 },
  { id: "a-ali", channel: "alipay", modes: ["qr", "pc"], feeRateBps: 55, subsidyBps: 0 },
  { id: "a-up", channel: "unionpay", modes: ["qr"], feeRateBps: 50, subsidyBps: 0 },
];

describe("demo history (90 days)", () => {
  it("is deterministic, has a weekly rhythm and growth, and stays out of yesterday and the future", () => {
    const now = new Date("2026-10-10T07:30:00Z"); // 15:30 in Beijing
    const rows = historyRows(ACCOUNTS, now);
    expect(historyRows(ACCOUNTS, now)).toEqual(rows);
    expect(rows.length).toBeGreaterThan(2_500);
    expect(rows.length).toBeLessThan(6_000);
    const perDay = new Map<string, number>();
    for (const row of rows) perDay.set(localDate(new Date(row.createdAt)), (perDay.get(localDate(new Date(row.createdAt))) ?? 0) + 1);
    expect(perDay.has("2026-10-09")).toBe(false);
    expect(perDay.size).toBe(89);
    const first = [...perDay.entries()].slice(0, 14).reduce((s, [, n]) => s + n, 0);
    const last = [...perDay.entries()].slice(-15, -1).reduce((s, [, n]) => s + n, 0);
    expect(last).toBeGreaterThan(first * 1.5);
    expect(rows.every((r) => new Date(r.createdAt) < now && (r.refundAt === null || (new Date(r.refundAt) < now && r.refundAt > r.paidAt)))).toBe(true);
    expect(rows.every((r) => r.refundAt === null || localDate(new Date(r.refundAt)) !== "2026-10-09")).toBe(true);
    expect(rows.every((r) => r.refund === null || (r.refund > 0 && r.refund <= r.amount && r.status === "SUCCEEDED"))).toBe(true);
    expect(new Set(rows.map((r) => r.channel))).toEqual(new Set(["wechatpay", "alipay", "unionpay"]));
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(["SUCCEEDED", "FAILED", "CLOSED"]));
    expect(new Set(rows.map((r) => r.store))).toEqual(new Set(["S01", "S02", "S03", null]));
    expect(new Set(rows.map((r) => r.payOrderNo)).size).toBe(rows.length);
    expect(rows.every((r) => /^P\d{17}[0-9A-HJKMNP-TV-Z]{8}$/.test(r.payOrderNo) && (r.refundNo === null || /^F\d{17}[0-9A-HJKMNP-TV-Z]{8}$/.test(r.refundNo)))).toBe(true);
  });

  it("writes through the real tables: balanced journal, rollup equal to the journal, reports with a past", async () => {
    // history skips yesterday, so it is independent of the reconciliation and settlement seeded for that day
    expect(await seedIfEmpty({ reconciliation: true, settlement: true })).toBe(true);
    const merchant = await db.merchant.findUniqueOrThrow({ where: { mchNo: "M10000001" } });
    const app = await db.app.findFirstOrThrow({ where: { merchantId: merchant.id }, orderBy: { createdAt: "asc" } });
    const started = performance.now();
    const seeded = await seedDemoHistory({ id: app.id, merchantId: merchant.id });
    const seconds = (performance.now() - started) / 1000;
    console.log(`[seed-history] ${seeded} pay orders in ${seconds.toFixed(2)} s`);
    expect(seconds).toBeLessThan(10); // ≈ 0.8 s on an idle 2-core machine; room for a busy one

    expect(await db.payOrder.count({ where: { merchantId: merchant.id, paramsHash: "seed-history" } })).toBe(seeded);
    expect(seeded).toBeGreaterThan(2_500);
    const unbalanced = await db.$queryRaw<{ n: bigint }[]>`
      SELECT count(*)::bigint AS n FROM (SELECT "entryId" FROM "Posting" WHERE "merchantId" = ${merchant.id} GROUP BY 1 HAVING sum(amount) <> 0) x`;
    expect(unbalanced[0]!.n).toBe(0n);
    const [journal] = await db.$queryRaw<{ entries: bigint; amount: bigint; fee: bigint }[]>`
      SELECT count(*)::bigint AS entries, sum(amount)::bigint AS amount, sum(fee)::bigint AS fee FROM "JournalEntry" WHERE "merchantId" = ${merchant.id}`;
    const [rollup] = await db.$queryRaw<{ entries: bigint; amount: bigint; fee: bigint }[]>`
      SELECT sum(entries)::bigint AS entries, sum(amount)::bigint AS amount, sum(fee)::bigint AS fee FROM "LedgerRollupHourly" WHERE "merchantId" = ${merchant.id}`;
    expect(rollup).toEqual(journal);
    // paid − refunded of every order agrees with its journal entries
    const mismatched = await db.$queryRaw<{ n: bigint }[]>`
      SELECT count(*)::bigint AS n FROM "PayOrder" o
      LEFT JOIN (SELECT "payOrderNo", sum(amount) AS net FROM "JournalEntry" WHERE "merchantId" = ${merchant.id} GROUP BY 1) j ON j."payOrderNo" = o."payOrderNo"
      WHERE o."merchantId" = ${merchant.id} AND o."paramsHash" = 'seed-history' AND COALESCE(j.net, 0) <> o."paidAmount" - o."refundedAmount"`;
    expect(mismatched[0]!.n).toBe(0n);
    // the attempts' rollup (kept by its trigger) counts every seeded attempt
    const [attempts] = await db.$queryRaw<{ n: bigint }[]>`SELECT sum(attempts)::bigint AS n FROM "PaymentOutcomeHourly" WHERE "merchantId" = ${merchant.id}`;
    expect(attempts!.n).toBe(BigInt(await db.payment.count({ where: { merchantId: merchant.id } })));

    // the channel's books hold the same paid trades and refunds (outTradeNo, channel number, amount, time): reconciliation matches
    const [books] = await db.$queryRaw<{ unmatched: bigint }[]>`
      SELECT count(*)::bigint AS unmatched FROM "JournalEntry" je
      WHERE je."merchantId" = ${merchant.id} AND je."payOrderNo" IN (SELECT "payOrderNo" FROM "PayOrder" WHERE "paramsHash" = 'seed-history')
        AND NOT EXISTS (
          SELECT 1 FROM "SandboxTrade" t LEFT JOIN "SandboxRefund" r ON r."tradeId" = t.id AND r."outRefundNo" = je."refundNo"
          WHERE t."outTradeNo" = je."attemptNo" AND t."channelTradeNo" = je."channelTradeNo"
            AND CASE WHEN je.kind = 'payment' THEN t.amount = je.amount AND t."paidAt" = je."occurredAt" ELSE r.amount = -je.amount AND r."succeededAt" = je."occurredAt" END)`;
    expect(books!.unmatched).toBe(0n);
    // and the fee each bill line carries (the account's rate on the line's amount) is the journal's
    const [fees] = await db.$queryRaw<{ wrong: bigint }[]>`
      SELECT count(*)::bigint AS wrong FROM "JournalEntry" je JOIN "ChannelAccount" ca ON ca.id = je."channelAccountId"
      WHERE je."merchantId" = ${merchant.id} AND je."payOrderNo" IN (SELECT "payOrderNo" FROM "PayOrder" WHERE "paramsHash" = 'seed-history')
        AND abs(je.fee) <> (abs(je.amount) * ca."feeRateBps" + 5000) / 10000`;
    expect(fees!.wrong).toBe(0n);

    const today = localDate(new Date());
    const dashboard = await getDashboard({ merchantId: merchant.id, currency: "CNY" }, { from: addDays(today, -29), to: today });
    expect(dashboard.empty).toBe(false);
    expect(dashboard.series.filter((b) => b.orders > 0).length).toBeGreaterThanOrEqual(28);
    expect(dashboard.channels.map((c) => c.channel).sort()).toEqual(["alipay", "unionpay", "wechatpay"]);
    expect(dashboard.totals.refunds).toBeGreaterThan(0);
    expect(dashboard.failures.length).toBeGreaterThan(0);
    // the other merchant has none of it
    expect(await db.payOrder.count({ where: { merchant: { mchNo: "M10000002" }, paramsHash: "seed-history" } })).toBe(0);
  }, 120_000);
});
