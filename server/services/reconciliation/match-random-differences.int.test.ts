import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { db } from "@/server/db";
import { type BulkDay, insertJournalDay } from "@/server/testing/recon-bulk-day";
import { matchInTransaction } from "./run-reconciliation";
import { createStagingTable, STAGING_TABLE } from "./stage-bill";

/**
 * "Inject 100 random differences of every kind into a 10^5-row day: all found, none invented."
 * At the SQL level, so it runs in seconds: 10^5 payments (and 10^4 refunds) on the journal's side,
 * the same day staged as the channel's bill, then per kind 100 random rows changed — dropped from
 * the bill (短款), amount or fee off, state flipped, and 100 rows the journal never saw (长款) —
 * and the matcher's differences must be exactly the injected sets.
 */

const PAYMENTS = 100_000;
const PER_KIND = 100;
const day: BulkDay = { merchantId: "m_recon_fuzz", appId: "app_recon_fuzz", channelAccountId: "ca_recon_fuzz", billDate: "2026-05-20", payments: PAYMENTS, prefix: "PF" };

/** mulberry32: a seeded generator, so a failure can be replayed (the seed is printed). */
function seeded(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// a connection of its own (the job takes one from the pool), ended before the file's database is dropped
let client: pg.Client;
beforeAll(async () => {
  client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
});
afterAll(() => client.end());

describe("the matcher at 10^5 rows with random differences", () => {
  it("finds every injected difference of every kind, and invents none", async () => {
    const seed = Number(process.env.RECON_FUZZ_SEED ?? Date.now() % 1_000_000);
    console.log(`RECON_FUZZ_SEED=${seed}`);
    const random = seeded(seed);
    expect(await insertJournalDay(client, day)).toBe(PAYMENTS + PAYMENTS / 10);
    const run = await db.reconRun.create({
      data: { merchantId: day.merchantId, appId: day.appId, channelAccountId: day.channelAccountId, channel: "wechatpay", billDate: new Date(`${day.billDate}T00:00:00Z`), trigger: "manual" },
    });

    // the channel's bill: the journal's day, as the channel would bill it
    await createStagingTable(client);
    await client.query(
      `INSERT INTO ${STAGING_TABLE} SELECT CASE WHEN kind = 'payment' THEN 'payment' ELSE 'refund' END,
         COALESCE("refundNo", "attemptNo"), "attemptNo", '42' || id, amount, fee, currency,
         'SUCCEEDED', CASE WHEN kind = 'payment' THEN 'SUCCESS' ELSE 'REFUND' END, "occurredAt"
       FROM "JournalEntry" WHERE "channelAccountId" = $1`,
      [day.channelAccountId],
    );

    // 400 distinct movements of the day, payments and refunds alike, 100 per kind of change
    const { rows: all } = await client.query<{ kind: string; out_no: string }>(`SELECT kind, out_no FROM ${STAGING_TABLE}`);
    const chosen = new Set<number>();
    while (chosen.size < 4 * PER_KIND) chosen.add(Math.floor(random() * all.length));
    const picks = [...chosen].map((index) => all[index]);
    const groups = {
      MISSING_CHANNEL: picks.slice(0, 100),
      AMOUNT_MISMATCH: picks.slice(100, 200),
      FEE_MISMATCH: picks.slice(200, 300),
      STATUS_MISMATCH: picks.slice(300, 400),
    };
    const keys = (rows: { kind: string; out_no: string }[]) => rows.map((r) => `${r.kind}:${r.out_no}`);
    const where = `(kind || ':' || out_no) = ANY($1)`;
    await client.query(`DELETE FROM ${STAGING_TABLE} WHERE ${where}`, [keys(groups.MISSING_CHANNEL)]);
    for (const row of groups.AMOUNT_MISMATCH) {
      const delta = 1 + Math.floor(random() * 5000);
      await client.query(`UPDATE ${STAGING_TABLE} SET amount = amount + $3 WHERE kind = $1 AND out_no = $2`, [row.kind, row.out_no, random() < 0.5 ? delta : -delta]);
    }
    for (const row of groups.FEE_MISMATCH) {
      await client.query(`UPDATE ${STAGING_TABLE} SET fee = fee + $3 WHERE kind = $1 AND out_no = $2`, [row.kind, row.out_no, 1 + Math.floor(random() * 50)]);
    }
    await client.query(
      `UPDATE ${STAGING_TABLE} SET state = CASE WHEN kind = 'payment' THEN 'REVERSED' ELSE 'PROCESSING' END,
         channel_state = CASE WHEN kind = 'payment' THEN 'REVOKED' ELSE 'PROCESSING' END WHERE ${where}`,
      [keys(groups.STATUS_MISMATCH)],
    );
    const strangers = Array.from({ length: PER_KIND }, (_, i) => ({ kind: "payment", out_no: `STRANGER-${seed}-${i}` }));
    for (const row of strangers) {
      const hour = 1 + Math.floor(random() * 22);
      await client.query(
        `INSERT INTO ${STAGING_TABLE} VALUES ('payment', $1, $1, 'x', $2, 1, 'CNY', 'SUCCEEDED', 'SUCCESS', $3::timestamp)`,
        [row.out_no, 100 + Math.floor(random() * 100_000), new Date(Date.parse(`${day.billDate}T00:00:00+08:00`) + hour * 3_600_000).toISOString().slice(0, 19).replace("T", " ")],
      );
    }

    const started = performance.now();
    const figures = await matchInTransaction(client, { runId: run.id, merchantId: day.merchantId, appId: day.appId, channelAccountId: day.channelAccountId, channel: "wechatpay", billDate: day.billDate });
    console.log(`matched ${PAYMENTS + PAYMENTS / 10} journal rows in ${Math.round(performance.now() - started)} ms`);

    const found = await db.reconDifference.findMany({ where: { runId: run.id }, select: { type: true, kind: true, outNo: true, status: true } });
    const foundOf = (type: string) => found.filter((d) => d.type === type).map((d) => `${d.kind}:${d.outNo}`).sort();
    for (const [type, rows] of Object.entries(groups)) expect(foundOf(type), type).toEqual(keys(rows).sort());
    expect(foundOf("MISSING_LOCAL")).toEqual(keys(strangers).sort());
    expect(found).toHaveLength(5 * PER_KIND);
    expect(found.every((d) => d.status === "OPEN")).toBe(true);
    expect(figures).toMatchObject({
      billRows: PAYMENTS + PAYMENTS / 10 - PER_KIND + PER_KIND,
      localPaymentCount: PAYMENTS,
      localRefundCount: PAYMENTS / 10,
      matched: PAYMENTS + PAYMENTS / 10 - 4 * PER_KIND,
      missingLocal: PER_KIND,
      missingChannel: PER_KIND,
      amountMismatch: PER_KIND,
      feeMismatch: PER_KIND,
      statusMismatch: PER_KIND,
      expected: 0,
    });

    // matching the same staged bill again: the same 500 differences, not one more
    await matchInTransaction(client, { runId: run.id, merchantId: day.merchantId, appId: day.appId, channelAccountId: day.channelAccountId, channel: "wechatpay", billDate: day.billDate });
    expect(await db.reconDifference.count()).toBe(5 * PER_KIND);
  }, 120_000);
});
