import pg from "pg";
import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { localDate } from "@/server/domain/report-range";
import { useDemoPaymentEnv } from "@/server/testing/demo-payment-env";
import { DEMO_APP, type openApiClient } from "@/server/testing/open-api-client";
import { eventually } from "@/server/testing/payment-fixtures";

const env = useDemoPaymentEnv();
const api: ReturnType<typeof openApiClient> = (path, request) => env.api(path, request);

// The trigger itself (unbalanced entry refused at COMMIT, a later UPDATE refused) is tested in scripts/test/migrate.int.test.ts.
describe("the journal's balance check (database trigger)", () => {
  async function inTransaction(run: (client: pg.Client) => Promise<void>): Promise<string> {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      await client.query("BEGIN");
      await run(client);
      await client.query("COMMIT");
      return "committed";
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      return (error as { code?: string }).code ?? String(error);
    } finally {
      await client.end();
    }
  }

  async function entry(client: pg.Client, key: string): Promise<string> {
    const app = await db.app.findUniqueOrThrow({ where: { id: DEMO_APP.id } });
    const account = await db.ledgerAccount.findFirst({ where: { merchantId: app.merchantId } });
    const accountId =
      account?.id ??
      (await db.ledgerAccount.create({ data: { merchantId: app.merchantId, type: "MERCHANT_PAYABLE", currency: "CNY" } })).id;
    const { rows } = await client.query(
      `INSERT INTO "JournalEntry" ("merchantId", "appId", "kind", "dedupeKey", "currency", "occurredAt", "channel", "channelAccountId")
       VALUES ($1, $2, 'fee_adjustment', $3, 'CNY', now(), 'wechatpay', 'x') RETURNING id`,
      [app.merchantId, app.id, key],
    );
    (client as unknown as { accountId: string }).accountId = accountId;
    return rows[0].id;
  }
  const posting = (client: pg.Client, entryId: string, amount: number, currency = "CNY") =>
    client.query(`INSERT INTO "Posting" ("entryId", "accountId", "merchantId", "amount", "currency") SELECT $1, $2, "merchantId", $3, $4 FROM "JournalEntry" WHERE id = $1`, [
      entryId,
      (client as unknown as { accountId: string }).accountId,
      amount,
      currency,
    ]);

  it("checks per currency, and at commit (postings may be inserted one by one)", async () => {
    const mixed = await inTransaction(async (c) => {
      const id = await entry(c, `t:mixed:${Date.now()}`);
      await posting(c, id, 100, "CNY");
      await posting(c, id, -100, "USD");
    });
    expect(mixed).toBe("23514");
    const balanced = await inTransaction(async (c) => {
      const id = await entry(c, `t:balanced:${Date.now()}`);
      await posting(c, id, 100);
      await posting(c, id, -60);
      await posting(c, id, -40);
    });
    expect(balanced).toBe("committed");
  });
});

describe("the journal under concurrent payments and refunds", () => {
  it("stays balanced, and the rollup, the ledger rows and the daily settlement summary agree with it", async () => {
    // orders are created one by one (each calls the sandbox channel); their payments and refunds then land at once
    const orders: string[] = [];
    for (let i = 0; i < 12; i++) {
      const channel = i % 2 ? "alipay" : "wechatpay";
      const created = await api("/api/v1/pay-orders", {
        body: { mchOrderNo: `JR${Date.now()}${i}`, amount: 10_000 + i * 101, subject: "concurrent", channel, mode: channel === "wechatpay" ? "native" : "qr", metadata: { storeId: `S${i % 3}` } },
      });
      expect(created.status, JSON.stringify(created.json)).toBe(201);
      orders.push(created.json.payOrderNo as string);
    }
    await Promise.all(orders.map((no) => api(`/api/v1/sandbox/pay-orders/${no}/simulate`, { body: { outcome: "success" } })));
    await eventually(async () => (await db.payOrder.count({ where: { payOrderNo: { in: orders }, status: "PAID" } })) === orders.length, 30_000);

    // two partial refunds of every order at once, and the second refund of half of them racing the first
    const refunds = await Promise.all(
      orders.flatMap((no, i) => [
        api("/api/v1/refunds", { body: { payOrderNo: no, mchRefundNo: `${no}-a`, amount: 3000 } }),
        api("/api/v1/refunds", { body: { payOrderNo: no, mchRefundNo: `${no}-b`, amount: i % 2 ? 7000 + i * 101 : 1234 } }),
      ]),
    );
    expect(refunds.every((r) => r.status === 201)).toBe(true);
    await eventually(async () => (await db.refund.count({ where: { payOrderNo: { in: orders }, status: "SUCCEEDED" } })) === orders.length * 2, 30_000);

    const merchantId = (await db.app.findUniqueOrThrow({ where: { id: DEMO_APP.id } })).merchantId;
    const unbalanced = await db.$queryRaw<{ id: bigint }[]>`
      SELECT "entryId" AS id FROM "Posting" WHERE "merchantId" = ${merchantId} GROUP BY "entryId", "currency" HAVING sum(amount) <> 0`;
    expect(unbalanced).toEqual([]);
    const [{ total }] = await db.$queryRaw<{ total: bigint }[]>`SELECT coalesce(sum(amount), 0)::bigint AS total FROM "Posting" WHERE "merchantId" = ${merchantId}`;
    expect(total).toBe(0n);

    const entries = await db.journalEntry.findMany({ where: { payOrderNo: { in: orders } } });
    expect(entries.filter((e) => e.kind === "payment")).toHaveLength(12);
    expect(entries.filter((e) => e.kind === "refund")).toHaveLength(24);
    const paid = await db.payOrder.findMany({ where: { payOrderNo: { in: orders } } });
    for (const order of paid) {
      const mine = entries.filter((e) => e.payOrderNo === order.payOrderNo);
      expect(mine.every((e) => e.orderStatus === order.status), order.payOrderNo).toBe(true);
      expect(mine.reduce((sum, e) => sum + e.amount, 0n)).toBe(order.paidAmount - order.refundedAmount);
      expect(mine.every((e) => e.net === e.amount - e.fee && e.storeId?.startsWith("S"))).toBe(true);
    }
    expect(paid.filter((o) => o.status === "REFUNDED")).toHaveLength(6);

    // merchant payable: −(what was paid − what was refunded), per the postings
    const payable = await db.$queryRaw<{ balance: bigint }[]>`
      SELECT sum(p.amount)::bigint AS balance FROM "Posting" p JOIN "LedgerAccount" a ON a.id = p."accountId"
      WHERE a."merchantId" = ${merchantId} AND a.type = 'MERCHANT_PAYABLE'`;
    // every entry posted by the services (the trigger tests above insert theirs by hand, outside the rollup)
    const allEntries = await db.journalEntry.findMany({ where: { merchantId, NOT: { dedupeKey: { startsWith: "t:" } } } });
    expect(payable[0].balance).toBe(-allEntries.reduce((sum, e) => sum + e.amount, 0n));

    // the hourly rollup adds up to the journal, figure by figure
    const [rollup] = await db.$queryRaw<{ entries: bigint; amount: bigint; fee: bigint; net: bigint }[]>`
      SELECT sum(entries)::bigint AS entries, sum(amount)::bigint AS amount, sum(fee)::bigint AS fee, sum(net)::bigint AS net
      FROM "LedgerRollupHourly" WHERE "merchantId" = ${merchantId}`;
    expect(rollup).toEqual({
      entries: BigInt(allEntries.length),
      amount: allEntries.reduce((s, e) => s + e.amount, 0n),
      fee: allEntries.reduce((s, e) => s + e.fee, 0n),
      net: allEntries.reduce((s, e) => s + e.net, 0n),
    });

    // the attempts' rollup (trigger on Payment) counts every attempt in its current status
    const rolled = await db.$queryRaw<{ status: string; n: bigint }[]>`
      SELECT status, sum(attempts)::bigint AS n FROM "PaymentOutcomeHourly" WHERE "merchantId" = ${merchantId} GROUP BY 1 HAVING sum(attempts) <> 0 ORDER BY 1`;
    const counted = await db.$queryRaw<{ status: string; n: bigint }[]>`
      SELECT status::text AS status, count(*)::bigint AS n FROM "Payment" WHERE "merchantId" = ${merchantId} GROUP BY 1 ORDER BY 1`;
    expect(rolled).toEqual(counted);

    // the settlement center's daily summary for today equals today's entries of the app
    const today = localDate(new Date());
    const summary = await api(`/api/v1/settlement/daily?date=${today}`);
    expect(summary.status).toBe(200);
    expect(summary.json).toMatchObject({ appId: DEMO_APP.id, date: today, timeZone: "Asia/Shanghai", final: false });
    const todays = allEntries.filter((e) => e.appId === DEMO_APP.id && localDate(e.occurredAt) === today);
    const cny = summary.json.summaries.find((s: { currency: string }) => s.currency === "CNY");
    expect(cny).toMatchObject({
      paymentCount: todays.filter((e) => e.kind === "payment").length,
      paymentAmount: Number(todays.filter((e) => e.kind === "payment").reduce((s, e) => s + e.amount, 0n)),
      refundCount: todays.filter((e) => e.kind !== "payment").length,
      refundAmount: -Number(todays.filter((e) => e.kind !== "payment").reduce((s, e) => s + e.amount, 0n)),
      feeAmount: Number(todays.reduce((s, e) => s + e.fee, 0n)),
      netAmount: Number(todays.reduce((s, e) => s + e.net, 0n)),
    });
    expect(cny.channels.map((c: { channel: string }) => c.channel).sort()).toEqual(["alipay", "wechatpay"]);
    expect(cny.channels.reduce((s: number, c: { netAmount: number }) => s + c.netAmount, 0)).toBe(cny.netAmount);
  }, 90_000);
});

describe("GET /api/v1/settlement/daily", () => {
  it("answers a missing or impossible date with VALIDATION_FAILED, an empty day with no summaries", async () => {
    for (const query of ["", "?date=2026-02-30", "?date=20261122", "?date=2026-11-22T00:00"]) {
      const bad = await api(`/api/v1/settlement/daily${query}`);
      expect([bad.status, bad.json.error.code, bad.json.error.field], query).toEqual([400, "VALIDATION_FAILED", "date"]);
    }
    const empty = await api("/api/v1/settlement/daily?date=2020-01-01");
    expect(empty.json).toMatchObject({ date: "2020-01-01", final: true, summaries: [], from: "2019-12-31T16:00:00.000Z", to: "2020-01-01T16:00:00.000Z" });
  });
});
