// Vitest setup file for the `integration` project: runs in the test worker before the test file's own imports.
// Gives the file its own database, cloned from the migrated template, and points DATABASE_URL at it (the app's
// db client reads DATABASE_URL on first use); drops it after the file's tests.
import { randomBytes } from "node:crypto";
import { afterAll, inject } from "vitest";
import { databaseUrl, templateDatabase, testDatabase, withAdminClient } from "./test-databases.ts";

const adminUrl = inject("testDatabaseAdminUrl");
const runId = inject("testRunId");
const TEMPLATE_DATABASE = templateDatabase(runId);
const name = testDatabase(runId, randomBytes(6).toString("hex"));

await withAdminClient(adminUrl, async (admin) => {
  for (let attempt = 1; ; attempt++) {
    try {
      await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(name)} TEMPLATE ${admin.escapeIdentifier(TEMPLATE_DATABASE)}`);
      return;
    } catch (error) {
      // 55006: someone is connected to the template (e.g. another run re-creating it): wait a little, retry.
      if ((error as { code?: string }).code !== "55006" || attempt >= 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
});
process.env.DATABASE_URL = databaseUrl(adminUrl, name);
// Fixed, obviously-fake secrets so the app's environment validates (real values, if set, win).
process.env.PAYCENTER_ENCRYPTION_KEY ??= "7e57".repeat(16);
process.env.NEXTAUTH_SECRET ??= "test-nextauth-secret-not-for-production";
// Sandbox channels run 1000× faster in tests (notification retries: 15 s → 15 ms).
process.env.SANDBOX_TIME_SCALE ??= "0.001";
process.env.CHANNEL_TIMEOUT_MS ??= "3000";
process.env.WEBHOOK_TIME_SCALE ??= "0.001";
process.env.REFUND_RETRY_TIME_SCALE ??= "0.001";
process.env.PROFIT_SHARING_RETRY_TIME_SCALE ??= "0.001";
process.env.EXPIRY_SWEEP_SECONDS ??= "0";
// Alert rules are evaluated by the tests that mean to (evaluateAlerts), not by every worker a test starts.
process.env.ALERT_EVAL_SECONDS ??= "0";
process.env.ALERT_RETRY_TIME_SCALE ??= "0.001";
// The tests' merchant receivers and fake channels listen on loopback: TEST apps may reach it here (off by default).
process.env.TEST_MODE_PRIVATE_NETWORKS ??= "127.0.0.0/8,::1/128";

afterAll(async () => {
  // Close the app's Prisma client (server/db.ts) if the file used it, so its pool does not see its connections cut.
  const app = globalThis as { __paycenterDb?: { $disconnect(): Promise<void> } };
  await app.__paycenterDb?.$disconnect().catch(() => {});
  // WITH (FORCE) terminates whatever connections are left before dropping.
  await withAdminClient(adminUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(name)} WITH (FORCE)`));
});
