// The whole one-machine cluster, started and stopped in order: PostgreSQL primary → migrations and
// demo seed → streaming replica → web nodes and workers → nginx with its active health checker.
// `npm run cluster` (run.ts), the failover drill and the load-balancer bench all start it this way.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { prepareDatabase } from "../lib/database.ts";
import { REPO_ROOT } from "../lib/migrations-dir.ts";
import { buildServer, serverBundleIsCurrent } from "../server/build.ts";
import { openPool } from "../chaos/invariants.ts";
import type { Supervised } from "../chaos/processes.ts";
import { HealthChecker } from "./health-checker.ts";
import { LoadBalancer } from "./load-balancer.ts";
import { nodeEnv, webNode, workerNode } from "./nodes.ts";
import { assertPortsFree } from "./free-ports.ts";
import { PostgresPair } from "./postgres-pair.ts";
import { stopOnExit } from "./teardown.ts";
import { FIRST_WEB_PORT, LB_PORT, PRIMARY_PORT, REPLICA_PORT } from "./settings.ts";

export type ClusterOptions = {
  dir: string;
  web: number;
  workers: number;
  synchronous: boolean;
  /** Start from empty data directories. */
  fresh: boolean;
  secrets: { encryptionKey: string; nextAuthSecret: string };
  /** Runs once the primary is migrated, before any node starts: seeding, pointing apps at a receiver… */
  prepare: (writerUrl: string) => Promise<void>;
  /** Extra environment for every node. */
  env?: Record<string, string>;
};

/**
 * `npm run build` when there is no production build yet (a fresh clone), the server bundle again when it
 * is stale. After changing the code, run `npm run build` yourself: a stale Next.js build is not detected.
 */
export async function ensureProductionBuild(): Promise<void> {
  if (!existsSync(path.join(REPO_ROOT, ".next", "BUILD_ID"))) {
    console.log("… no production build yet: npm run build (3–5 minutes on 2 cores)");
    execFileSync("npm", ["run", "build"], { cwd: REPO_ROOT, stdio: "inherit" });
  }
  if (!serverBundleIsCurrent()) {
    console.log("… bundling the server for this build (dist/server.mjs)");
    await buildServer();
  }
}

export class Cluster {
  readonly pair: PostgresPair;
  readonly lb: LoadBalancer;
  readonly webs: Supervised[] = [];
  readonly workers: Supervised[] = [];
  readonly webPorts: number[];
  checker: HealthChecker | undefined;
  private pool: ReturnType<typeof openPool> | undefined;
  private pooledFor = "";
  private untrack: () => void = () => undefined;
  readonly logDir: string;

  constructor(private readonly options: ClusterOptions) {
    this.pair = new PostgresPair({ dir: options.dir, primaryPort: PRIMARY_PORT, replicaPort: REPLICA_PORT, synchronous: options.synchronous, fresh: options.fresh });
    this.lb = new LoadBalancer(path.join(options.dir, "nginx"), LB_PORT);
    this.webPorts = Array.from({ length: options.web }, (_, i) => FIRST_WEB_PORT + i);
    this.logDir = path.join(options.dir, "logs");
  }

  /** A small pool on whichever server accepts writes now (re-opened after a promotion). */
  writer(): ReturnType<typeof openPool> {
    if (!this.pool || this.pooledFor !== this.pair.writerUrl) {
      void this.pool?.end().catch(() => undefined);
      this.pool = openPool(this.pair.writerUrl);
      this.pooledFor = this.pair.writerUrl;
    }
    return this.pool;
  }

  /**
   * Refuses ports already in use; from here until stop() a signal or a crash stops every child (teardown.ts).
   * A cluster whose start() failed half-way is stopped by its caller's stop() (or by the teardown).
   */
  async start(): Promise<void> {
    await assertPortsFree({
      "PostgreSQL primary": PRIMARY_PORT,
      "PostgreSQL replica": REPLICA_PORT,
      nginx: LB_PORT,
      ...Object.fromEntries(this.webPorts.map((port, i) => [`web-${i + 1}`, port])),
    });
    this.untrack = stopOnExit(this);
    mkdirSync(this.logDir, { recursive: true });
    await this.pair.start();
    await prepareDatabase(this.pair.writerUrl);
    await this.options.prepare(this.pair.writerUrl);
    await this.pair.startReplica();

    const env = nodeEnv({ databaseUrl: this.pair.followUrl, replicaUrl: this.pair.replicaUrl, publicUrl: this.lb.url, secrets: this.options.secrets, extra: this.options.env });
    this.webs.push(...this.webPorts.map((port, i) => webNode(i, port, env, this.logDir)));
    for (let i = 0; i < this.options.workers; i++) this.workers.push(workerNode(i, env, this.logDir, () => this.writer()));
    await Promise.all([...this.webs, ...this.workers].map((node) => node.start()));

    await this.lb.start(this.webPorts.map((port) => ({ port, healthy: true })));
    this.checker = new HealthChecker(this.webPorts, (nodes) => {
      console.log(`  ⇄ load balancer: ready web nodes ${nodes.filter((n) => n.healthy).map((n) => n.port).join(", ") || "none"}`);
      this.lb.setUpstream(nodes);
    });
    this.checker.start();
  }

  /** kill -9 of every child's process group, issued at once. */
  kill(): void {
    this.checker?.stop();
    this.lb.kill();
    for (const node of [...this.webs, ...this.workers]) void node.kill9().catch(() => undefined);
    this.pair.kill();
  }

  async stop(): Promise<void> {
    this.checker?.stop();
    await this.lb.stop().catch(() => undefined);
    await Promise.all([...this.webs, ...this.workers].map((node) => node.stop().catch(() => undefined)));
    await this.pool?.end().catch(() => undefined);
    await this.pair.stop();
    this.untrack();
  }
}
