// The cluster's PayCenter processes: N web nodes (the production bundle dist/server.mjs,
// WORKER_MODE=separate, one port each) and M job workers (scripts/worker.ts), all on the same
// database URLs, each supervised (scripts/chaos/processes.ts: its own process group, restarted when it
// exits unasked, as a service manager would).
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type pg from "pg";
import { REPO_ROOT } from "../lib/migrations-dir.ts";
import { SERVER_BUNDLE } from "../server/build.ts";
import { Supervised } from "../chaos/processes.ts";

export async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | null | undefined | false>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => null);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
    await sleep(200);
  }
}

export type NodeEnv = {
  /** Follows the primary (several hosts, target_session_attrs=read-write). */
  databaseUrl: string;
  /** Stale-tolerant reads (reports, ledger, lists). */
  replicaUrl: string;
  /** What users and callbacks reach: the load balancer. */
  publicUrl: string;
  secrets: { encryptionKey: string; nextAuthSecret: string };
  extra?: Record<string, string>;
};

export function nodeEnv(options: NodeEnv): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: options.databaseUrl,
    DATABASE_REPLICA_URL: options.replicaUrl,
    PUBLIC_BASE_URL: options.publicUrl,
    NEXTAUTH_URL: options.publicUrl,
    PAYCENTER_ENCRYPTION_KEY: options.secrets.encryptionKey,
    NEXTAUTH_SECRET: options.secrets.nextAuthSecret,
    NEXT_TELEMETRY_DISABLED: "1",
    WORKER_MODE: "separate",
    LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
    ...options.extra,
  };
}

export function webNode(index: number, port: number, env: NodeJS.ProcessEnv, logDir: string): Supervised {
  return new Supervised(
    `web-${index + 1}`,
    { command: process.execPath, args: [SERVER_BUNDLE], env: { ...env, PORT: String(port) }, cwd: REPO_ROOT, logFile: path.join(logDir, `web-${index + 1}.log`) },
    async () => {
      await until(`web-${index + 1} ready`, 120_000, async () => (await fetch(`http://127.0.0.1:${port}/api/ready`)).ok);
    },
  );
}

/** `node --import tsx`: the worker in this very process, so a kill -9 reaches it (tsx's CLI would run it in a child). */
export function workerNode(index: number, env: NodeJS.ProcessEnv, logDir: string, primary: () => pg.Pool): Supervised {
  return new Supervised(
    `worker-${index + 1}`,
    { command: process.execPath, args: ["--import", "tsx", "scripts/worker.ts"], env, cwd: REPO_ROOT, logFile: path.join(logDir, `worker-${index + 1}.log`) },
    async (pid) => {
      await until(`worker-${index + 1} beating`, 120_000, async () => (await primary().query(`SELECT 1 FROM "WorkerHeartbeat" WHERE pid = $1`, [pid])).rowCount);
    },
  );
}
