// `npm run drill:failover`: a cluster (PostgreSQL primary + streaming replica, 2 web nodes, 2 workers,
// nginx) under mixed load through the load balancer — signed Open API creates, sandbox payments and
// their callbacks, queries, refunds (scripts/chaos/driver.ts) with webhooks to a receiver of the run's
// own — while it kills -9 one web node, then one worker (each restarted after a few seconds, as a
// service manager would), then the primary, and promotes the replica. The nodes follow the new primary
// through their multi-host DATABASE_URL (target_session_attrs=read-write). Then it waits for the system
// to settle and measures:
//   RTO — seconds during which the driver's requests failed after each kill (error-window.ts);
//   RPO — payments the API acknowledged (created, or paid per a delivered webhook) missing afterwards;
// and runs the invariant checker (scripts/chaos/invariants.ts) on the new primary.
// Runs with synchronous replication on (RPO must be 0) and off (measured): DRILL_SYNC=on|off|both.
// DRILL_ORDERS (300), DRILL_CONCURRENCY (16), DRILL_SETTLE_SECONDS (300). Raw output: docs/deploy/drill/; summary:
// docs/deploy/failover-report.md. Exit 1 when an invariant fails or RPO > 0 with synchronous replication.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { ACME_APP, DEMO_APP } from "../../server/testing/open-api-client.ts";
import { REPO_ROOT } from "../lib/migrations-dir.ts";
import { Driver } from "../chaos/driver.ts";
import { checkInvariants, dueJobs, type Interval, outstandingWork, printReport } from "../chaos/invariants.ts";
import { startReceiver } from "../chaos/receiver.ts";
import { Cluster, ensureProductionBuild } from "./cluster.ts";
import { writeDrillReport, type DrillResult } from "./drill-report.ts";
import { errorWindow } from "./error-window.ts";
import { until } from "./nodes.ts";
import { startReader } from "./reader.ts";

const ORDERS = Number(process.env.DRILL_ORDERS ?? 300);
const CONCURRENCY = Number(process.env.DRILL_CONCURRENCY ?? 16);
const DEAD_AFTER_SECONDS = 20;
const DELIVERY_BOUND_MS = (DEAD_AFTER_SECONDS + DEAD_AFTER_SECONDS / 6 + 10) * 1000;
const MODES = (process.env.DRILL_SYNC ?? "both") === "both" ? [true, false] : [process.env.DRILL_SYNC !== "off"];
/** One set for the whole drill: the seed seals app secrets with this process's keyring, loaded once. */
const secrets = { encryptionKey: randomBytes(32).toString("hex"), nextAuthSecret: randomBytes(32).toString("base64url") };
const SETTLE_MS = Number(process.env.DRILL_SETTLE_SECONDS ?? 300) * 1000;
const DRILL_DIR = path.join(REPO_ROOT, ".data", "cluster-drill");
const OUT_DIR = path.join(REPO_ROOT, "docs", "deploy", "drill");

async function drill(synchronous: boolean): Promise<DrillResult> {
  const mode = synchronous ? "sync" : "async";
  rmSync(DRILL_DIR, { recursive: true, force: true });
  const receiver = await startReceiver(new Map([[DEMO_APP.id, DEMO_APP.secret], [ACME_APP.id, ACME_APP.secret]]), { failPerMille: 20 });
  const env = {
    TEST_MODE_PRIVATE_NETWORKS: "127.0.0.0/8,::1/128",
    WORKER_DEAD_AFTER_SECONDS: String(DEAD_AFTER_SECONDS),
    SANDBOX_TIME_SCALE: "0.01",
    WEBHOOK_TIME_SCALE: "0.01",
    REFUND_RETRY_TIME_SCALE: "0.01",
    DEMO_APP_ID: DEMO_APP.id,
    DEMO_APP_SECRET: DEMO_APP.secret,
    DEMO_APP2_ID: ACME_APP.id,
    DEMO_APP2_SECRET: ACME_APP.secret,
  };
  Object.assign(process.env, env, { PAYCENTER_ENCRYPTION_KEY: secrets.encryptionKey, NEXTAUTH_SECRET: secrets.nextAuthSecret });
  const cluster = new Cluster({
    dir: DRILL_DIR,
    web: 2,
    workers: 2,
    synchronous,
    fresh: true,
    secrets,
    env,
    prepare: async (url) => {
      process.env.DATABASE_URL = url;
      const { seedIfEmpty } = await import("../../prisma/seed.ts");
      await seedIfEmpty();
      const { getDb } = await import("../../server/db.ts");
      for (const app of [DEMO_APP, ACME_APP]) {
        await getDb().app.update({ where: { id: app.id }, data: { notifyUrl: `${receiver.url}?app=${app.id}`, repeatGuardSeconds: 0 } });
      }
      await getDb().$disconnect();
    },
  });
  const downtime: Interval[] = [];
  const log: string[] = [];
  const say = (line: string) => {
    console.log(`  [${mode}] ${line}`);
    log.push(`${new Date().toISOString()} ${line}`);
  };
  try {
    await cluster.start();
    const state = await cluster.pair.replicationState();
    say(`cluster up: nginx ${cluster.lb.url}, web ${cluster.webPorts.join(",")}, 2 workers, replica ${state?.state}/${state?.syncState}`);

    const driver = new Driver(cluster.lb.url, [DEMO_APP, ACME_APP], { orders: ORDERS, concurrency: CONCURRENCY, refundPerMille: 100, deadlineMs: 4 * 60_000 });
    const driving = driver.run();
    const reader = startReader(cluster.lb.url, DEMO_APP, driver, 4);
    const at = (share: number) => until(`${share * 100} % of the orders`, 10 * 60_000, async () => driver.finished >= share * ORDERS);

    await at(0.2);
    const webKill = Date.now();
    await cluster.webs[0]!.kill9();
    say(`kill -9 web-1 at order ${driver.finished}`);
    await sleep(3_000);
    await cluster.webs[0]!.start();
    say(`web-1 back after ${((Date.now() - webKill) / 1000).toFixed(1)} s`);

    await at(0.4);
    const workerKill = Date.now();
    await cluster.workers[0]!.kill9();
    say(`kill -9 worker-1 at order ${driver.finished}`);
    await sleep(3_000);
    await cluster.workers[0]!.start();
    downtime.push({ from: workerKill, to: Date.now() });
    say(`worker-1 back after ${((Date.now() - workerKill) / 1000).toFixed(1)} s`);

    await at(0.6);
    const lag = await cluster.writer().query<{ lag: string; sync_state: string }>(
      `SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)::text AS lag, sync_state FROM pg_stat_replication`,
    );
    const primaryKill = Date.now();
    await cluster.pair.killPrimary();
    say(`kill -9 the primary at order ${driver.finished} (replica ${lag.rows[0]?.sync_state ?? "?"}, ${lag.rows[0]?.lag ?? "?"} bytes behind just before)`);
    await cluster.pair.promoteReplica();
    const promoted = Date.now();
    downtime.push({ from: primaryKill, to: promoted });
    say(`replica promoted in ${((promoted - primaryKill) / 1000).toFixed(1)} s; nodes follow through the multi-host URL`);

    await driving;
    await reader.stop();
    const drivenAt = Date.now();
    say("driving done; waiting for the system to settle");
    let quiet = 0;
    let outstanding: Record<string, number> = {};
    const settleDeadline = Date.now() + SETTLE_MS;
    while (quiet < 2 && Date.now() < settleDeadline) {
      outstanding = await outstandingWork(cluster.writer()).catch(() => ({ unreachable: 1 }));
      quiet = Object.values(outstanding).every((n) => n === 0) ? quiet + 1 : 0;
      await sleep(2_000);
    }

    // RPO: what the API acknowledged, looked for on the new primary
    const created = driver.orders.filter((o) => o.payOrderNo).map((o) => o.payOrderNo!);
    const delivered = [...receiver.arrivals.keys()];
    const pool = cluster.writer();
    const foundOrders = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM "PayOrder" WHERE "payOrderNo" = ANY($1::text[])`, [created]);
    const foundEvents = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM "Event" WHERE id = ANY($1::text[])`, [delivered]);
    const lostPaid = await pool.query<{ id: string }>(
      `SELECT x.id FROM unnest($1::text[]) AS x(id) WHERE NOT EXISTS (SELECT 1 FROM "Event" e WHERE e.id = x.id)`,
      [delivered],
    );

    const stats = driver.stats;
    const failures = [...stats.failures, ...reader.failures];
    const successes = [...stats.successes, ...reader.successes];
    const report = await checkInvariants(cluster.pair.writerUrl, {
      arrivals: receiver.arrivals,
      downtime,
      deliveryBoundMs: DELIVERY_BOUND_MS,
      paidByDriver: driver.orders.filter((o) => o.paid && o.payOrderNo).map((o) => o.payOrderNo!),
      workerDeadAfterMs: DEAD_AFTER_SECONDS * 1000,
    });
    const stillDue = quiet >= 2 ? [] : await dueJobs(cluster.writer(), 0);
    report.checks.push({ name: "the system settled (no work left owed)", ok: quiet >= 2, detail: [JSON.stringify(outstanding), ...stillDue].join("; ") });
    report.ok = report.checks.every((c) => c.ok);
    console.log(`\n  [${mode}] invariants on the new primary:`);
    printReport(report);

    return {
      mode,
      orders: driver.orders.length,
      paid: driver.orders.filter((o) => o.paid).length,
      gaveUp: driver.orders.filter((o) => o.gaveUp).length,
      gaveUpSamples: driver.orders.filter((o) => o.gaveUp).slice(0, 5).map((o) => ({ payOrderNo: o.payOrderNo, reason: String(o.gaveUp) })),
      refundsRequested: driver.orders.reduce((n, o) => n + o.refunds, 0),
      requests: stats.requests + reader.requests,
      queries: reader.requests,
      failedRequests: failures.length,
      replicaBytesBehindAtKill: Number(lag.rows[0]?.lag ?? Number.NaN),
      promotionSeconds: (promoted - primaryKill) / 1000,
      webKill: errorWindow(failures, successes, webKill, workerKill),
      workerKill: errorWindow(failures, successes, workerKill, primaryKill),
      primaryKill: errorWindow(failures, successes, primaryKill),
      rpo: {
        acknowledgedCreates: created.length,
        createsLost: created.length - Number(foundOrders.rows[0]!.n),
        deliveredEvents: delivered.length,
        deliveredEventsLost: delivered.length - Number(foundEvents.rows[0]!.n),
        lostEventSamples: lostPaid.rows.slice(0, 5).map((r) => r.id),
      },
      settledSecondsAfterDriving: Math.round((Date.now() - drivenAt) / 1000),
      healthChanges: cluster.checker?.changes.map((c) => ({ atMs: c.at - primaryKill, healthy: c.healthy })) ?? [],
      invariants: report.checks.map((c) => ({ name: c.name, ok: c.ok, detail: c.detail })),
      invariantsOk: report.ok,
      figures: report.figures,
      log,
    };
  } finally {
    await cluster.stop();
    await receiver.close();
  }
}

async function main(): Promise<number> {
  await ensureProductionBuild();
  mkdirSync(OUT_DIR, { recursive: true });
  const results: DrillResult[] = [];
  for (const synchronous of MODES) {
    console.log(`\nfailover drill, synchronous replication ${synchronous ? "on" : "off"}: ${ORDERS} orders, ${CONCURRENCY} clients`);
    const result = await drill(synchronous);
    writeFileSync(path.join(OUT_DIR, `${result.mode}.json`), `${JSON.stringify(result, null, 2)}\n`);
    results.push(result);
    console.log(JSON.stringify({ ...result, invariants: undefined, log: undefined }, null, 2));
  }
  // a run of one mode keeps the other mode's last results in the report
  for (const mode of ["sync", "async"] as const) {
    const file = path.join(OUT_DIR, `${mode}.json`);
    if (!results.some((r) => r.mode === mode) && existsSync(file)) results.push(JSON.parse(readFileSync(file, "utf8")) as DrillResult);
  }
  results.sort((a, b) => (a.mode === "sync" ? -1 : 1) - (b.mode === "sync" ? -1 : 1));
  writeDrillReport(path.join(REPO_ROOT, "docs", "deploy", "failover-report.md"), results);
  const failed = results.filter((r) => !r.invariantsOk || (r.mode === "sync" && (r.rpo.createsLost > 0 || r.rpo.deliveredEventsLost > 0)));
  console.log(`\nfailover drill: ${failed.length === 0 ? "PASSED" : `FAILED (${failed.map((r) => r.mode).join(", ")})`}; report docs/deploy/failover-report.md`);
  return failed.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error("[drill]", error instanceof Error ? error.stack : error);
    process.exit(2);
  },
);
