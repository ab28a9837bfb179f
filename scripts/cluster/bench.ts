// `npm run bench:cluster`: the same scenarios through the load balancer (nginx :3620) with 1 web node
// and then 2 web nodes of one cluster in the same run (the second node taken out of nginx's upstream
// for the first measurement), autocannon as scripts/bench/run.ts drives it: req/s at 50 connections,
// p50/p95/p99 at 10, and the CPU per request of each web node, of nginx and of PostgreSQL (primary with
// its backends). On 2 shared cores the ratio is bounded by the machine, not by PayCenter: the CPU per
// request is the figure that scales (docs/deploy/scale.md). BENCH_SECONDS (10).
// Results: docs/deploy/bench/cluster-bench.json.
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import autocannon from "autocannon";
import { ACME_APP, DEMO_APP } from "../../server/testing/open-api-client.ts";
import { REPO_ROOT } from "../lib/migrations-dir.ts";
import { createOrderRequest, queryOrderRequest, signedHeaders } from "../bench/signed-requests.ts";
import { percentile } from "../bench/timing.ts";
import { Cluster, ensureProductionBuild } from "./cluster.ts";
import { cpuSecondsWithChildren, postmasterPid } from "./process-cpu.ts";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const DIR = path.join(REPO_ROOT, ".data", "cluster-bench");

type Figures = { nodes: number; reqPerSec: number; p50: number; p95: number; p99: number; non2xx: number; errors: number; cpuMsPerRequest: Record<string, number> };

async function run(url: string, requests: object[], connections: number, samples?: number[]): Promise<autocannon.Result> {
  const instance = autocannon({ url, connections, duration: SECONDS, requests: requests as autocannon.Request[] }) as unknown as Promise<autocannon.Result> &
    Pick<autocannon.Instance, "on">;
  if (samples) instance.on("response", (_c: unknown, _s: number, _b: number, ms: number) => samples.push(ms));
  return instance;
}

async function main(): Promise<void> {
  await ensureProductionBuild();
  const secrets = { encryptionKey: randomBytes(32).toString("hex"), nextAuthSecret: randomBytes(32).toString("base64url") };
  const env = { DEMO_APP_ID: DEMO_APP.id, DEMO_APP_SECRET: DEMO_APP.secret, DEMO_APP2_ID: ACME_APP.id, DEMO_APP2_SECRET: ACME_APP.secret };
  Object.assign(process.env, env, { PAYCENTER_ENCRYPTION_KEY: secrets.encryptionKey, NEXTAUTH_SECRET: secrets.nextAuthSecret });
  const synchronous = process.env.CLUSTER_SYNC !== "off";
  const cluster = new Cluster({
    dir: DIR,
    web: 2,
    workers: 1,
    synchronous,
    fresh: true,
    secrets,
    env,
    prepare: async (url) => {
      process.env.DATABASE_URL = url;
      const { seedIfEmpty } = await import("../../prisma/seed.ts");
      await seedIfEmpty();
      const { getDb } = await import("../../server/db.ts");
      await getDb().app.update({ where: { id: DEMO_APP.id }, data: { repeatGuardSeconds: 0, rateLimitPerSecond: null } });
      await getDb().$disconnect();
    },
  });
  const results: Record<string, Figures[]> = {};
  try {
    await cluster.start();
    cluster.checker?.stop(); // the bench sets the upstream itself
    const base = cluster.lb.url;
    const body = JSON.stringify({ mchOrderNo: `SETUP${Date.now()}`, amount: 12800, subject: "bench" });
    const created = (await (await fetch(`${base}/api/v1/pay-orders`, { method: "POST", body, headers: signedHeaders(DEMO_APP, "POST", "/api/v1/pay-orders", body) })).json()) as { payOrderNo: string };
    const scenarios = [
      { name: "query order by payOrderNo", requests: [queryOrderRequest(DEMO_APP, created.payOrderNo)] },
      { name: "create order (cashier mode)", requests: [createOrderRequest(DEMO_APP)] },
    ];
    const pids = () => ({
      ...Object.fromEntries(cluster.webs.map((w) => [w.name, w.pid])),
      nginx: cluster.lb.pid,
      postgres: postmasterPid(path.join(DIR, "pg-primary")),
    });
    for (const scenario of scenarios) {
      results[scenario.name] = [];
      for (const nodes of [1, 2]) {
        cluster.lb.setUpstream(cluster.webPorts.map((port, i) => ({ port, healthy: i < nodes })));
        await sleep(1_000);
        await run(base, scenario.requests, 10); // warm-up (JIT, pools), not counted
        const before = Object.fromEntries(Object.entries(pids()).map(([k, pid]) => [k, cpuSecondsWithChildren(pid)]));
        const throughput = await run(base, scenario.requests, 50);
        const total = Math.max(1, throughput.requests.total);
        const cpuMsPerRequest = Object.fromEntries(
          Object.entries(pids()).map(([k, pid]) => [k, Math.round(((cpuSecondsWithChildren(pid) - before[k]!) * 1000 * 100) / total) / 100]),
        );
        const samples: number[] = [];
        const latency = await run(base, scenario.requests, 10, samples);
        samples.sort((a, b) => a - b);
        const at = (p: number) => Math.round(percentile(samples, p) * 10) / 10;
        const figures = {
          nodes,
          reqPerSec: Math.round(throughput.requests.average),
          p50: at(50),
          p95: at(95),
          p99: at(99),
          non2xx: throughput.non2xx + latency.non2xx,
          errors: throughput.errors + latency.errors,
          cpuMsPerRequest,
        };
        results[scenario.name]!.push(figures);
        console.log(`${scenario.name}, ${nodes} web node(s): ${JSON.stringify(figures)}`);
      }
      const [one, two] = results[scenario.name]!;
      console.log(`  → ratio 2 nodes / 1 node: ${(two!.reqPerSec / one!.reqPerSec).toFixed(2)}×`);
    }
  } finally {
    await cluster.stop();
  }
  const out = path.join(REPO_ROOT, "docs", "deploy", "bench");
  mkdirSync(out, { recursive: true });
  const ratios = Object.fromEntries(Object.entries(results).map(([name, [one, two]]) => [name, Math.round((two!.reqPerSec / one!.reqPerSec) * 100) / 100]));
  writeFileSync(
    path.join(out, "cluster-bench.json"),
    `${JSON.stringify({ measuredAt: new Date().toISOString(), seconds: SECONDS, synchronousReplication: synchronous, cores: (await import("node:os")).cpus().length, results, ratios }, null, 2)}\n`,
  );
  console.log(`ratios: ${JSON.stringify(ratios)}; written to docs/deploy/bench/cluster-bench.json`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error("[bench:cluster]", error instanceof Error ? error.stack : error);
    process.exit(1);
  },
);
