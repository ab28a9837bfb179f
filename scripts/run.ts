// `npm run dev` / `npm start`: database (embedded unless DATABASE_URL is set) → migrations → demo seed → the app:
// `next dev`, or the production server (dist/server.mjs, scripts/server/server.ts: the API served directly,
// the rest by Next.js), built first when missing. On SIGINT/SIGTERM or when the app exits: stop it, then
// the embedded PostgreSQL, then exit with the app's code.
//
//   npx tsx scripts/run.ts dev|start
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { constants } from "node:os";
import path from "node:path";
import dotenv from "dotenv";
import { DEV_DATA_DIR, REPO_ROOT, ensureDatabase, type Database } from "./lib/database.ts";
import { ensureDevSecrets } from "./lib/dev-secrets.ts";
import { buildServer, SERVER_BUNDLE, serverBundleIsCurrent } from "./server/build.ts";
import { parseDatabaseHosts } from "../server/db-hosts.ts";

type Mode = "dev" | "start";

const mode = process.argv[2];
if (mode !== "dev" && mode !== "start") {
  console.error("Usage: tsx scripts/run.ts dev|start");
  process.exit(64);
}

// The same files Next.js reads, so a DATABASE_URL there is seen here too (values already set win).
dotenv.config({ path: [".env.local", ".env"].map((file) => path.join(REPO_ROOT, file)), quiet: true });

const next = path.join(REPO_ROOT, "node_modules", ".bin", "next");
let child: ChildProcess | undefined;
let database: Database | undefined;
let shuttingDown = false;

let firstSignalAt = 0;

// The app runs in its own process group, so a Ctrl-C reaches only this process (npm may pass it on a second time):
// we forward one signal to the app, wait for it to exit, then stop PostgreSQL. Signals repeated within a second
// are the same Ctrl-C; a later one stops waiting for a graceful exit.
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => {
    const now = Date.now();
    if (shuttingDown && now - firstSignalAt < 1000) return;
    const force = shuttingDown;
    shuttingDown = true;
    firstSignalAt ||= now;
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill(force ? "SIGKILL" : signal); // its exit ends main(), which stops PostgreSQL
    } else if (force) {
      void finish(128 + constants.signals[signal]);
    } // else main() notices shuttingDown after its current step
  });
}

async function finish(code: number): Promise<never> {
  if (child && child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  try {
    await database?.stop();
  } catch (error) {
    console.error("[paycenter] stopping PostgreSQL failed:", error);
  }
  process.exit(code);
}

/** Runs a program (next build, next dev, the production server) with the database's URL; resolves with its exit code. */
function runApp(command: string, args: string[], url: string, env: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    child = spawn(command, args, {
      cwd: REPO_ROOT,
      stdio: "inherit",
      detached: true,
      env: { ...process.env, DATABASE_URL: url, NEXT_TELEMETRY_DISABLED: process.env.NEXT_TELEMETRY_DISABLED ?? "1", ...env },
    });
    child.once("error", (error) => {
      console.error(`[paycenter] could not run ${command}:`, error.message);
      resolve(1);
    });
    child.once("exit", (code, signal) => resolve(code ?? 128 + (signal ? constants.signals[signal] : 0)));
  });
}

async function main(runMode: Mode): Promise<number> {
  database = await ensureDatabase();
  if (shuttingDown) return 130;
  if (database.embedded) {
    const filled = ensureDevSecrets(path.join(path.dirname(DEV_DATA_DIR), "dev-secrets.json"));
    if (filled.length) console.log(`[paycenter] using development secrets from .data/dev-secrets.json: ${filled.join(", ")}`);
  }
  process.env.DATABASE_URL = database.url; // the seed uses the app's own db client, which reads it

  // Demo data goes into the embedded database, or an external one only when asked (never by surprise into production).
  const seedDemo = database.embedded || process.env.SEED_DEMO_DATA === "true";
  const { seedIfEmpty, demoBanner } = await import("../prisma/seed.ts");
  if (seedDemo && (await seedIfEmpty({ orders: process.env.SEED_DEMO_ORDERS !== "false", reconciliation: process.env.SEED_DEMO_RECONCILIATION !== "false", settlement: process.env.SEED_DEMO_SETTLEMENT !== "false", risk: process.env.SEED_DEMO_RISK !== "false", alerts: process.env.SEED_DEMO_ALERTS !== "false", history: process.env.SEED_DEMO_HISTORY !== "false" }))) console.log("[paycenter] seeded the demo data into the empty database");
  const banner = seedDemo ? await demoBanner() : "";
  const { getDb } = await import("../server/db.ts");
  await getDb().$disconnect();
  if (shuttingDown) return 130;

  if (runMode === "start" && !existsSync(path.join(REPO_ROOT, ".next", "BUILD_ID"))) {
    console.log("[paycenter] no production build yet: running next build");
    const built = await runApp(next, ["build"], database.url);
    if (built !== 0 || shuttingDown) return built;
  }
  if (runMode === "start" && !serverBundleIsCurrent()) {
    console.log(`[paycenter] bundling the server for this build (${path.relative(REPO_ROOT, SERVER_BUNDLE)})`);
    await buildServer();
  }

  const port = process.env.PORT ?? "3000";
  process.env.PORT = port;
  process.env.PUBLIC_BASE_URL ??= `http://localhost:${port}`;
  process.env.NEXTAUTH_URL ??= process.env.PUBLIC_BASE_URL;
  const where = database.embedded
    ? `embedded PostgreSQL on ${new URL(database.url).host} (data in ${path.relative(REPO_ROOT, DEV_DATA_DIR)})`
    : `external PostgreSQL at ${parseDatabaseHosts(database.url).hosts.map((h) => `${h.host}:${h.port}`).join(", ")} (DATABASE_URL)`;
  console.log(`${banner}\n\n▶ PayCenter (${runMode}) on http://localhost:${port} — database: ${where}\n`);
  return runMode === "dev"
    ? runApp(next, ["dev", "--port", port], database.url)
    : runApp(process.execPath, [SERVER_BUNDLE], database.url, { NODE_ENV: "production" });
}

main(mode).then(
  (code) => finish(code),
  (error: unknown) => {
    console.error("[paycenter]", error instanceof Error ? error.message : error);
    return finish(1);
  },
);
