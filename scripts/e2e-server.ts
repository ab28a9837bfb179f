// The server the Playwright suite runs against (playwright.config.ts → webServer): `npm start`'s
// production server on an embedded PostgreSQL of its own (.data/e2e-pg, port 24349), wiped and re-seeded every run, so the
// suite starts from the same demo data each time and never touches the dev database.
// With DATABASE_URL set, that database is used as it is.
//
//   npx tsx scripts/e2e-server.ts      (needs a production build: `npm run build`)
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { DEMO_APP } from "../server/testing/open-api-client.ts";
import { REPO_ROOT } from "./lib/migrations-dir.ts";
import { processAlive } from "./lib/process-alive.ts";

const dataDir = path.join(REPO_ROOT, ".data", "e2e-pg");
const port = process.env.PORT ?? "3100";


/** A server left running by an earlier, killed run would hold the data directory: stop it first. */
async function stopLeftoverServer(): Promise<void> {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number.parseInt(readFileSync(pidFile, "utf8").split("\n")[0] ?? "", 10);
  if (!Number.isInteger(pid) || pid <= 0 || !processAlive(pid)) return;
  process.kill(pid, "SIGINT");
  for (let i = 0; i < 100 && processAlive(pid); i++) await sleep(100);
}

if (!process.env.DATABASE_URL) {
  await stopLeftoverServer();
  rmSync(dataDir, { recursive: true, force: true });
}

const env = {
  ...process.env,
  PORT: port,
  PAYCENTER_DATA_DIR: dataDir,
  PAYCENTER_PG_PORT: process.env.PAYCENTER_PG_PORT ?? "24349",
  // the specs make the orders they need; the demo orders are for people trying the product
  SEED_DEMO_ORDERS: "false",
  // 90 days of demo payments (prisma/seed-history.ts): off, specs count the rows they make; SEED_DEMO_HISTORY=true to look at the reports
  SEED_DEMO_HISTORY: process.env.SEED_DEMO_HISTORY ?? "false",
  PAYCENTER_ENCRYPTION_KEY: process.env.PAYCENTER_ENCRYPTION_KEY ?? randomBytes(32).toString("hex"),
  NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? randomBytes(32).toString("base64url"),
  NEXTAUTH_URL: `http://127.0.0.1:${port}`,
  PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
  LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
  // the sandbox refuses a profit-sharing split this long after the payment (60 s like WeChat Pay by default)
  SANDBOX_SPLIT_MIN_DELAY_SECONDS: process.env.SANDBOX_SPLIT_MIN_DELAY_SECONDS ?? "1",
  // the automatic split waits this long after a payment (65 s by default); its retries and queries run faster
  PROFIT_SHARING_DELAY_SECONDS: process.env.PROFIT_SHARING_DELAY_SECONDS ?? "2",
  PROFIT_SHARING_RETRY_TIME_SCALE: process.env.PROFIT_SHARING_RETRY_TIME_SCALE ?? "0.1",
  SEED_DEMO_DATA: "true",
  // no SMTP here: account e-mails (password reset links) land in this file, the dev mailbox e2e/password-reset.spec.ts reads
  MAIL_OUTBOX_FILE: process.env.MAIL_OUTBOX_FILE ?? path.join(REPO_ROOT, ".data", "e2e-mail", "outbox.jsonl"),
  // the specs' webhook receivers listen on loopback: TEST apps may reach it here (off by default)
  TEST_MODE_PRIVATE_NETWORKS: process.env.TEST_MODE_PRIVATE_NETWORKS ?? "127.0.0.0/8,::1/128",
  // fixed demo app credentials, so specs can sign Open API requests (e2e/fixtures/open-api.ts)
  DEMO_APP_ID: DEMO_APP.id,
  DEMO_APP_SECRET: DEMO_APP.secret,
  // alerts are evaluated every few seconds, so an incident shows within a spec (every minute by default)
  ALERT_EVAL_SECONDS: process.env.ALERT_EVAL_SECONDS ?? "3",
  // the barcode loop (付款码) queries every second and reverses an unconfirmed payment after 9 s (5 s / 45 s by default)
  BARCODE_TIME_SCALE: process.env.BARCODE_TIME_SCALE ?? "0.2",
};

// Same process group as this script, so Playwright's SIGTERM reaches run.ts, which stops the server
// and then PostgreSQL; this script only waits for it.
const child = spawn(process.execPath, [path.join(REPO_ROOT, "node_modules", "tsx", "dist", "cli.mjs"), "scripts/run.ts", "start"], {
  cwd: REPO_ROOT,
  env,
  stdio: "inherit",
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
