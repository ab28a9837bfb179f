// `npm run bench:orders`: the order center's list at 1,000,000 orders — the Open API query
// (GET /api/v1/orders?…, scope: one app) for each filter, first page and a deep cursor, a few combined
// filters, and the console's list (merchant-wide, and a dealer's stores). Uses $DATABASE_URL if set,
// otherwise its own embedded PostgreSQL in .data/bench-orders-pg (port BENCH_PG_PORT), kept between runs and
// filled once by `npm run seed:large` (orders only, SEED_LARGE_ORDERS, scripts/lib/seed-large-orders.ts).
//
// Three layers, each timed per case (BENCH_LAYERS to choose, default all that can run):
//   sql     the page's keyset query alone (list-orders.ts pageQuery), through pg: the database's share;
//   service listOrders() in process (page query + the orders' parts through Prisma + the views);
//   http    the real route through the production server (dist/server.mjs, needs `npm run build`),
//           signed like a business system, over HTTP on this machine.
// Each case: BENCH_RUNS (default 50) sequential runs after 3 warm-ups → p50/p95/p99; then BENCH_CONCURRENCY
// (default 8) loops for BENCH_SECONDS (default 3) → queries/s, and the CPU time per query of this process
// + of PostgreSQL's backends (+ the server's, for http), from /proc: figures that a busy shared machine does
// not inflate, for sizing nodes (docs/adr/0013). Prints and writes bench-results/orders.json.
// Target (issue #14): p95 ≤ 50 ms per filter. It prints; it never asserts.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { prepareDatabase } from "../lib/database.ts";
import { ensureDevSecrets } from "../lib/dev-secrets.ts";
import { startEmbeddedPostgres } from "../lib/embedded-postgres.ts";
import { REPO_ROOT } from "../lib/migrations-dir.ts";
import { SERVER_BUNDLE, serverBundleIsCurrent } from "../server/build.ts";
import type { OrderScope } from "../../server/services/orders/list-orders.ts";
import { type BenchApp, createCenterOrderRequest, createOrderRequest, signedHeaders } from "./signed-requests.ts";
import { type Timing, timeRuns, throughput } from "./timing.ts";

const ORDERS = Number(process.env.SEED_LARGE_ORDERS ?? 1_000_000);
const TARGET_P95_MS = 50;
const LAYERS = (process.env.BENCH_LAYERS ?? "sql,service,http").split(",");
const HTTP_PORT = Number(process.env.BENCH_PORT ?? 3210);

type Filters = Record<string, string>;
type Case = { name: string; scope: "app" | "merchant" | "dealer"; filters: Filters; deep?: boolean };

async function main() {
  const external = process.env.DATABASE_URL;
  const dataDir = path.join(REPO_ROOT, ".data", "bench-orders-pg");
  const pgServer = external ? null : await startEmbeddedPostgres({ dataDir, port: Number(process.env.BENCH_PG_PORT ?? 54379), database: "paycenter" });
  const url = external ?? pgServer!.url;
  ensureDevSecrets(path.join(dataDir, "..", "bench-orders-secrets.json"));
  Object.assign(process.env, { DATABASE_URL: url, LOG_LEVEL: "warn", PUBLIC_BASE_URL: process.env.PUBLIC_BASE_URL ?? `http://127.0.0.1:${HTTP_PORT}` });
  let server: ReturnType<typeof spawn> | undefined;
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  try {
    await prepareDatabase(url);
    const { db } = await import("../../server/db.ts");
    const { seedIfEmpty } = await import("../../prisma/seed.ts");
    await seedIfEmpty();
    const have = await db.order.count();
    if (have < ORDERS) {
      console.log(`… ${have.toLocaleString("en")} orders in the database: seeding ${(ORDERS - have).toLocaleString("en")} more (npm run seed:large)`);
      await pgServer?.stop(); // seed:large starts the same data directory itself
      const seeded = spawnSync(process.execPath, [path.join(REPO_ROOT, "node_modules", "tsx", "dist", "cli.mjs"), "scripts/seed-large.ts"], {
        cwd: REPO_ROOT,
        stdio: "inherit",
        env: { ...process.env, ...(external ? {} : { DATABASE_URL: "", PAYCENTER_DATA_DIR: dataDir, PAYCENTER_PG_PORT: String(process.env.BENCH_PG_PORT ?? 54379) }), SEED_LARGE_COUNT: "0", SEED_LARGE_ORDERS: String(ORDERS - have) },
      });
      if (seeded.status !== 0) throw new Error("seed:large failed");
      console.log("… seeded: run `npm run bench:orders` again to measure");
      return;
    }
    const { listOrders, pageQuery, decodeOrderCursor } = await import("../../server/services/orders/list-orders.ts");

    const merchant = await db.merchant.findUniqueOrThrow({ where: { mchNo: "M10000001" } });
    const app = await db.app.findFirstOrThrow({ where: { merchantId: merchant.id }, orderBy: { createdAt: "asc" } });
    const counts = { orders: have, appOrders: await db.order.count({ where: { appId: app.id } }), lines: await db.orderLine.count() };
    console.log(`… ${counts.orders.toLocaleString("en")} orders (${counts.appOrders.toLocaleString("en")} of 演示商城's app), ${counts.lines.toLocaleString("en")} lines`);

    // the sample values: a frequent and an occasional buyer, the busiest store, a rare status, a hot and a cold SKU
    const one = async (sql: string) => (await pool.query<{ v: string }>(sql, [app.id])).rows[0]?.v ?? "none";
    const heavyBuyer = await one(`SELECT "buyerId" AS v FROM "Order" WHERE "appId" = $1 GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`);
    const lightBuyer = await one(`SELECT "buyerId" AS v FROM "Order" WHERE "appId" = $1 AND "buyerId" >= 'U050000' ORDER BY "buyerId" LIMIT 1`);
    const hotSku = await one(`SELECT sku AS v FROM "OrderLine" WHERE "appId" = $1 AND sku IN ('SKU-0001', 'SKU-0002') GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`);
    const coldSku = await one(`SELECT sku AS v FROM "OrderLine" WHERE "appId" = $1 AND sku >= 'SKU-4000' ORDER BY sku LIMIT 1`);
    const dealerStores = ["S020", "S090", "S170"];
    const now = Date.now();
    const day = 86_400_000;
    const week = { placedFrom: new Date(now - 97 * day).toISOString(), placedTo: new Date(now - 90 * day).toISOString() };

    const cases: Case[] = [
      { name: "api: no filter, first page", scope: "app", filters: {} },
      { name: "api: no filter, deep cursor (5,000th order)", scope: "app", filters: {}, deep: true },
      { name: `api: buyerId (frequent buyer ${heavyBuyer})`, scope: "app", filters: { buyerId: heavyBuyer } },
      { name: `api: buyerId (frequent buyer), deep cursor`, scope: "app", filters: { buyerId: heavyBuyer }, deep: true },
      { name: `api: buyerId (occasional buyer ${lightBuyer})`, scope: "app", filters: { buyerId: lightBuyer } },
      { name: "api: storeId S001 (busiest store)", scope: "app", filters: { storeId: "S001" } },
      { name: "api: storeId S150", scope: "app", filters: { storeId: "S150" } },
      { name: "api: storeId, deep cursor", scope: "app", filters: { storeId: "S001" }, deep: true },
      { name: "api: scene dealer", scope: "app", filters: { scene: "dealer" } },
      { name: "api: scene dealer, deep cursor", scope: "app", filters: { scene: "dealer" }, deep: true },
      { name: "api: type presale", scope: "app", filters: { type: "presale" } },
      { name: "api: status COMPLETED", scope: "app", filters: { status: "COMPLETED" } },
      { name: "api: status TO_SHIP (recent, rare)", scope: "app", filters: { status: "TO_SHIP" } },
      { name: "api: status TO_SHIP, deep cursor", scope: "app", filters: { status: "TO_SHIP" }, deep: true },
      { name: `api: sku ${hotSku} (hot)`, scope: "app", filters: { sku: hotSku } },
      { name: `api: sku (hot), deep cursor`, scope: "app", filters: { sku: hotSku }, deep: true },
      { name: `api: sku ${coldSku} (cold)`, scope: "app", filters: { sku: coldSku } },
      { name: "api: placedFrom/To, one week 3 months ago", scope: "app", filters: week },
      { name: "api: placedFrom/To, deep cursor", scope: "app", filters: week, deep: true },
      { name: "api: storeId + status COMPLETED", scope: "app", filters: { storeId: "S001", status: "COMPLETED" } },
      { name: "api: sku (hot) + storeId", scope: "app", filters: { sku: hotSku, storeId: "S001" } },
      { name: "api: buyerId + status COMPLETED", scope: "app", filters: { buyerId: heavyBuyer, status: "COMPLETED" } },
      { name: "api: scene store + type standard + week", scope: "app", filters: { scene: "store", type: "standard", ...week } },
      { name: "api: scene points + type presale (empty)", scope: "app", filters: { scene: "points", type: "presale" } },
      { name: "console: merchant-wide, first page", scope: "merchant", filters: {} },
      { name: "console: merchant-wide, deep cursor", scope: "merchant", filters: {}, deep: true },
      { name: "console: merchant-wide, storeId + sku (hot)", scope: "merchant", filters: { storeId: "S001", sku: hotSku } },
      { name: `console: dealer (${dealerStores.length} stores), first page`, scope: "dealer", filters: {} },
      { name: "console: dealer, deep cursor", scope: "dealer", filters: {}, deep: true },
      { name: "console: dealer, status COMPLETED", scope: "dealer", filters: { status: "COMPLETED" } },
    ];

    const scopeOf = (c: Case): OrderScope =>
      c.scope === "app" ? { appId: app.id } : c.scope === "merchant" ? { merchantId: merchant.id } : { merchantId: merchant.id, storeIds: dealerStores };
    const parse = (filters: Filters) => ({
      ...filters,
      ...(filters.placedFrom ? { placedFrom: new Date(filters.placedFrom) } : {}),
      ...(filters.placedTo ? { placedTo: new Date(filters.placedTo) } : {}),
    }) as Parameters<typeof listOrders>[1];
    // the deep cursor: after the 5,000th order of the list (50 pages of 100), or the last page if fewer
    const cursors = new Map<Case, string | null>();
    for (const c of cases.filter((x) => x.deep)) {
      let cursor: string | null = null;
      for (let i = 0; i < 50; i++) {
        const page = await listOrders(scopeOf(c), parse(c.filters), { limit: 100, cursor });
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
      }
      cursors.set(c, cursor);
    }

    // the HTTP layer: the production server (or, without a build, its API listener over the sources) on
    // this database, the demo app given a fresh secret
    let benchApp: BenchApp | null = null;
    let base = "";
    let serverPid: number | undefined;
    if (LAYERS.includes("http")) {
      const secret = `sk_test_${randomBytes(24).toString("base64url")}`;
      const { encryptSecret, secretContext } = await import("../../server/secrets.ts");
      await db.app.update({ where: { id: app.id }, data: { secretEnc: encryptSecret(secret, secretContext.appSecret(app.id)) } });
      benchApp = { id: app.id, secret };
      const built = serverBundleIsCurrent();
      server = spawn(process.execPath, built ? [SERVER_BUNDLE] : [path.join(REPO_ROOT, "node_modules", "tsx", "dist", "cli.mjs"), "scripts/bench/api-server.ts"], {
        cwd: REPO_ROOT,
        env: { ...process.env, NODE_ENV: "production", PORT: String(HTTP_PORT), NEXTAUTH_URL: process.env.PUBLIC_BASE_URL },
        stdio: ["ignore", "pipe", "inherit"],
      });
      if (built) {
        serverPid = server.pid;
        base = process.env.PUBLIC_BASE_URL!;
        await waitReady(base);
      } else {
        const [url, pid] = (await firstLine(server)).split(" ");
        base = url;
        serverPid = Number(pid);
        console.log(`… no current production build: http layer on the API listener over the sources (${base})`);
      }
    }

    // CPU per query: PostgreSQL's client backends, and the server process for the http layer
    const backends = async () => (await pool.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE backend_type = 'client backend'`)).rows.map((r) => r.pid);
    const cpuPids = (layer: string) => async () => [...(await backends()), ...(layer === "http" && serverPid ? [serverPid] : [])];
    const results: Record<string, Record<string, Timing>> = {};
    for (const c of cases) {
      const scope = scopeOf(c);
      const filters = parse(c.filters);
      const cursor = c.deep ? (cursors.get(c) ?? null) : null;
      const runs: Record<string, () => Promise<unknown>> = {};
      if (LAYERS.includes("sql")) {
        const query = pageQuery(scope, filters, cursor ? decodeOrderCursor(cursor) : null, 20);
        runs.sql = () => pool.query(query.text, query.values as unknown[]);
      }
      if (LAYERS.includes("service")) runs.service = () => listOrders(scope, filters, { limit: 20, cursor });
      if (benchApp && c.scope === "app") {
        const search = new URLSearchParams({ ...c.filters, ...(cursor ? { cursor } : {}) }).toString();
        const pathAndQuery = `/api/v1/orders${search ? `?${search}` : ""}`;
        const target = `${base}${pathAndQuery}`;
        const signer = benchApp;
        runs.http = async () => {
          const response = await fetch(target, { headers: signedHeaders(signer, "GET", pathAndQuery, "") });
          if (response.status !== 200) throw new Error(`${pathAndQuery}: HTTP ${response.status} ${await response.text()}`);
          await response.arrayBuffer();
        };
      }
      results[c.name] = {};
      const line: string[] = [];
      for (const [layer, run] of Object.entries(runs)) {
        const timing = { ...(await timeRuns(run)), ...(await throughput(run, cpuPids(layer))) };
        results[c.name][layer] = timing;
        line.push(`${layer} p50 ${fmt(timing.p50)} p95 ${fmt(timing.p95)} p99 ${fmt(timing.p99)} ${String(timing.perSecond).padStart(5)}/s ${cpu(timing)}`);
      }
      console.log(`  ${c.name.padEnd(52)} ${line.join("  │ ")}`);
    }
    // creates over HTTP: an order-center order (order, lines, timeline and its pay order) beside a pay order alone
    const creates: Record<string, Timing> = {};
    if (benchApp && process.env.BENCH_CREATES !== "0") {
      const signer = benchApp;
      const post = (made: { path: string; setupRequest: (request: Record<string, unknown>) => Record<string, unknown> }) => async () => {
        const { body, headers } = made.setupRequest({}) as { body: string; headers: Record<string, string> };
        const response = await fetch(`${base}${made.path}`, { method: "POST", body, headers });
        if (response.status !== 201) throw new Error(`${made.path}: HTTP ${response.status} ${await response.text()}`);
        await response.arrayBuffer();
      };
      for (const [name, run] of [
        ["create pay order (POST /api/v1/pay-orders, cashier)", post(createOrderRequest(signer))],
        ["create order (POST /api/v1/orders, opens its pay order)", post(createCenterOrderRequest(signer))],
      ] as const) {
        creates[name] = { ...(await timeRuns(run)), ...(await throughput(run, cpuPids("http"))) };
        const t = creates[name];
        console.log(`  ${name.padEnd(60)} http p50 ${fmt(t.p50)} p95 ${fmt(t.p95)} p99 ${fmt(t.p99)} ${String(t.perSecond).padStart(5)}/s ${cpu(t)}`);
      }
      const [payOrder, order] = Object.values(creates);
      console.log(`  order create / pay-order create: ${Math.round((order.perSecond / payOrder.perSecond) * 100)}% of the throughput, ${(order.p50 / payOrder.p50).toFixed(1)}× the p50`);
    }
    const top = (layer: string) => Object.entries(results).filter(([, r]) => r[layer] && r[layer].p95 > TARGET_P95_MS);
    for (const layer of Object.keys(Object.values(results)[0] ?? {})) {
      const over = top(layer);
      console.log(over.length ? `${layer}: ${over.length} case(s) over the p95 target of ${TARGET_P95_MS} ms: ${over.map(([n]) => n).join("; ")}` : `${layer}: every case within the p95 target of ${TARGET_P95_MS} ms`);
    }
    mkdirSync(path.join(REPO_ROOT, "bench-results"), { recursive: true });
    writeFileSync(path.join(REPO_ROOT, "bench-results", "orders.json"), `${JSON.stringify({ at: new Date().toISOString(), counts, results, creates }, null, 2)}\n`);
    await db.$disconnect();
  } finally {
    server?.kill("SIGINT");
    await new Promise((resolve) => (server && server.exitCode === null ? server.once("exit", resolve) : resolve(null)));
    await pool.end();
    await pgServer?.stop();
  }
}

const fmt = (ms: number) => `${ms.toFixed(1).padStart(6)} ms`;
/** CPU per query: this process (the client, or the service in process) + PostgreSQL (+ the server for http). */
const cpu = (t: Timing) => (t.cpuMs ? `cpu ${t.cpuMs.self.toFixed(2)}+${t.cpuMs.others.toFixed(2)} ms` : "");

/** The first line a child prints (the API listener's URL). */
function firstLine(child: ReturnType<typeof spawn>): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      text += chunk.toString("utf8");
      if (text.includes("\n")) resolve(text.split("\n")[0].trim());
    });
    child.once("exit", (code) => reject(new Error(`the API server exited (${code})`)));
  });
}

async function waitReady(base: string): Promise<void> {
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`${base}/api/ready`)).ok) return;
    } catch {
      // not up yet
    }
    await sleep(500);
  }
  throw new Error("the server did not become ready");
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error("[bench:orders]", error instanceof Error ? error.stack : error);
    process.exit(1);
  },
);
