// The schema and the migrations say the same thing, and `db:migrate:create` turns a schema edit into a migration
// that applies. (Integration project: the create test applies its migration to this file's own database.)
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { latestSnapshot, MIGRATIONS_DIR, migrationNames, SCHEMA_PATH } from "../lib/migrations-dir.ts";
import { applyMigrations, createMigration, schemaDrift } from "../migrate.ts";

const scratch = mkdtempSync(path.join(tmpdir(), "paycenter-migrations-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("schema drift", () => {
  it("prisma/schema.prisma matches what the migrations produce (edit the schema → npm run db:migrate:create)", async () => {
    const drift = await schemaDrift();
    expect(drift, `prisma/schema.prisma differs from the migrations; run npm run db:migrate:create -- <name>:\n${drift}`).toBeNull();
  });

  it("the snapshot was taken after the newest migration", () => {
    expect(latestSnapshot()?.migration).toBe(migrationNames().at(-1));
  });

  it("notices a schema edit that has no migration", async () => {
    const edited = path.join(scratch, "edited.prisma");
    writeFileSync(edited, readFileSync(SCHEMA_PATH, "utf8").replace(/^model PayOrder \{\n/m, "model PayOrder {\n  driftProbe String?\n"));
    const drift = await schemaDrift({ schemaPath: edited });
    expect(drift).toMatch(/ALTER TABLE "PayOrder" ADD COLUMN\s+"driftProbe" TEXT/);
  });
});

describe("db:migrate:create", () => {
  it("writes the next migration and snapshot from a schema edit, writes nothing when nothing changed, and the migration applies", async () => {
    const dir = path.join(scratch, "migrations");
    cpSync(MIGRATIONS_DIR, dir, { recursive: true });
    const schemaPath = path.join(scratch, "schema.prisma");
    writeFileSync(
      schemaPath,
      `${readFileSync(SCHEMA_PATH, "utf8")}\nmodel MigrationProbe {\n  id        String   @id\n  amount    BigInt\n  createdAt DateTime @default(now())\n}\n`,
    );

    const created = await createMigration("add migration probe", { schemaPath, migrationsDir: dir });
    expect(created?.name).toMatch(/^\d{14}_add_migration_probe$/);
    const sql = readFileSync(path.join(created!.directory, "migration.sql"), "utf8");
    expect(sql).toMatch(/CREATE TABLE "MigrationProbe"/);
    expect(existsSync(path.join(created!.directory, "schema.prisma"))).toBe(false); // one snapshot, not one per folder
    expect(latestSnapshot(dir)?.migration).toBe(created!.name);
    expect(await schemaDrift({ schemaPath, migrationsDir: dir })).toBeNull();
    expect(await createMigration("again", { schemaPath, migrationsDir: dir })).toBeNull();
    expect(migrationNames(dir)).toEqual([...migrationNames(), created!.name]);

    // This file's database has every committed migration: deploying the scratch directory applies just the new one.
    const url = process.env.DATABASE_URL as string;
    expect(await applyMigrations(url, dir)).toEqual([created!.name]);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`INSERT INTO "MigrationProbe" (id, amount) VALUES ('p1', 9007199254740993)`);
      const { rows } = await client.query(`SELECT amount::text FROM "MigrationProbe"`);
      expect(rows).toEqual([{ amount: "9007199254740993" }]);
    } finally {
      await client.end();
    }
  });
});
