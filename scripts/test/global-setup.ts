// Vitest global setup for the `integration` project (docs/adr/0003-embedded-postgres.md):
// a PostgreSQL server ($DATABASE_URL's, or an embedded one in .data/test-pg on port 24339), and on it a fresh
// template database with every migration and graphile-worker's schema. Each test file then clones the template
// (scripts/test/per-file-db.ts), which takes a fraction of a second instead of migrating again.
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { REPO_ROOT, prepareDatabase } from "../lib/database.ts";
import { startEmbeddedPostgres } from "../lib/embedded-postgres.ts";
import { processAlive } from "../lib/process-alive.ts";
import { databaseUrl, runIdOf, templateDatabase, withAdminClient } from "./test-databases.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** A URL on the test server with the right to CREATE/DROP DATABASE. */
    testDatabaseAdminUrl: string;
    /** This run's id, in the names of its template and test databases. */
    testRunId: string;
  }
}

/**
 * PAYCENTER_TEST_PG_PORT lets two work trees run their suites side by side. The tests' fixed ports (this one, the
 * replication tests' and the e2e server's database) sit below Linux's ephemeral range (32768–60999): a port in it may
 * be the local end of any outgoing connection at that moment, and PostgreSQL's bind then fails ("Address already in
 * use"; CI met it once on 54612).
 */
export const TEST_PG_PORT = Number(process.env.PAYCENTER_TEST_PG_PORT ?? 24339);
export const TEST_PG_DATA_DIR = path.join(REPO_ROOT, ".data", "test-pg");

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = Date.now();
  const external = process.env.DATABASE_URL;
  const server = external
    ? { url: external, stop: async () => {} }
    : await startEmbeddedPostgres({ dataDir: TEST_PG_DATA_DIR, port: TEST_PG_PORT, database: "postgres", unsafeFast: true });
  const runId = String(process.pid);
  const template = templateDatabase(runId);
  try {
    await withAdminClient(server.url, async (admin) => {
      // Databases of runs whose process is gone (killed runs) are dropped; live runs' are left alone.
      for (const name of [template, ...(await abandonedDatabases(admin))]) await dropDatabase(admin, name);
      await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(template)}`);
    });
    await prepareDatabase(databaseUrl(server.url, template));
    await withAdminClient(server.url, (admin) =>
      // IS_TEMPLATE documents the intent; cloning needs nobody connected, and prepareDatabase has disconnected.
      admin.query(`ALTER DATABASE ${admin.escapeIdentifier(template)} WITH IS_TEMPLATE true`),
    );
  } catch (error) {
    await server.stop();
    throw error;
  }
  project.provide("testDatabaseAdminUrl", server.url);
  project.provide("testRunId", runId);
  if (process.env.PAYCENTER_TEST_TIMINGS) console.log(`[test-db] template ready in ${Date.now() - started} ms`);
  return async () => {
    await withAdminClient(server.url, (admin) => dropDatabase(admin, template)).catch(() => {});
    await server.stop();
  };
}

async function dropDatabase(admin: pg.Client, name: string): Promise<void> {
  await admin.query(`ALTER DATABASE ${admin.escapeIdentifier(name)} WITH IS_TEMPLATE false`).catch(() => {});
  await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(name)} WITH (FORCE)`);
}


async function abandonedDatabases(admin: pg.Client): Promise<string[]> {
  const { rows } = await admin.query<{ datname: string }>(
    "SELECT datname FROM pg_database WHERE datname LIKE 'test\\_%' OR datname LIKE 'paycenter\\_template%'",
  );
  return rows.map((row) => row.datname).filter((name) => {
    const runId = runIdOf(name);
    return runId === null || !processAlive(Number(runId));
  });
}

