// Vitest global setup for the `integration` project (docs/adr/0003-embedded-postgres.md):
// a PostgreSQL server ($DATABASE_URL's, or an embedded one in .data/test-pg on port 54339), and on it a fresh
// template database with every migration and graphile-worker's schema. Each test file then clones the template
// (scripts/test/per-file-db.ts), which takes a fraction of a second instead of migrating again.
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { REPO_ROOT, prepareDatabase } from "../lib/database.ts";
import { startEmbeddedPostgres } from "../lib/embedded-postgres.ts";
import { TEMPLATE_DATABASE, TEST_DATABASE_PREFIX, databaseUrl, withAdminClient } from "./test-databases.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** A URL on the test server with the right to CREATE/DROP DATABASE. */
    testDatabaseAdminUrl: string;
  }
}

export const TEST_PG_PORT = 54339;
export const TEST_PG_DATA_DIR = path.join(REPO_ROOT, ".data", "test-pg");

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = Date.now();
  const external = process.env.DATABASE_URL;
  const server = external
    ? { url: external, stop: async () => {} }
    : await startEmbeddedPostgres({ dataDir: TEST_PG_DATA_DIR, port: TEST_PG_PORT, database: "postgres", unsafeFast: true });
  try {
    await withAdminClient(server.url, async (admin) => {
      // Our own throwaway server: also clear databases left behind by killed runs.
      const leftovers = external ? [] : await databasesLike(admin, `${TEST_DATABASE_PREFIX.replaceAll("_", "\\_")}%`);
      for (const name of [TEMPLATE_DATABASE, ...leftovers]) {
        await admin.query(`ALTER DATABASE ${admin.escapeIdentifier(name)} WITH IS_TEMPLATE false`).catch(() => {});
        await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(name)} WITH (FORCE)`);
      }
      await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(TEMPLATE_DATABASE)}`);
    });
    await prepareDatabase(databaseUrl(server.url, TEMPLATE_DATABASE));
    await withAdminClient(server.url, (admin) =>
      // IS_TEMPLATE documents the intent; cloning needs nobody connected, and prepareDatabase has disconnected.
      admin.query(`ALTER DATABASE ${admin.escapeIdentifier(TEMPLATE_DATABASE)} WITH IS_TEMPLATE true`),
    );
  } catch (error) {
    await server.stop();
    throw error;
  }
  project.provide("testDatabaseAdminUrl", server.url);
  if (process.env.PAYCENTER_TEST_TIMINGS) console.log(`[test-db] template ready in ${Date.now() - started} ms`);
  return () => server.stop();
}

async function databasesLike(admin: pg.Client, pattern: string): Promise<string[]> {
  const { rows } = await admin.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE $1", [pattern]);
  return rows.map((row) => row.datname);
}
