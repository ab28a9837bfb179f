// PayCenter's migration tool, on Prisma's official WebAssembly schema engine (docs/adr/0002-migrations.md).
//
//   npx tsx scripts/migrate.ts deploy                  apply pending migrations to $DATABASE_URL
//                                                      (unset: to the embedded development database)
//   npx tsx scripts/migrate.ts create <name> [--schema <path>]   write the next migration from the schema diff
//   npx tsx scripts/migrate.ts status                  list applied and pending migrations (exit 1 if any pending)
//   npx tsx scripts/migrate.ts resolve --rolled-back|--applied <migration>   after a failed deploy
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import dotenv from "dotenv";
import { offlineAdapterFactory, onlineAdapterFactory, openSchemaEngine } from "./lib/schema-engine.ts";
import {
  LOCKFILE_CONTENT,
  LOCKFILE_NAME,
  MIGRATIONS_DIR,
  REPO_ROOT,
  SCHEMA_PATH,
  latestSnapshot,
  migrationNames,
  newMigrationName,
  readMigrationList,
  writeSnapshot,
} from "./lib/migrations-dir.ts";
import { closeMigrationStatusPools, migrationStatus as statusOf, type MigrationStatus } from "./lib/migration-status.ts";
import { resolveSingleHostUrl } from "../server/pg-pool.ts";

export type { MigrationStatus };

/** Which migrations in prisma/migrations the database has applied (one query; see lib/migration-status.ts). */
export function migrationStatus(databaseUrl: string, migrationsDir = MIGRATIONS_DIR): Promise<MigrationStatus> {
  return statusOf(databaseUrl, migrationsDir);
}

const NO_FILTERS = { externalTables: [], externalEnums: [] };

/** Applies every pending migration (idempotent); returns the names it applied. */
export async function applyMigrations(databaseUrl: string, migrationsDir = MIGRATIONS_DIR): Promise<string[]> {
  const schema = readFileSync(SCHEMA_PATH, "utf8");
  // A multi-host URL (docs/adr/0034): migrate the host that is the primary now.
  const factory = onlineAdapterFactory(await resolveSingleHostUrl(databaseUrl));
  const handle = await openSchemaEngine(factory, [[SCHEMA_PATH, schema]]);
  try {
    const { appliedMigrationNames } = await handle.call((engine) =>
      engine.applyMigrations({ migrationsList: readMigrationList(migrationsDir), filters: NO_FILTERS }),
    );
    return appliedMigrationNames;
  } finally {
    handle.close();
    await factory.disposeAll();
  }
}

/**
 * Prisma's `migrate resolve`: after a failed deploy, record the migration as rolled back (so deploy retries it)
 * or as applied (you finished it by hand). Our migrations run in one transaction, so a failed one left nothing.
 */
export async function resolveMigration(databaseUrl: string, migrationName: string, as: "rolled-back" | "applied"): Promise<void> {
  const factory = onlineAdapterFactory(await resolveSingleHostUrl(databaseUrl));
  const handle = await openSchemaEngine(factory, [[SCHEMA_PATH, readFileSync(SCHEMA_PATH, "utf8")]]);
  try {
    await handle.call((engine) =>
      as === "applied"
        ? engine.markMigrationApplied({ migrationName, migrationsList: readMigrationList() })
        : engine.markMigrationRolledBack({ migrationName }),
    );
  } finally {
    handle.close();
    await factory.disposeAll();
  }
}

export interface CreatedMigration {
  name: string;
  directory: string;
}

/**
 * Writes prisma/migrations/<timestamp>_<name>/migration.sql with the SQL that takes the schema snapshot (or an empty
 * database) to the schema at schemaPath, and makes that schema the new snapshot. Needs no database.
 * Returns null, writing nothing, when the schemas are equivalent.
 */
export async function createMigration(
  name: string,
  options: { schemaPath?: string; migrationsDir?: string } = {},
): Promise<CreatedMigration | null> {
  const schemaPath = path.resolve(options.schemaPath ?? SCHEMA_PATH);
  const migrationsDir = options.migrationsDir ?? MIGRATIONS_DIR;
  const target = readFileSync(schemaPath, "utf8");
  const script = await schemaDrift({ schemaPath, migrationsDir });
  if (script === null) return null;

  const dirName = newMigrationName(name, migrationNames(migrationsDir));
  const directory = path.join(migrationsDir, dirName);
  mkdirSync(directory, { recursive: true });
  writeFileSync(path.join(directory, "migration.sql"), script.endsWith("\n") ? script : `${script}\n`);
  writeSnapshot(migrationsDir, dirName, target);
  const lockPath = path.join(migrationsDir, LOCKFILE_NAME);
  if (!existsSync(lockPath)) writeFileSync(lockPath, LOCKFILE_CONTENT);
  return { name: dirName, directory };
}

/**
 * The SQL that would take the migrations' schema (the snapshot) to the schema at schemaPath, or null when they agree.
 * Non-null means the schema was edited without `db:migrate:create`: the drift test fails on it.
 */
export async function schemaDrift(options: { schemaPath?: string; migrationsDir?: string } = {}): Promise<string | null> {
  const schemaPath = path.resolve(options.schemaPath ?? SCHEMA_PATH);
  const target = readFileSync(schemaPath, "utf8");
  const previous = latestSnapshot(options.migrationsDir ?? MIGRATIONS_DIR);
  const handle = await openSchemaEngine(offlineAdapterFactory(), [[schemaPath, target]]);
  try {
    const result = await handle.call((engine) =>
      engine.diff({
        from: previous ? { tag: "schemaDatamodel", files: [{ path: "snapshot.prisma", content: previous.schema }] } : { tag: "empty" },
        to: { tag: "schemaDatamodel", files: [{ path: schemaPath, content: target }] },
        script: true,
        exitCode: true, // 2 when the diff is not empty
        filters: NO_FILTERS,
      }),
    );
    return result.exitCode === 2 ? (result.stdout ?? "") : null;
  } finally {
    handle.close();
  }
}

/**
 * Runs `use` with $DATABASE_URL, or, when it is not set, with the embedded development database
 * (.data/pg, started for the occasion and stopped afterwards).
 */
async function withDatabaseUrl<T>(use: (url: string) => Promise<T>): Promise<T> {
  const url = process.env.DATABASE_URL;
  if (url) return use(url);
  const { DEV_DATABASE, DEV_DATA_DIR, DEV_PORT } = await import("./lib/database.ts");
  const { startEmbeddedPostgres } = await import("./lib/embedded-postgres.ts");
  const port = Number(process.env.PAYCENTER_PG_PORT ?? DEV_PORT);
  console.log(`DATABASE_URL is not set: using the embedded development database (.data/pg, port ${port}).`);
  const server = await startEmbeddedPostgres({ dataDir: DEV_DATA_DIR, port, database: DEV_DATABASE });
  try {
    return await use(server.url);
  } finally {
    await server.stop();
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  dotenv.config({ path: [".env.local", ".env"].map((file) => path.join(REPO_ROOT, file)), quiet: true });
  switch (command) {
    case "deploy": {
      const applied = await withDatabaseUrl(applyMigrations);
      console.log(applied.length ? `Applied ${applied.length} migration(s):\n  ${applied.join("\n  ")}` : "No pending migrations.");
      return 0;
    }
    case "create": {
      const schemaFlag = rest.indexOf("--schema");
      const schemaPath = schemaFlag >= 0 ? rest[schemaFlag + 1] : undefined;
      const name = rest.filter((_, i) => schemaFlag < 0 || (i !== schemaFlag && i !== schemaFlag + 1))[0];
      if (!name || (schemaFlag >= 0 && !schemaPath)) return usage();
      const created = await createMigration(name, { schemaPath });
      if (!created) {
        console.log("The schema matches the last migration's snapshot: nothing to migrate, nothing written.");
        return 0;
      }
      console.log(`Created ${path.relative(process.cwd(), created.directory)}/migration.sql`);
      return 0;
    }
    case "resolve": {
      const [flag, name] = rest;
      if ((flag !== "--rolled-back" && flag !== "--applied") || !name) return usage();
      await withDatabaseUrl((url) => resolveMigration(url, name, flag === "--applied" ? "applied" : "rolled-back"));
      console.log(`Marked ${name} as ${flag.slice(2)}.`);
      return 0;
    }
    case "status": {
      const { applied, pending } = await withDatabaseUrl(async (url) => {
        try {
          return await migrationStatus(url);
        } finally {
          await closeMigrationStatusPools();
        }
      });
      console.log(`Applied: ${applied.length}\nPending: ${pending.length ? pending.join(", ") : "none"}`);
      return pending.length ? 1 : 0;
    }
    default:
      return usage();
  }
}

function usage(): number {
  console.error(
    "Usage: tsx scripts/migrate.ts deploy | create <name> [--schema <path>] | status | resolve --rolled-back|--applied <migration>",
  );
  return 64;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
