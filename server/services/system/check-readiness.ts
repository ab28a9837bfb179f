import { readdir } from "node:fs/promises";
import path from "node:path";
import { db } from "@/server/db";

export type Readiness = { ready: boolean; database: "up" | "down"; pendingMigrations: string[]; error?: string };

/** Names of the migrations shipped with this build (prisma/migrations/<name>/migration.sql). */
async function shippedMigrations(): Promise<string[]> {
  const dir = path.join(process.cwd(), "prisma", "migrations");
  const entries = await readdir(dir, { withFileTypes: true });
  return entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
}

/** Ready = the database answers and every shipped migration is applied. */
export async function checkReadiness(): Promise<Readiness> {
  try {
    const rows = await db.$queryRaw<{ migration_name: string }[]>`
      SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
    const applied = new Set(rows.map((r) => r.migration_name));
    const pendingMigrations = (await shippedMigrations()).filter((name) => !applied.has(name));
    return { ready: pendingMigrations.length === 0, database: "up", pendingMigrations };
  } catch (error) {
    return { ready: false, database: "down", pendingMigrations: [], error: (error as Error).message.split("\n")[0] };
  }
}
