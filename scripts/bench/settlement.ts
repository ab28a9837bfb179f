// `npm run bench:settlement`: one merchant-day of 10^6 journal entries (payments, a refund for every tenth, wallet
// payments; two apps, three channel accounts, a few stores) cut into its statement the way the hourly job does it
// (server/services/settlement/cut-statements.ts: provisional lines, claim, recompute, totals — set-based SQL in one
// transaction). The entries are written once with COPY and kept between runs; each run first releases them (not timed).
// Verifies that every entry was claimed once and that Σ statements' net equals Σ entries' net to the fen.
// Uses $DATABASE_URL if set, otherwise its own embedded PostgreSQL in .data/bench-settlement-pg (port BENCH_PG_PORT).
// Prints the time, rows/s and the peak RSS of this process; writes bench-results/settlement.json. It never asserts
// on time (exits 1 only when the totals disagree).
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { from as copyFrom } from "pg-copy-streams";
import { prepareDatabase } from "../lib/database.ts";
import { startEmbeddedPostgres } from "../lib/embedded-postgres.ts";
import { REPO_ROOT } from "../lib/migrations-dir.ts";

const ENTRIES = Number(process.env.BENCH_SETTLEMENT_ENTRIES ?? 1_000_000);
const MERCHANT = `m_bench_settle_${ENTRIES}`;
const APPS = ["app_BENCHSETTLE00001", "app_BENCHSETTLE00002"];
const DAY = "2026-06-01";

/** The COPY text of the day's entries: i-th entry at a second of the Beijing day, its kind by i. */
async function* entryLines(): AsyncIterable<string> {
  const dayStart = Date.parse(`${DAY}T00:00:00+08:00`);
  let batch = "";
  for (let i = 1; i <= ENTRIES; i++) {
    const app = APPS[i % 2];
    const at = new Date(dayStart + (i % 86_400) * 1000).toISOString().replace("T", " ").replace("Z", "");
    const amount = 100n + ((BigInt(i) * 7919n) % 100_000n);
    let kind = "payment";
    let account = i % 3 === 0 ? `ca_bench_settle_alipay_${app}` : `ca_bench_settle_wechat_${app}`;
    let channel = i % 3 === 0 ? "alipay" : "wechatpay";
    let row = amount;
    let fee = (amount * 6n) / 1000n;
    if (i % 10 === 0) {
      kind = "refund";
      row = -(amount / 2n);
      fee = -((amount / 2n) * 6n) / 1000n;
    } else if (i % 37 === 0) {
      kind = "wallet_pay";
      account = "wallet";
      channel = "wallet";
      fee = 0n;
    }
    const store = i % 5 === 0 ? "\\N" : `store_${i % 7}`;
    batch += `${MERCHANT}\t${app}\t${kind}\tbench:${MERCHANT}:${i}\tCNY\t${at}\t${channel}\t${account}\t${row}\t${fee}\t${row - fee}\t${store}\n`;
    if (i % 10_000 === 0) {
      yield batch;
      batch = "";
    }
  }
  if (batch) yield batch;
}

async function main() {
  const external = process.env.DATABASE_URL;
  const dataDir = path.join(REPO_ROOT, ".data", "bench-settlement-pg");
  const pgServer = external ? null : await startEmbeddedPostgres({ dataDir, port: Number(process.env.BENCH_PG_PORT ?? 54391), database: "paycenter" });
  const url = external ?? pgServer!.url;
  Object.assign(process.env, { DATABASE_URL: url, LOG_LEVEL: "warn" });
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  try {
    await prepareDatabase(url);
    const { db, getPool } = await import("../../server/db.ts");
    const { cutStatements } = await import("../../server/services/settlement/cut-statements.ts");
    await db.merchant.upsert({ where: { id: MERCHANT }, create: { id: MERCHANT, mchNo: `MB${ENTRIES}`.slice(0, 32), name: "bench", status: "ACTIVE" }, update: {} });
    for (const id of APPS) await db.app.upsert({ where: { id }, create: { id, merchantId: MERCHANT, name: id, secretEnc: "bench" }, update: {} });
    await db.settlementSetting.upsert({ where: { merchantId: MERCHANT }, create: { merchantId: MERCHANT, cycle: "T1", scope: "MERCHANT", source: "JOURNAL" }, update: { cycle: "T1", scope: "MERCHANT", source: "JOURNAL" } });
    const client = await getPool().connect();
    try {
      const have = Number((await client.query(`SELECT count(*) AS n FROM "JournalEntry" WHERE "merchantId" = $1`, [MERCHANT])).rows[0].n);
      if (have === 0) {
        const started = performance.now();
        await pipeline(
          Readable.from(entryLines()),
          client.query(
            copyFrom(`COPY "JournalEntry" ("merchantId", "appId", kind, "dedupeKey", currency, "occurredAt", channel, "channelAccountId", amount, fee, net, "storeId") FROM STDIN`),
          ),
        );
        await client.query(`ANALYZE "JournalEntry"`);
        console.log(`… the day: ${ENTRIES.toLocaleString("en")} entries written with COPY in ${((performance.now() - started) / 1000).toFixed(1)} s (kept for the next runs)`);
      } else {
        console.log(`… the day: ${have.toLocaleString("en")} entries from an earlier run; releasing them`);
        await client.query(`UPDATE "JournalEntry" SET "settlementLineId" = NULL WHERE "merchantId" = $1 AND "settlementLineId" IS NOT NULL`, [MERCHANT]);
        await client.query(`DELETE FROM "SettlementLine" l USING "SettlementStatement" s WHERE s."statementNo" = l."statementNo" AND s."merchantId" = $1`, [MERCHANT]);
        await client.query(`DELETE FROM "SettlementStatement" WHERE "merchantId" = $1`, [MERCHANT]);
        await client.query(`DELETE FROM "Event" WHERE "merchantId" = $1`, [MERCHANT]);
        await client.query(`VACUUM ANALYZE "JournalEntry"`);
      }
    } finally {
      client.release();
    }

    const started = performance.now();
    const { statementNos } = await cutStatements(MERCHANT, new Date(`2026-06-02T01:00:00+08:00`));
    const seconds = (performance.now() - started) / 1000;

    const statements = await db.settlementStatement.findMany({ where: { merchantId: MERCHANT } });
    const journal = await db.journalEntry.aggregate({ where: { merchantId: MERCHANT }, _sum: { net: true }, _count: true });
    const claimed = await db.journalEntry.count({ where: { merchantId: MERCHANT, settlementLineId: { not: null } } });
    const lines = await db.settlementLine.count({ where: { statement: { merchantId: MERCHANT } } });
    const statementNet = statements.reduce((n, s) => n + s.netAmount, 0n);
    const statementEntries = statements.reduce((n, s) => n + s.entryCount, 0);
    const consistent = statementNet === (journal._sum.net ?? 0n) && claimed === journal._count && statementEntries === journal._count;
    const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
    const result = {
      entries: journal._count,
      statements: statementNos.length,
      lines,
      cutSeconds: Number(seconds.toFixed(2)),
      rowsPerSecond: Math.round(journal._count / seconds),
      peakRssMb: mb(peakRss),
      netAmount: statementNet.toString(),
      journalNet: (journal._sum.net ?? 0n).toString(),
      claimed,
      consistent,
    };
    console.log(`\ncut ${result.entries.toLocaleString("en")} journal entries into ${result.statements} statement(s) of ${lines} lines`);
    console.log(`  cut (one transaction)   ${result.cutSeconds.toFixed(2)} s   ${result.rowsPerSecond.toLocaleString("en")} rows/s`);
    console.log(`  peak RSS                ${result.peakRssMb} MB`);
    console.log(`  Σ statements' net ${result.netAmount} = Σ entries' net ${result.journalNet}; claimed ${claimed.toLocaleString("en")}: ${consistent ? "consistent" : "INCONSISTENT"}`);
    mkdirSync(path.join(REPO_ROOT, "bench-results"), { recursive: true });
    writeFileSync(path.join(REPO_ROOT, "bench-results", "settlement.json"), `${JSON.stringify(result, null, 2)}\n`);
    await db.$disconnect();
    if (!consistent) process.exitCode = 1;
  } finally {
    clearInterval(sampler);
    await pgServer?.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
