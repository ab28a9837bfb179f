// `npm run cluster`: PayCenter as a small production would run it, on this machine. A PostgreSQL
// primary (:54621) and its streaming replica (:54622), CLUSTER_WEB web nodes (default 2, :3621…,
// the production bundle with WORKER_MODE=separate), CLUSTER_WORKERS job workers (default 1), nginx on
// :3620 in front, health-checked through /api/ready. Data, logs and nginx's files in .data/cluster/.
// CLUSTER_SYNC=off for asynchronous replication; CLUSTER_FRESH=1 to start from empty databases.
// Ctrl-C stops everything (a second Ctrl-C kills it at once). docs/deploy/README.md.
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { ensureDevSecrets } from "../lib/dev-secrets.ts";
import { REPO_ROOT } from "../lib/migrations-dir.ts";
import { Cluster, ensureProductionBuild } from "./cluster.ts";
import { tearDown } from "./teardown.ts";
import { CLUSTER_DIR, LB_PORT, PRIMARY_PORT, REPLICA_PORT, webCount, workerCount } from "./settings.ts";

async function main(): Promise<void> {
  await ensureProductionBuild();
  ensureDevSecrets(path.join(CLUSTER_DIR, "secrets.json"));
  let banner = "";
  const cluster = new Cluster({
    dir: CLUSTER_DIR,
    web: webCount(),
    workers: workerCount(),
    synchronous: process.env.CLUSTER_SYNC !== "off",
    fresh: process.env.CLUSTER_FRESH === "1",
    secrets: { encryptionKey: process.env.PAYCENTER_ENCRYPTION_KEY!, nextAuthSecret: process.env.NEXTAUTH_SECRET! },
    prepare: async (url) => {
      process.env.DATABASE_URL = url;
      const { seedIfEmpty, demoBanner } = await import("../../prisma/seed.ts");
      const all = { orders: true, reconciliation: true, settlement: true, risk: true, alerts: true, history: process.env.SEED_DEMO_HISTORY !== "false" };
      if (await seedIfEmpty(all)) console.log("… seeded the demo data");
      banner = await demoBanner();
      const { getDb } = await import("../../server/db.ts");
      await getDb().$disconnect();
    },
  });

  // Ctrl-C (a second one kills at once), SIGTERM, SIGHUP or a crash stop every child: Cluster.start registers it (teardown.ts)
  console.log(`… starting the cluster in ${path.relative(REPO_ROOT, CLUSTER_DIR)}/`);
  try {
    await cluster.start();
  } catch (error) {
    console.error("[cluster]", error instanceof Error ? error.message : error);
    await tearDown("the cluster did not start", 1);
  }
  const replication = await cluster.pair.replicationState();
  console.log(`
${banner}

▶ PayCenter cluster on http://127.0.0.1:${LB_PORT}  (nginx, health-checked through /api/ready)
  web nodes     ${cluster.webPorts.map((p, i) => `web-${i + 1} http://127.0.0.1:${p} (pid ${cluster.webs[i]!.pid})`).join("\n                ")}
  job workers   ${cluster.workers.map((w) => `${w.name} (pid ${w.pid})`).join(", ")}
  PostgreSQL    primary 127.0.0.1:${PRIMARY_PORT}, replica 127.0.0.1:${REPLICA_PORT} (${replication?.state ?? "?"}, ${replication?.syncState ?? "?"})
  DATABASE_URL          ${cluster.pair.followUrl}
  DATABASE_REPLICA_URL  ${cluster.pair.replicaUrl}
  logs          ${path.relative(REPO_ROOT, cluster.logDir)}/   nginx: ${path.relative(REPO_ROOT, path.join(CLUSTER_DIR, "nginx"))}/
  Ctrl-C stops everything. The failover drill: npm run drill:failover (docs/deploy/README.md)
`);
  for (;;) await sleep(60_000);
}

main().catch((error: unknown) => {
  console.error("[cluster]", error instanceof Error ? error.message : error);
  process.exit(1);
});
