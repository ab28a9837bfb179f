// The database for `npm run dev` / `npm start` / scripts: $DATABASE_URL if set, otherwise an embedded PostgreSQL
// under .data/pg (docs/adr/0003-embedded-postgres.md). Either way it leaves the database migrated and with
// graphile-worker's schema installed.
import path from "node:path";
import { Logger, runMigrations } from "graphile-worker";
import { resolveSingleHostUrl } from "../../server/pg-pool.ts";
import { applyMigrations } from "../migrate.ts";
import { startEmbeddedPostgres } from "./embedded-postgres.ts";
import { REPO_ROOT } from "./migrations-dir.ts";

export { REPO_ROOT };
/** Where the embedded server keeps its data: .data/pg, or PAYCENTER_DATA_DIR (the e2e suite uses its own). */
export const DEV_DATA_DIR = process.env.PAYCENTER_DATA_DIR ? path.resolve(process.env.PAYCENTER_DATA_DIR) : path.join(REPO_ROOT, ".data", "pg");
export const DEV_PORT = 54329;
export const DEV_DATABASE = "paycenter";

export interface Database {
  url: string;
  /** True when this process started an embedded server for it. */
  embedded: boolean;
  /** Stops the embedded server; a no-op for an external one. */
  stop(): Promise<void>;
}

export async function ensureDatabase(): Promise<Database> {
  const external = process.env.DATABASE_URL;
  const database: Database = external
    ? { url: external, embedded: false, stop: async () => {} }
    : await startEmbedded();
  try {
    const { applied } = await prepareDatabase(database.url);
    if (applied.length) console.log(`[db] applied migration(s): ${applied.join(", ")}`);
  } catch (error) {
    await database.stop();
    throw error;
  }
  return database;
}

async function startEmbedded(): Promise<Database> {
  const port = Number(process.env.PAYCENTER_PG_PORT ?? DEV_PORT);
  if (!Number.isInteger(port) || port <= 0) throw new Error(`PAYCENTER_PG_PORT=${process.env.PAYCENTER_PG_PORT} is not a port`);
  const server = await startEmbeddedPostgres({ dataDir: DEV_DATA_DIR, port, database: DEV_DATABASE });
  return { url: server.url, embedded: true, stop: server.stop };
}

/** Applies our migrations, then installs/upgrades graphile-worker's schema (so SQL can call add_job). */
export async function prepareDatabase(databaseUrl: string): Promise<{ applied: string[] }> {
  const url = await resolveSingleHostUrl(databaseUrl); // several hosts (docs/adr/0034): the primary's own URL
  const applied = await applyMigrations(url);
  await runMigrations({ connectionString: url, logger: quietLogger });
  return { applied };
}

/** graphile-worker's logger, minus its info/debug chatter. */
export const quietLogger = new Logger(() => (level, message) => {
  if (level === "error") console.error(`[graphile-worker] ${message}`);
  else if (level === "warning") console.warn(`[graphile-worker] ${message}`);
});
