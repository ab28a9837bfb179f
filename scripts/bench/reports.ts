// `npm run bench:reports`: times the finance dashboards' queries, ledger pages and totals, and the
// settlement summary at 1,000,000 payments. Uses $DATABASE_URL if set, otherwise its own embedded
// PostgreSQL in .data/bench-reports-pg (port BENCH_PG_PORT), kept between runs: it is filled once by
// `npm run seed:large` (scripts/seed-large.ts) and reused. Each query runs BENCH_RUNS times (default
// 30) after 3 warm-up runs; prints p50/p95 per query and writes bench-results/reports.json.
// Target: p95 ≤ 300 ms per query.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { prepareDatabase } from "../lib/database.ts";
import { ensureDevSecrets } from "../lib/dev-secrets.ts";
import { startEmbeddedPostgres } from "../lib/embedded-postgres.ts";
import { REPO_ROOT } from "../lib/migrations-dir.ts";

const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const PAYMENTS = Number(process.env.SEED_LARGE_COUNT ?? 1_000_000);
const TARGET_P95_MS = 300;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function time(run: () => Promise<unknown>) {
  for (let i = 0; i < 3; i++) await run();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { p50: Math.round(percentile(samples, 50) * 10) / 10, p95: Math.round(percentile(samples, 95) * 10) / 10 };
}

async function main() {
  const external = process.env.DATABASE_URL;
  const dataDir = path.join(REPO_ROOT, ".data", "bench-reports-pg");
  const pgServer = external ? null : await startEmbeddedPostgres({ dataDir, port: Number(process.env.BENCH_PG_PORT ?? 54369), database: "paycenter" });
  const url = external ?? pgServer!.url;
  ensureDevSecrets(path.join(dataDir, "..", "bench-reports-secrets.json"));
  Object.assign(process.env, { DATABASE_URL: url, LOG_LEVEL: "warn", PAYCENTER_ENCRYPTION_KEY: process.env.PAYCENTER_ENCRYPTION_KEY ?? randomBytes(32).toString("hex") });
  try {
    await prepareDatabase(url);
    const { db } = await import("../../server/db.ts");
    const { seedIfEmpty } = await import("../../prisma/seed.ts");
    await seedIfEmpty();
    const have = await db.payment.count();
    if (have < PAYMENTS) {
      console.log(`… ${have.toLocaleString("en")} payments in the database: seeding ${(PAYMENTS - have).toLocaleString("en")} more (npm run seed:large)`);
      const seeded = spawnSync(process.execPath, [path.join(REPO_ROOT, "node_modules", "tsx", "dist", "cli.mjs"), "scripts/seed-large.ts"], {
        cwd: REPO_ROOT,
        stdio: "inherit",
        env: { ...process.env, SEED_LARGE_COUNT: String(PAYMENTS - have), SEED_LARGE_ORDERS: "0" },
      });
      if (seeded.status !== 0) throw new Error("seed:large failed");
    }
    // steady state: the hourly job has folded the rollups' slots of settled hours together
    const { compactRollups } = await import("../../server/services/reports/compact-rollups.ts");
    console.log(`… compacted ${(await compactRollups()).toLocaleString("en")} rollup rows`);
    const { getDashboard } = await import("../../server/services/reports/get-dashboard.ts");
    const queries = await import("../../server/services/reports/report-queries.ts");
    const { listLedger } = await import("../../server/services/ledger/list-ledger.ts");
    const { ledgerTotals } = await import("../../server/services/ledger/ledger-totals.ts");
    const { dailySettlementSummary } = await import("../../server/services/settlement/daily-summary.ts");
    const { ledgerFiltersSchema } = await import("../../server/domain/ledger-schema.ts");
    const { presetRange, addDays } = await import("../../server/domain/report-range.ts");

    const merchant = await db.merchant.findUniqueOrThrow({ where: { mchNo: "M10000001" } });
    const app = await db.app.findFirstOrThrow({ where: { merchantId: merchant.id }, orderBy: { createdAt: "asc" } });
    const counts = {
      payments: await db.payment.count(),
      journalEntries: await db.journalEntry.count(),
      merchantEntries: await db.journalEntry.count({ where: { merchantId: merchant.id } }),
    };
    console.log(`… ${counts.payments.toLocaleString("en")} payments, ${counts.journalEntries.toLocaleString("en")} journal entries (${counts.merchantEntries.toLocaleString("en")} of 演示商城)`);

    const scope = { merchantId: merchant.id, currency: "CNY" };
    const month = presetRange("30d");
    const quarter = presetRange("90d");
    const today = presetRange("today");
    const filters = (f: Record<string, string>) => ledgerFiltersSchema.parse({ ...month, ...f });
    // a cursor deep in the month: the 5,000th newest entry
    let deep: string | null = null;
    for (let i = 0; i < 100 && (i === 0 || deep); i++) deep = (await listLedger({ merchantId: merchant.id, filters: filters({}), cursor: deep, limit: 50 })).nextCursor;

    const sample = await db.journalEntry.findFirstOrThrow({ where: { merchantId: merchant.id, mchOrderNo: { not: null } }, orderBy: { id: "asc" }, select: { mchOrderNo: true } });

    const cases: [string, () => Promise<unknown>][] = [
      ["dashboard: 30 days, all apps (4 queries in parallel)", () => getDashboard(scope, month)],
      ["dashboard: 90 days, all apps", () => getDashboard(scope, quarter)],
      ["dashboard: today, hourly, one app", () => getDashboard({ ...scope, appId: app.id }, today)],
      ["  query: GMV/refunds per day (rollup), 30 days", () => queries.seriesByBucket(scope, month)],
      ["  query: figures per channel (rollup), 30 days", () => queries.figuresByChannel(scope, month)],
      ["  query: attempts per channel and status (rollup), 30 days", () => queries.attemptsByChannel(scope, month)],
      ["  query: top failure reasons (Payment), 30 days", () => queries.topFailureReasons(scope, month)],
      ["operators' dashboard: 30 days, every merchant", () => getDashboard({ merchantId: null, currency: "CNY" }, month)],
      ["ledger page 1: 30 days, no other filter", () => listLedger({ merchantId: merchant.id, filters: filters({}), limit: 50 })],
      ["ledger page 101 (keyset cursor): 30 days", () => listLedger({ merchantId: merchant.id, filters: filters({}), cursor: deep, limit: 50 })],
      ["ledger page 1: alipay + store S07 + refunds", () => listLedger({ merchantId: merchant.id, filters: filters({ channel: "alipay", storeId: "S07", kind: "refund" }), limit: 50 })],
      ["ledger page 1: amount ≥ ¥1,000, paid", () => listLedger({ merchantId: merchant.id, filters: filters({ minAmount: "1000", orderStatus: "PAID" }), limit: 50 })],
      ["ledger page 1: search by mchOrderNo", () => listLedger({ merchantId: merchant.id, filters: ledgerFiltersSchema.parse({ search: sample.mchOrderNo }), limit: 50 })],
      ["ledger totals: 30 days, alipay (rollup)", () => ledgerTotals(merchant.id, filters({ channel: "alipay" }))],
      ["ledger totals: 7 days, store S07 (entries)", () => ledgerTotals(merchant.id, ledgerFiltersSchema.parse({ from: addDays(month.to, -6), to: month.to, storeId: "S07" }))],
      ["ledger totals: 30 days, store S07 (entries)", () => ledgerTotals(merchant.id, filters({ storeId: "S07" }))],
      ["ledger totals: 30 days, paid, amount ≥ ¥100 (entries)", () => ledgerTotals(merchant.id, filters({ orderStatus: "PAID", minAmount: "100" }))],
      ["settlement daily summary (Open API), yesterday", () => dailySettlementSummary(app.id, addDays(month.to, -1))],
    ];
    const results: Record<string, { p50: number; p95: number }> = {};
    for (const [name, run] of cases) {
      results[name] = await time(run);
      console.log(`  ${name.padEnd(62)} p50 ${String(results[name].p50).padStart(7)} ms   p95 ${String(results[name].p95).padStart(7)} ms`);
    }
    const over = Object.entries(results).filter(([, r]) => r.p95 > TARGET_P95_MS);
    console.log(over.length ? `\n${over.length} quer${over.length === 1 ? "y is" : "ies are"} over the p95 target of ${TARGET_P95_MS} ms` : `\nevery query within the p95 target of ${TARGET_P95_MS} ms`);
    mkdirSync(path.join(REPO_ROOT, "bench-results"), { recursive: true });
    writeFileSync(path.join(REPO_ROOT, "bench-results", "reports.json"), `${JSON.stringify({ at: new Date().toISOString(), runs: RUNS, counts, results }, null, 2)}\n`);
    await db.$disconnect();
  } finally {
    await pgServer?.stop();
  }
}

main().catch((error: unknown) => {
  console.error("[bench:reports]", error instanceof Error ? error.stack : error);
  process.exit(1);
});
