// The production server (`npm start`: dist/server.mjs + Next.js) on an embedded PostgreSQL of its own
// (.data/fuzz-pg, wiped and re-seeded every run), for the fuzzer. Needs `npm run build` first.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { ACME_APP, DEMO_APP } from "../../server/testing/open-api-client.ts";
import { REPO_ROOT } from "../lib/migrations-dir.ts";

export type ProductionServer = { url: string; logFile: string; pid(): number | null; stop(): Promise<void> };

export async function startProductionServer(port: string, pgPort: string): Promise<ProductionServer> {
  if (!existsSync(path.join(REPO_ROOT, ".next", "BUILD_ID"))) throw new Error("no production build: run `npm run build` first (npm run test:fuzz does)");
  const dataDir = path.join(REPO_ROOT, ".data", "fuzz-pg");
  rmSync(dataDir, { recursive: true, force: true });
  const url = `http://127.0.0.1:${port}`;
  const logFile = path.join(REPO_ROOT, ".data", "fuzz-server.log");
  const log = createWriteStream(logFile);
  // its own process group, so stop() ends the runner, the server and PostgreSQL together, and nothing else
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: port,
    PAYCENTER_DATA_DIR: dataDir,
    PAYCENTER_PG_PORT: pgPort,
    PAYCENTER_ENCRYPTION_KEY: randomBytes(32).toString("hex"),
    NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
    NEXTAUTH_URL: url,
    PUBLIC_BASE_URL: url,
    LOG_LEVEL: "warn",
    SEED_DEMO_DATA: "true",
    DEMO_APP_ID: DEMO_APP.id,
    DEMO_APP_SECRET: DEMO_APP.secret,
    DEMO_APP2_ID: ACME_APP.id,
    DEMO_APP2_SECRET: ACME_APP.secret,
  };
  delete env.DATABASE_URL; // always the embedded database of this run
  const child: ChildProcess = spawn(process.execPath, [path.join(REPO_ROOT, "node_modules", "tsx", "dist", "cli.mjs"), "scripts/run.ts", "start"], {
    cwd: REPO_ROOT,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env,
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const stop = async () => {
    if (child.exitCode !== null || child.pid === undefined) return;
    process.kill(-child.pid, "SIGTERM");
    for (let i = 0; i < 300 && child.exitCode === null && child.signalCode === null; i++) await sleep(100);
  };
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}); see ${logFile}`);
    const ready = await fetch(`${url}/api/ready`).then((r) => r.ok, () => false);
    if (ready) break;
    if (i > 240) {
      await stop();
      throw new Error(`the server did not become ready in 120 s; see ${logFile}`);
    }
    await sleep(500);
  }
  return { url, logFile, pid: () => serverPid(port), stop };
}

/** The pid of `node dist/server.mjs` listening on this port (to count its open files), if it can be found. */
function serverPid(port: string): number | null {
  for (const entry of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, "utf8");
      if (!cmdline.includes("dist/server.mjs")) continue;
      if (readFileSync(`/proc/${entry}/environ`, "utf8").split("\0").includes(`PORT=${port}`)) return Number(entry);
    } catch {
      // a process that ended meanwhile, or one we may not read
    }
  }
  return null;
}

export function openFiles(pid: number | null): number | null {
  try {
    return pid === null ? null : readdirSync(`/proc/${pid}/fd`).length;
  } catch {
    return null;
  }
}
