// `npm run bench`: throughput and latency of the Open API's hot paths under the production server
// (dist/server.mjs, as `npm start` runs it) on the embedded PostgreSQL, next to a bare node:http + pg
// baseline doing the same SQL.
//
// Each scenario: req/s at 50 connections, p50/p95/p99 at 10 connections (autocannon, 10 s each by
// default; BENCH_SECONDS to change), and the server's CPU per request in the 50-connection run (from
// /proc: what a request costs PayCenter whatever else the machine is doing). Results are printed and
// written to bench-results/latest.json, with the channel-backed create's share of cashier-mode create.
//
// The sandbox channels answer from a process of their own (scripts/bench/sandbox-server.ts, the channel
// accounts' baseUrl pointing at it), so a channel-backed create measures PayCenter's cost, not the
// simulated channel's; BENCH_SANDBOX=inprocess keeps them inside the server, as `npm start` serves them.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import autocannon from "autocannon";
import { prepareDatabase } from "../lib/database.ts";
import { startEmbeddedPostgres } from "../lib/embedded-postgres.ts";
import { REPO_ROOT } from "../lib/migrations-dir.ts";
import { SERVER_BUNDLE, serverBundleIsCurrent } from "../server/build.ts";
import { startBaselineServer } from "./baseline-server.ts";
import { createTradeRequest, prepareTradeOrders } from "./trade-setup.ts";
import { setRiskRules } from "./risk-setup.ts";
import { RATE_LIMIT_PATHS, RATE_LIMIT_ROUNDS, rateLimitCost, setRateLimit } from "./rate-limit-setup.ts";
import { type SandboxProcess, startSandboxProcess } from "./sandbox-process.ts";
import { postmasterPid } from "../cluster/process-cpu.ts";
import { cpuSplitWanted, PAYCENTER_CPU, pinTree, WORLD_CPU } from "./cpu-split.ts";
import { cpuSecondsOf, percentile } from "./timing.ts";
import { type BenchApp, createCenterOrderRequest, createOrderRequest, queryOrderRequest, signedHeaders } from "./signed-requests.ts";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const PORT = Number(process.env.BENCH_PORT ?? 3200);
const APP: BenchApp = { id: "app_BENCH0000000001", secret: `sk_test_${randomBytes(24).toString("base64url")}` };

class Skip extends Error {}

type Figures = {
  reqPerSec: number;
  p50: number;
  p95: number;
  p99: number;
  /** CPU ms per request of the server (and of the out-of-process sandbox), in the 50-connection run. */
  serverCpuMs?: number;
  sandboxCpuMs?: number;
  non2xx: number;
  errors: number;
  statuses?: Record<string, number>;
};
type Scenario = { name: string; target: string; url: string; requests: object[]; before?: () => Promise<void> };

/** The processes whose CPU a scenario is charged: the server, and the sandbox when it runs apart. */
const watched: { server?: number; sandbox?: number } = {};

async function measure(url: string, requests: object[]): Promise<Figures> {
  const run = (connections: number, samples?: number[]) => {
    // without a callback autocannon returns a promise that is also the instance (an event emitter)
    const instance = autocannon({ url, connections, duration: SECONDS, requests: requests as autocannon.Request[] }) as unknown as Promise<autocannon.Result> &
      Pick<autocannon.Instance, "on">;
    // every response's latency (autocannon's own percentiles skip p95)
    if (samples) instance.on("response", (_client: unknown, _status: number, _bytes: number, ms: number) => samples.push(ms));
    return instance as unknown as Promise<autocannon.Result>;
  };
  const cpuBefore = { server: cpuSecondsOf(watched.server), sandbox: cpuSecondsOf(watched.sandbox) };
  const throughput = await run(50);
  const perRequest = (pid: number | undefined, before: number) =>
    pid ? Math.round(((cpuSecondsOf(pid) - before) * 1000 * 100) / Math.max(1, throughput.requests.total)) / 100 : undefined;
  const cpu = { serverCpuMs: perRequest(watched.server, cpuBefore.server), sandboxCpuMs: perRequest(watched.sandbox, cpuBefore.sandbox) };
  const samples: number[] = [];
  const latency = await run(10, samples);
  samples.sort((a, b) => a - b);
  const at = (p: number) => Math.round((samples.length ? percentile(samples, p) : Number.NaN) * 10) / 10;
  return {
    reqPerSec: Math.round(throughput.requests.average),
    p50: at(50),
    p95: at(95),
    p99: at(99),
    ...cpu,
    non2xx: throughput.non2xx + latency.non2xx,
    errors: throughput.errors + latency.errors,
    // which statuses, when some were not 2xx (a refusal under load says more than a count)
    ...(throughput.non2xx + latency.non2xx > 0 ? { statuses: statusCounts(throughput, latency) } : {}),
  };
}

function statusCounts(...results: autocannon.Result[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const result of results) {
    for (const [code, { count }] of Object.entries((result as unknown as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {})) {
      counts[code] = (counts[code] ?? 0) + count;
    }
  }
  return counts;
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

async function main() {
  if (!serverBundleIsCurrent()) throw new Error("run `npm run build` first (npm run bench does)");
  const dataDir = path.join(REPO_ROOT, ".data", "bench-pg");
  rmSync(dataDir, { recursive: true, force: true });
  const split = cpuSplitWanted();
  // the driver first: the sandbox it spawns later inherits its CPU (cpu-split.ts)
  if (split) pinTree(process.pid, WORLD_CPU);
  const pgServer = await startEmbeddedPostgres({ dataDir, port: Number(process.env.BENCH_PG_PORT ?? 54359), database: "paycenter" });
  if (split) {
    const postmaster = postmasterPid(dataDir);
    if (postmaster === undefined) throw new Error(`BENCH_CPUS=split: no postmaster.pid in ${dataDir}`);
    pinTree(postmaster, PAYCENTER_CPU);
  }
  const base = `http://127.0.0.1:${PORT}`;
  Object.assign(process.env, {
    DATABASE_URL: pgServer.url,
    PAYCENTER_ENCRYPTION_KEY: randomBytes(32).toString("hex"),
    NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
    PUBLIC_BASE_URL: base,
    NEXTAUTH_URL: base,
    DEMO_APP_ID: APP.id,
    DEMO_APP_SECRET: APP.secret,
    LOG_LEVEL: "warn",
  });
  let server: ReturnType<typeof spawn> | undefined;
  let sandbox: SandboxProcess | undefined;
  const results: Record<string, Figures & { target: string }> = {};
  try {
    await prepareDatabase(pgServer.url);
    const { seedIfEmpty } = await import("../../prisma/seed.ts");
    await seedIfEmpty();
    const { db } = await import("../../server/db.ts");
    const app = await db.app.findUniqueOrThrow({ where: { id: APP.id } });
    // unlimited (no bucket statement) but in the "limits on" scenarios, which measure the limit's cost
    await db.app.update({ where: { id: APP.id }, data: { repeatGuardSeconds: 0, rateLimitPerSecond: null } });

    // the sandbox channels in a process of their own, the app's channel accounts calling it over loopback
    // (a TEST app may reach it once the operator lists the network: TEST_MODE_PRIVATE_NETWORKS)
    const serverEnv: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", PORT: String(PORT) };
    if (process.env.BENCH_SANDBOX !== "inprocess") {
      sandbox = await startSandboxProcess();
      watched.sandbox = sandbox.pid;
      const { channelPlugin } = await import("../../server/channels/registry.ts");
      for (const account of await db.channelAccount.findMany({ where: { appId: APP.id } })) {
        await db.channelAccount.update({ where: { id: account.id }, data: { baseUrl: `${sandbox.url}${channelPlugin(account.channel).sandboxPath}` } });
      }
      serverEnv.TEST_MODE_PRIVATE_NETWORKS = "127.0.0.1/32";
      console.log(`… sandbox channels at ${sandbox.url} (pid ${sandbox.pid}; BENCH_SANDBOX=inprocess to keep them in the server)`);
    }

    // BENCH_PROFILE=dir writes a CPU profile of the server there (scripts/bench/profile-summary.ts sums it up)
    const profile = process.env.BENCH_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
    server = spawn(process.execPath, [...profile, SERVER_BUNDLE], {
      cwd: REPO_ROOT,
      env: serverEnv,
      stdio: ["ignore", "ignore", "inherit"],
    });
    watched.server = server.pid;
    if (split && server.pid) {
      pinTree(server.pid, PAYCENTER_CPU);
      console.log(`… BENCH_CPUS=split: server and PostgreSQL on CPU ${PAYCENTER_CPU}, this driver and the sandbox on CPU ${WORLD_CPU}`);
    }
    await waitReady(base);

    const create = async (extra: Record<string, unknown>) => {
      const body = JSON.stringify({ mchOrderNo: `SETUP${Date.now()}${Math.random().toString(36).slice(2)}`, amount: 12800, subject: "bench", ...extra });
      const response = await fetch(`${base}/api/v1/pay-orders`, { method: "POST", body, headers: signedHeaders(APP, "POST", "/api/v1/pay-orders", body) });
      return (await response.json()) as { payOrderNo: string; attempts: { attemptNo: string }[] };
    };
    const queried = await create({});

    // a paid WeChat Pay order and its genuine signed callback, replayed: measures verification + the idempotent path
    const paid = await create({ channel: "wechatpay", mode: "native" });
    const { settleTrade } = await import("../../server/sandbox/trades.ts");
    const { openSandboxKeys } = await import("../../server/sandbox/keys.ts");
    const { sandboxChannel } = await import("../../server/sandbox/registry.ts");
    const account = await db.channelAccount.findFirstOrThrow({ where: { appId: APP.id, channel: "wechatpay" } });
    const merchant = await db.sandboxMerchant.findUniqueOrThrow({ where: { channelAccountId: account.id } });
    const trade = await db.sandboxTrade.findFirstOrThrow({ where: { sandboxMerchantId: merchant.id, outTradeNo: paid.attempts[0].attemptNo } });
    await settleTrade(trade.id, "success");
    const callback = sandboxChannel("wechatpay").paymentNotification({ merchant, keys: openSandboxKeys(merchant), trade: { ...trade, state: "SUCCEEDED", paidAt: new Date() } });
    const callbackPath = new URL(callback.url).pathname;
    const tradeOrders = await prepareTradeOrders(db, app, Math.max(20_000, SECONDS * 1500));

    const scenarios: Scenario[] = [
      { name: "floor: GET /api/health (Next.js, no database)", target: "—", url: base, requests: [{ method: "GET", path: "/api/health" }] },
      { name: "floor: OPTIONS /api/v1/pay-orders (API router, no handler)", target: "—", url: base, requests: [{ method: "OPTIONS", path: "/api/v1/pay-orders" }] },
      { name: "create order (cashier mode)", target: "≥ 1,000 req/s, p99 ≤ 20 ms", url: base, requests: [createOrderRequest(APP)] },
      { name: "create order-center order (POST /api/v1/orders: order + lines + timeline + a pay order)", target: "—", url: base, requests: [createCenterOrderRequest(APP)] },
      { name: "combined trade (coupon + wallet frozen, the rest to a cashier pay order)", target: "—", url: base, requests: [createTradeRequest(APP, tradeOrders)] },
      { name: "create order (WeChat native via sandbox)", target: "—", url: base, requests: [createOrderRequest(APP, { channel: "wechatpay", mode: "native" })] },
      { name: "query order by payOrderNo", target: "≥ 2,000 req/s, p99 ≤ 10 ms", url: base, requests: [queryOrderRequest(APP, queried.payOrderNo)] },
      { name: "payment callback (verified, idempotent)", target: "—", url: base, requests: [{ method: "POST", path: callbackPath, headers: callback.headers, body: callback.body }] },
      // risk control (issue #18): the same create paths with no rule, then with 7 active rules (risk-setup.ts), back to back
      { name: "risk off: create order-center order", target: "—", url: base, requests: [createCenterOrderRequest(APP)], before: () => setRiskRules(db, app.merchantId, false) },
      { name: "risk on: create order-center order (7 rules)", target: "≥ 90% of risk off", url: base, requests: [createCenterOrderRequest(APP)], before: () => setRiskRules(db, app.merchantId, true) },
      { name: "risk off: create order (cashier mode)", target: "—", url: base, requests: [createOrderRequest(APP)], before: () => setRiskRules(db, app.merchantId, false) },
      { name: "risk on: create order (cashier mode, 7 rules)", target: "≥ 90% of risk off", url: base, requests: [createOrderRequest(APP)], before: () => setRiskRules(db, app.merchantId, true) },
      // rate limits (issue #20): each path with the app unlimited and with a limit never reached, in turns, the order
      // swapped every round (off on, on off, off on, on off) so that neither side always runs first
      ...RATE_LIMIT_ROUNDS.flatMap((round) =>
        RATE_LIMIT_PATHS.flatMap((name) =>
          (round % 2 === 1 ? ([false, true] as const) : ([true, false] as const)).map((on) => ({
            name: `limits ${on ? "on" : "off"}: ${name} #${round}`,
            target: on ? "≥ 90% of limits off" : "—",
            url: base,
            requests: [name.startsWith("query") ? queryOrderRequest(APP, queried.payOrderNo) : createOrderRequest(APP)],
            before: async () => {
              await setRiskRules(db, app.merchantId, false);
              await setRateLimit(db, APP.id, on);
            },
          })),
        ),
      ),
    ];
    // e.g. BENCH_ONLY=query, or BENCH_ONLY="cashier,combined": the scenarios whose name contains one of them; a part
    // starting with ^ matches the start of a name (BENCH_ONLY="^create order (cashier,^create order (WeChat": not the risk pair)
    const only = process.env.BENCH_ONLY;
    const selected = (name: string) => !only || only.split(",").some((part) => (part.startsWith("^") ? name.startsWith(part.slice(1)) : name.includes(part)));
    for (const scenario of scenarios.filter((s) => selected(s.name))) {
      console.log(`… ${scenario.name}`);
      await scenario.before?.();
      results[scenario.name] = { target: scenario.target, ...(await measure(scenario.url, scenario.requests)) };
    }

    const baseline = await startBaselineServer(pgServer.url, APP.id, app.merchantId);
    try {
      if (only) throw new Skip();
      console.log("… baseline (node:http + pg)");
      results["baseline: nonce + order insert"] = { target: "—", ...(await measure(baseline.url, [{ method: "POST", path: "/orders", body: "{}" }])) };
      results["baseline: nonce + primary-key select"] = { target: "—", ...(await measure(baseline.url, [{ method: "GET", path: `/orders/${queried.payOrderNo}` }])) };
    } catch (error) {
      if (!(error instanceof Skip)) throw error;
    } finally {
      await baseline.close();
    }
    await db.$disconnect();
  } finally {
    server?.kill("SIGINT");
    await new Promise((resolve) => (server && server.exitCode === null ? server.once("exit", resolve) : resolve(null)));
    await sandbox?.stop();
    await pgServer.stop();
  }

  const ratio = (name: string, baselineName: string, of = "of baseline") =>
    results[baselineName] ? `${Math.round((results[name].reqPerSec / results[baselineName].reqPerSec) * 100)}% ${of}` : "";
  const rows = Object.entries(results).map(([name, r]) => ({
    scenario: name,
    "req/s @50": r.reqPerSec,
    "p50 ms @10": r.p50,
    "p95 ms @10": r.p95,
    "p99 ms @10": r.p99,
    "server CPU ms/req": r.serverCpuMs,
    ...(r.sandboxCpuMs ? { "sandbox CPU ms/req": r.sandboxCpuMs } : {}),
    "non-2xx": r.non2xx,
    errors: r.errors,
    target: r.target,
    vs: name.startsWith("limits on: ")
      ? ratio(name, name.replace("limits on: ", "limits off: "), "of limits off")
      : name.startsWith("risk on: create order-center")
      ? ratio(name, "risk off: create order-center order", "of risk off")
      : name.startsWith("risk on: create order (cashier")
        ? ratio(name, "risk off: create order (cashier mode)", "of risk off")
        : name.startsWith("create order (cashier")
      ? ratio(name, "baseline: nonce + order insert")
      : name.startsWith("create order-center order") || name.startsWith("combined trade")
        ? ratio(name, "create order (cashier mode)", "of pay-order create")
        : name.startsWith("query")
        ? ratio(name, "baseline: nonce + primary-key select")
        : "",
  }));
  console.table(rows);
  // the channel path's cost (issue #19): a channel-backed create as a share of a cashier-mode create, same run
  const channelRatio = channelShare(results);
  if (channelRatio) console.log(channelRatio.line);
  const limitCost = rateLimitCost(results);
  for (const line of limitCost) console.log(line);
  mkdirSync(path.join(REPO_ROOT, "bench-results"), { recursive: true });
  for (const [name, r] of Object.entries(results)) if (r.statuses) console.log(`${name}: statuses ${JSON.stringify(r.statuses)}`);
  writeFileSync(
    path.join(REPO_ROOT, "bench-results", "latest.json"),
    `${JSON.stringify({ at: new Date().toISOString(), seconds: SECONDS, sandbox: process.env.BENCH_SANDBOX === "inprocess" ? "inprocess" : "external", cpus: process.env.BENCH_CPUS ?? "shared", rows, channelRatio, limitCost }, null, 2)}\n`,
  );
}

const CASHIER_CREATE = "create order (cashier mode)";
const CHANNEL_CREATE = "create order (WeChat native via sandbox)";

/** The channel-backed create's throughput as a share of the cashier-mode create's, and of its CPU per request. */
function channelShare(results: Record<string, Figures>): { ratio: number; cpuRatio?: number; line: string } | null {
  const cashier = results[CASHIER_CREATE];
  const channel = results[CHANNEL_CREATE];
  if (!cashier || !channel || !cashier.reqPerSec) return null;
  const ratio = Math.round((channel.reqPerSec / cashier.reqPerSec) * 100);
  const cpuRatio = cashier.serverCpuMs && channel.serverCpuMs ? Math.round((cashier.serverCpuMs / channel.serverCpuMs) * 100) : undefined;
  const where =
    (process.env.BENCH_SANDBOX === "inprocess" ? "sandbox in the server's process" : "sandbox in its own process") +
    (cpuSplitWanted() ? `, server + PostgreSQL on CPU ${PAYCENTER_CPU}, driver + sandbox on CPU ${WORLD_CPU}` : "");
  return {
    ratio,
    cpuRatio,
    line:
      `channel-backed create (WeChat native) = ${ratio}% of cashier-mode create (${channel.reqPerSec} vs ${cashier.reqPerSec} req/s; target ≥ 40%; ${where})` +
      (cpuRatio ? `; server CPU ${channel.serverCpuMs} vs ${cashier.serverCpuMs} ms/req (${cpuRatio}%)` : ""),
  };
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
