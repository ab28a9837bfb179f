// `npm run bench:recon`: one channel account's day of 10^6 payments (and 10^5 refunds) reconciled the way the
// job does it (server/services/reconciliation/run-reconciliation.ts): the bill streamed as an AsyncIterable<BillRow>
// through the job's staging code (COPY into the staging table) and matched with the job's one join, differences
// upserted. The journal's side is written once by bulk SQL (server/testing/recon-bulk-day.ts) and kept between runs.
// The bill has a few differences injected (BENCH_RECON_DIFFERENCES of each kind, default 20), so the upsert works too.
// Uses $DATABASE_URL if set, otherwise its own embedded PostgreSQL in .data/bench-recon-pg (port BENCH_PG_PORT).
// Prints rows/s, the time of each phase and in total, and the peak RSS of this process (sampled every 50 ms, and
// once a tenth of the bill was staged), and the live heap after a full GC every 200,000 rows: memory must not grow
// with the bill; writes bench-results/recon.json.
// Target (issue #16): ≤ 60 s for 10^6 rows. It prints; it never asserts.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { prepareDatabase } from "../lib/database.ts";
import { startEmbeddedPostgres } from "../lib/embedded-postgres.ts";
import { REPO_ROOT } from "../lib/migrations-dir.ts";
import type { BillRow } from "../../server/channels/types.ts";

const PAYMENTS = Number(process.env.BENCH_RECON_PAYMENTS ?? 1_000_000);
const DIFFERENCES = Number(process.env.BENCH_RECON_DIFFERENCES ?? 20);
const TARGET_SECONDS = 60;

async function main() {
  const external = process.env.DATABASE_URL;
  const dataDir = path.join(REPO_ROOT, ".data", "bench-recon-pg");
  const pgServer = external ? null : await startEmbeddedPostgres({ dataDir, port: Number(process.env.BENCH_PG_PORT ?? 54389), database: "paycenter" });
  const url = external ?? pgServer!.url;
  Object.assign(process.env, { DATABASE_URL: url, LOG_LEVEL: "warn" });
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  try {
    await prepareDatabase(url);
    const { db, getPool } = await import("../../server/db.ts");
    const { generatedBill, insertJournalDay } = await import("../../server/testing/recon-bulk-day.ts");
    const { createStagingTable, stageBillRows } = await import("../../server/services/reconciliation/stage-bill.ts");
    const { matchInTransaction } = await import("../../server/services/reconciliation/run-reconciliation.ts");

    const day = { merchantId: "m_bench_recon", appId: "app_bench_recon", channelAccountId: `ca_bench_recon_${PAYMENTS}`, billDate: "2026-06-01", payments: PAYMENTS, prefix: `PB${PAYMENTS}` };
    const client = await getPool().connect();
    try {
      const have = Number((await client.query(`SELECT count(*) AS n FROM "JournalEntry" WHERE "channelAccountId" = $1`, [day.channelAccountId])).rows[0].n);
      if (have === 0) {
        const started = performance.now();
        const inserted = await insertJournalDay(client, day);
        await client.query(`ANALYZE "JournalEntry"`);
        console.log(`… the journal's side: ${inserted.toLocaleString("en")} entries written in ${((performance.now() - started) / 1000).toFixed(1)} s (kept for the next runs)`);
      } else {
        console.log(`… the journal's side: ${have.toLocaleString("en")} entries from an earlier run`);
      }
      const billDate = new Date(`${day.billDate}T00:00:00Z`);
      const run = await db.reconRun.upsert({
        where: { channelAccountId_billDate: { channelAccountId: day.channelAccountId, billDate } },
        create: { merchantId: day.merchantId, appId: day.appId, channelAccountId: day.channelAccountId, channel: "wechatpay", billDate, trigger: "manual" },
        update: {},
      });
      await db.reconDifference.deleteMany({ where: { runId: run.id } });

      // the channel's bill, generated row by row, with a few differences of each kind
      const every = Math.max(1, Math.floor(PAYMENTS / Math.max(1, DIFFERENCES)));
      async function* bill(): AsyncIterable<BillRow> {
        for await (const row of generatedBill(day)) {
          const i = Number(row.channelTradeNo.slice(2));
          if (row.kind === "payment" && DIFFERENCES > 0 && i % every === 1) {
            const which = Math.floor(i / every) % 4;
            if (which === 0) continue; // 短款
            if (which === 1) yield { ...row, amount: row.amount + 1n };
            else if (which === 2) yield { ...row, fee: row.fee + 1n };
            else yield { ...row, state: "REVERSED", channelState: "REVOKED" };
            yield { ...row, outTradeNo: `${row.outTradeNo}-X` }; // 长款
            continue;
          }
          yield row;
        }
      }

      const rows = PAYMENTS + Math.floor(PAYMENTS / 10);
      let rssAtTenth = 0;
      // live heap after a full collection (npm run bench:recon exposes gc): what the process retains, unlike RSS
      const liveHeap = () => {
        (globalThis as { gc?: () => void }).gc?.();
        return process.memoryUsage().heapUsed;
      };
      let heapAtTenth = 0;
      let heapPeak = 0;
      const started = performance.now();
      await createStagingTable(client);
      const staged = await stageBillRows(client, bill(), async (count) => {
        if (!rssAtTenth && count >= rows / 10) {
          rssAtTenth = process.memoryUsage().rss;
          heapAtTenth = liveHeap();
        }
        if (count % 200_000 === 0) heapPeak = Math.max(heapPeak, liveHeap());
        await db.reconRun.update({ where: { id: run.id }, data: { billRows: count } });
      });
      const stagedAt = performance.now();
      const figures = await matchInTransaction(client, { runId: run.id, ...day, channel: "wechatpay" });
      const matchedAt = performance.now();
      await client.query("DROP TABLE IF EXISTS recon_bill, recon_outcome");

      const seconds = (matchedAt - started) / 1000;
      const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
      const result = {
        billRows: staged,
        journalRows: figures.localPaymentCount + figures.localRefundCount,
        stageSeconds: Number(((stagedAt - started) / 1000).toFixed(2)),
        matchSeconds: Number(((matchedAt - stagedAt) / 1000).toFixed(2)),
        totalSeconds: Number(seconds.toFixed(2)),
        rowsPerSecond: Math.round(staged / seconds),
        peakRssMb: mb(peakRss),
        rssAtTenthMb: mb(rssAtTenth),
        liveHeapAtTenthMb: mb(heapAtTenth),
        liveHeapPeakMb: mb(Math.max(heapPeak, heapAtTenth)),
        matched: figures.matched,
        differences: {
          missingLocal: figures.missingLocal,
          missingChannel: figures.missingChannel,
          amountMismatch: figures.amountMismatch,
          feeMismatch: figures.feeMismatch,
          statusMismatch: figures.statusMismatch,
        },
        targetSeconds: TARGET_SECONDS,
        withinTarget: seconds <= TARGET_SECONDS,
      };
      console.log(`\nreconciled ${staged.toLocaleString("en")} bill rows against ${result.journalRows.toLocaleString("en")} journal entries`);
      console.log(`  stage (stream → COPY)   ${result.stageSeconds.toFixed(2)} s`);
      console.log(`  match (one join, upsert) ${result.matchSeconds.toFixed(2)} s`);
      console.log(`  total                    ${result.totalSeconds.toFixed(2)} s   ${result.rowsPerSecond.toLocaleString("en")} rows/s   (target ≤ ${TARGET_SECONDS} s: ${result.withinTarget ? "met" : "MISSED"})`);
      console.log(`  peak RSS                 ${result.peakRssMb} MB (${result.rssAtTenthMb} MB once a tenth of the bill was staged)`);
      console.log(`  live heap after GC       ${result.liveHeapAtTenthMb} MB at a tenth, at most ${result.liveHeapPeakMb} MB while staging (what the process keeps)`);
      console.log(`  matched ${figures.matched.toLocaleString("en")}; differences ${JSON.stringify(result.differences)}`);
      mkdirSync(path.join(REPO_ROOT, "bench-results"), { recursive: true });
      writeFileSync(path.join(REPO_ROOT, "bench-results", "recon.json"), `${JSON.stringify(result, null, 2)}\n`);
    } finally {
      client.release();
      await db.$disconnect();
    }
  } finally {
    clearInterval(sampler);
    await pgServer?.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
