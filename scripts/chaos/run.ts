// `npm run test:chaos`: crash PayCenter under load and check that nothing was lost (README: "Chaos and
// fault tests"). Builds, then on a fresh embedded PostgreSQL of its own (.data/chaos-pg) starts the
// production server (dist/server.mjs, WORKER_MODE=separate) and a separate job worker
// (scripts/worker.ts), drives CHAOS_ORDERS payments (default 1,000) through the signed Open API and
// the sandbox, with webhooks to a receiver of its own, and meanwhile kills -9 the web server (3×),
// the worker (3×) and PostgreSQL (1×) at random points, restarting each. Then it waits for the system
// to settle and runs the invariant checker (invariants.ts). Everything listens on 127.0.0.1 only;
// every loop is bounded; it stops by itself and exits 1 if an invariant failed.
//
// Environment: CHAOS_ORDERS, CHAOS_CONCURRENCY (40), CHAOS_SEED_CRASHES (web,worker,…), PORT (3300),
// PAYCENTER_PG_PORT (54369), WORKER_DEAD_AFTER_SECONDS (30). Logs and report: .data/chaos/.
import { randomBytes, randomInt } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { prepareDatabase } from "../lib/database.ts";
import { REPO_ROOT } from "../lib/migrations-dir.ts";
import { SERVER_BUNDLE, serverBundleIsCurrent } from "../server/build.ts";
import { ACME_APP, DEMO_APP } from "../../server/testing/open-api-client.ts";
import { Driver } from "./driver.ts";
import { checkInvariants, type Interval, openPool, outstandingWork, printReport } from "./invariants.ts";
import { ChaosPostgres, Supervised } from "./processes.ts";
import { startReceiver } from "./receiver.ts";

type CrashKind = "web" | "worker" | "postgres";
type Crash = { kind: CrashKind; atProgress: number; killedAt: number; backAt: number; firstSuccessMs: number | null };

const ORDERS = Number(process.env.CHAOS_ORDERS ?? 1000);
const CONCURRENCY = Number(process.env.CHAOS_CONCURRENCY ?? 40);
const PORT = Number(process.env.PORT ?? 3300);
const PG_PORT = Number(process.env.PAYCENTER_PG_PORT ?? 54369);
const DEAD_AFTER_SECONDS = Number(process.env.WORKER_DEAD_AFTER_SECONDS ?? 30);
const CRASHES: CrashKind[] = (process.env.CHAOS_CRASHES?.split(",") as CrashKind[] | undefined) ?? ["web", "worker", "web", "worker", "postgres", "web", "worker"];
/** What a delivery may take beyond downtime: a dead worker's locks go after deadAfter + one beat; a few seconds for the backlog and one retry. */
const DELIVERY_BOUND_MS = (DEAD_AFTER_SECONDS + DEAD_AFTER_SECONDS / 6 + 10) * 1000;
const SETTLE_TIMEOUT_MS = 10 * 60_000;

const workDir = path.join(REPO_ROOT, ".data", "chaos");
const dataDir = path.join(REPO_ROOT, ".data", "chaos-pg");
const base = `http://127.0.0.1:${PORT}`;

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | null | undefined | false>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => null);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
    await sleep(200);
  }
}

async function main(): Promise<number> {
  if (!serverBundleIsCurrent()) throw new Error("run `npm run build` first (npm run test:chaos does)");
  rmSync(workDir, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });

  const postgres = new ChaosPostgres(dataDir, PG_PORT);
  await postgres.start();
  const receiver = await startReceiver(new Map([[DEMO_APP.id, DEMO_APP.secret], [ACME_APP.id, ACME_APP.secret]]), { failPerMille: 20 });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: postgres.url,
    NODE_ENV: "production",
    PORT: String(PORT),
    PUBLIC_BASE_URL: base,
    NEXTAUTH_URL: base,
    PAYCENTER_ENCRYPTION_KEY: randomBytes(32).toString("hex"),
    NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
    NEXT_TELEMETRY_DISABLED: "1",
    WORKER_MODE: "separate",
    // the run's webhook receiver listens on loopback, which the SSRF guard refuses unless allowed
    TEST_MODE_PRIVATE_NETWORKS: "127.0.0.0/8,::1/128",
    WORKER_DEAD_AFTER_SECONDS: String(DEAD_AFTER_SECONDS),
    // channel and webhook retry schedules 100× faster, so a run takes minutes
    SANDBOX_TIME_SCALE: "0.01",
    WEBHOOK_TIME_SCALE: "0.01",
    REFUND_RETRY_TIME_SCALE: "0.01",
    LOG_LEVEL: "warn",
    DEMO_APP_ID: DEMO_APP.id,
    DEMO_APP_SECRET: DEMO_APP.secret,
    DEMO_APP2_ID: ACME_APP.id,
    DEMO_APP2_SECRET: ACME_APP.secret,
  };
  Object.assign(process.env, env);

  await prepareDatabase(postgres.url);
  const { seedIfEmpty } = await import("../../prisma/seed.ts");
  await seedIfEmpty();
  const { db } = await import("../../server/db.ts");
  for (const app of [DEMO_APP, ACME_APP]) {
    await db.app.update({ where: { id: app.id }, data: { notifyUrl: `${receiver.url}?app=${app.id}`, repeatGuardSeconds: 0 } });
  }
  await db.$disconnect();

  const pool = openPool(postgres.url);
  const web = new Supervised(
    "web",
    { command: process.execPath, args: [SERVER_BUNDLE], env, cwd: REPO_ROOT, logFile: path.join(workDir, "web.log") },
    async () => {
      await until("web ready", 120_000, async () => (await fetch(`${base}/api/ready`)).ok);
    },
  );
  // `node --import tsx`: the worker in this very process, so a kill -9 reaches it (tsx's CLI would run it in a child).
  const worker = new Supervised(
    "worker",
    { command: process.execPath, args: ["--import", "tsx", "scripts/worker.ts"], env, cwd: REPO_ROOT, logFile: path.join(workDir, "worker.log") },
    async (pid) => {
      await until("worker beating", 120_000, async () => (await pool.query(`SELECT 1 FROM "WorkerHeartbeat" WHERE pid = $1`, [pid])).rowCount);
    },
  );
  const crashes: Crash[] = [];
  const downtime: Interval[] = [];
  let exitCode = 1;
  try {
    await Promise.all([web.start(), worker.start()]);
    console.log(`chaos: ${ORDERS} orders, ${CONCURRENCY} clients, crashes ${CRASHES.join(", ")}; server ${base}, PostgreSQL :${PG_PORT}`);

    const driver = new Driver(base, [DEMO_APP, ACME_APP], { orders: ORDERS, concurrency: CONCURRENCY, refundPerMille: 100, deadlineMs: 8 * 60_000 });
    const driving = driver.run();
    let driven = false;
    void driving.finally(() => (driven = true));

    // crash points: random fractions of the orders finished, in order
    const points = CRASHES.map((kind) => ({ kind, at: 0.03 + Math.random() * 0.8 })).sort((a, b) => a.at - b.at);
    for (const point of points) {
      await until("crash point", 10 * 60_000, async () => driven || driver.finished >= point.at * ORDERS);
      if (driven) break;
      const killedAt = Date.now();
      const progress = driver.finished;
      if (point.kind === "web") await web.kill9();
      if (point.kind === "worker") await worker.kill9();
      if (point.kind === "postgres") await postgres.kill9();
      console.log(`  ✂ kill -9 ${point.kind} at order ${progress}`);
      await sleep(randomInt(500, 3_000));
      if (point.kind === "web") await web.start();
      if (point.kind === "worker") await worker.start();
      if (point.kind === "postgres") await postgres.start();
      const backAt = Date.now();
      if (point.kind !== "web") downtime.push({ from: killedAt, to: backAt });
      const crash: Crash = { kind: point.kind, atProgress: progress, killedAt, backAt, firstSuccessMs: null };
      crashes.push(crash);
      console.log(`    ${point.kind} back after ${((backAt - killedAt) / 1000).toFixed(1)} s`);
      await sleep(randomInt(3_000, 8_000)); // let it work a while before the next one
    }
    await driving;
    const drivenAt = Date.now();
    console.log(`chaos: driving done (${crashes.length} crashes); waiting for the system to settle`);

    // settle: nothing owed any more (twice in a row, 2 s apart)
    let quiet = 0;
    let outstanding: Record<string, number> = {};
    const settleDeadline = Date.now() + SETTLE_TIMEOUT_MS;
    while (quiet < 2 && Date.now() < settleDeadline) {
      outstanding = await outstandingWork(pool).catch(() => ({ unreachable: 1 }));
      quiet = Object.values(outstanding).every((n) => n === 0) ? quiet + 1 : 0;
      await sleep(2_000);
    }
    const settledAt = Date.now();
    const lastBack = crashes.at(-1)?.backAt ?? drivenAt;
    for (const crash of crashes) {
      const first = driver.stats.successes.find((t) => t >= crash.backAt);
      crash.firstSuccessMs = first === undefined ? null : first - crash.backAt;
    }

    const report = await checkInvariants(postgres.url, {
      arrivals: receiver.arrivals,
      downtime,
      deliveryBoundMs: DELIVERY_BOUND_MS,
      paidByDriver: driver.orders.filter((o) => o.paid && o.payOrderNo).map((o) => o.payOrderNo!),
      workerDeadAfterMs: DEAD_AFTER_SECONDS * 1000,
    });
    const gaveUp = driver.orders.filter((o) => o.gaveUp);
    const serverErrors = [...driver.stats.serverErrors.values()].reduce((a, b) => a + b, 0);
    const driverChecks = [
      { name: "the system settled (no work left owed)", ok: quiet >= 2, detail: JSON.stringify(outstanding) },
      { name: "every order paid by the run's clients (none given up)", ok: gaveUp.length === 0, detail: `${gaveUp.length} given up`, samples: gaveUp.slice(0, 5) },
      { name: "no create answered a pending order without payData", ok: driver.stats.emptyPayData === 0, detail: `${driver.stats.emptyPayData}` },
      { name: "every webhook carried a valid signature", ok: receiver.stats.badSignatures === 0, detail: `${receiver.stats.badSignatures} bad` },
    ];
    report.checks.push(...driverChecks);
    report.ok = report.checks.every((c) => c.ok);

    const figures = {
      orders: driver.orders.length,
      paid: driver.orders.filter((o) => o.paid).length,
      refundsRequested: driver.orders.reduce((n, o) => n + o.refunds, 0),
      crashPoints: crashes.map((c) => `${c.kind}@${c.atProgress} down ${((c.backAt - c.killedAt) / 1000).toFixed(1)}s, first 2xx +${c.firstSuccessMs ?? "–"}ms`),
      settledSecondsAfterLastRestart: Math.round((settledAt - lastBack) / 1000),
      settledSecondsAfterDriving: Math.round((settledAt - drivenAt) / 1000),
      requests: driver.stats.requests,
      serverErrors5xx: serverErrors,
      serverErrorsByCode: Object.fromEntries(driver.stats.serverErrors),
      connectionErrors: driver.stats.connectionErrors,
      unexpected4xx: Object.fromEntries(driver.stats.unexpected),
      emptyPayData: driver.stats.emptyPayData,
      webhookRequests: receiver.stats.requests,
      webhookRefusedOnPurpose: receiver.stats.refused,
      webhookDuplicates: receiver.stats.duplicates,
      unplannedExits: { web: web.unplannedExits, worker: worker.unplannedExits },
      failedStarts: { web: web.failedStarts, worker: worker.failedStarts },
      deliveryBoundSeconds: DELIVERY_BOUND_MS / 1000,
      ...report.figures,
    };
    console.log("\nInvariants:");
    printReport(report);
    console.log("\nFigures:");
    console.log(JSON.stringify(figures, null, 2));
    writeFileSync(path.join(workDir, "report.json"), `${JSON.stringify({ ok: report.ok, figures, checks: report.checks, crashes }, (_k, v) => (typeof v === "bigint" ? String(v) : v), 2)}\n`);
    console.log(`\nchaos: ${report.ok ? "PASSED" : "FAILED"} (report: ${path.relative(REPO_ROOT, path.join(workDir, "report.json"))}, logs beside it)`);
    exitCode = report.ok ? 0 : 1;
  } finally {
    await Promise.all([web.stop(), worker.stop()]);
    await pool.end().catch(() => undefined);
    await receiver.close();
    await postgres.stop();
  }
  return exitCode;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error("[chaos]", error instanceof Error ? error.stack : error);
    process.exit(2);
  },
);
