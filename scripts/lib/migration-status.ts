// Which migrations on disk the database has applied: one small query on Prisma's `_prisma_migrations` table.
// Light on purpose (pg + fs only, no wasm) so the app's readiness probe can import it.
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import type pg from "pg";
import { createPgPool } from "../../server/pg-pool.ts";

export interface MigrationStatus {
  applied: string[];
  pending: string[];
}

const pools = new Map<string, pg.Pool>();
const onDisk = new Map<string, string[]>();

/** Migrations on disk (never changes while a process runs, so read once). Defaults to ./prisma/migrations. */
function migrationsOnDisk(dir: string): string[] {
  let names = onDisk.get(dir);
  if (!names) {
    names = existsSync(dir)
      ? readdirSync(dir, { withFileTypes: true })
          .filter((entry) => entry.isDirectory() && existsSync(path.join(dir, entry.name, "migration.sql")))
          .map((entry) => entry.name)
          .sort()
      : [];
    onDisk.set(dir, names);
  }
  return names;
}

function poolFor(databaseUrl: string): pg.Pool {
  let pool = pools.get(databaseUrl);
  if (!pool) {
    // several hosts in the URL (docs/adr/0034): the probe follows the primary, as the app does
    pool = createPgPool(databaseUrl, { max: 1, idleTimeoutMillis: 30_000, connectionTimeoutMillis: 5_000 });
    pool.on("error", () => {}); // an idle connection dropped by the server: the next query reconnects
    pools.set(databaseUrl, pool);
  }
  return pool;
}

export async function migrationStatus(
  databaseUrl: string,
  migrationsDir = path.join(process.cwd(), "prisma", "migrations"),
): Promise<MigrationStatus> {
  const names = migrationsOnDisk(migrationsDir);
  let done: Set<string>;
  try {
    const { rows } = await poolFor(databaseUrl).query<{ migration_name: string }>(
      `SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    done = new Set(rows.map((row) => row.migration_name));
  } catch (error) {
    if ((error as { code?: string }).code !== "42P01") throw error; // 42P01: no migrations table yet
    done = new Set();
  }
  return { applied: names.filter((name) => done.has(name)), pending: names.filter((name) => !done.has(name)) };
}

/** Closes the pools migrationStatus opened (tests and scripts; a server just keeps them). */
export async function closeMigrationStatusPools(): Promise<void> {
  const all = [...pools.values()];
  pools.clear();
  await Promise.all(all.map((pool) => pool.end()));
}
