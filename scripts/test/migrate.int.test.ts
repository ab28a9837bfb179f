// The migrations as the app sees them: every model has its table, Prisma's history table says nothing is
// pending, the journal-balance trigger guards commits, and graphile-worker's add_job is transactional.
import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeMigrationStatusPools, migrationStatus } from "../lib/migration-status.ts";
import { MIGRATIONS_DIR, SCHEMA_PATH } from "../lib/migrations-dir.ts";

let client: pg.Client;

beforeAll(async () => {
  client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
});

afterAll(async () => {
  await client.end();
  await closeMigrationStatusPools();
});

/** Runs statements in one transaction; resolves with the error COMMIT (or a statement) raised, if any. */
async function inTransaction(statements: Array<[string, unknown[]?]>, end: "COMMIT" | "ROLLBACK" = "COMMIT") {
  await client.query("BEGIN");
  try {
    for (const [sql, params] of statements) await client.query(sql, params);
  } catch (error) {
    await client.query("ROLLBACK");
    return { failedAt: "statement" as const, error: error as pg.DatabaseError };
  }
  try {
    await client.query(end);
    return { failedAt: null, error: null };
  } catch (error) {
    return { failedAt: "commit" as const, error: error as pg.DatabaseError };
  }
}

describe("migrations", () => {
  it("created a table for every model in prisma/schema.prisma", async () => {
    const models = [...readFileSync(SCHEMA_PATH, "utf8").matchAll(/^model (\w+) \{/gm)].map((match) => match[1]);
    expect(models.length).toBeGreaterThan(10);
    const { rows } = await client.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'",
    );
    const tables = rows.map((row) => row.table_name);
    expect(tables).toEqual(expect.arrayContaining([...models, "_prisma_migrations"]));
  });

  it("recorded every migration in _prisma_migrations, and migrationStatus finds none pending", async () => {
    const onDisk = (await migrationStatus(process.env.DATABASE_URL as string, MIGRATIONS_DIR)).applied;
    const { rows } = await client.query<{ migration_name: string; checksum: string }>(
      "SELECT migration_name, checksum FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.map((row) => row.migration_name).sort()).toEqual(onDisk);
    expect(rows.every((row) => /^[0-9a-f]{64}$/.test(row.checksum))).toBe(true);
    expect(await migrationStatus(process.env.DATABASE_URL as string, MIGRATIONS_DIR)).toEqual({ applied: onDisk, pending: [] });
    expect(path.basename(onDisk[0] ?? "")).toMatch(/^\d{14}_init$/);
  });
});

describe("journal balance trigger", () => {
  const merchantId = "0190f000-0000-7000-8000-000000000001";
  const appId = "app_TRIGGERTEST0001";
  const debit = "0190f000-0000-7000-8000-00000000000a";
  const credit = "0190f000-0000-7000-8000-00000000000b";

  beforeAll(async () => {
    await client.query(`INSERT INTO "Merchant" (id, "mchNo", name, "updatedAt") VALUES ($1, 'M-TRIGGER', 'Trigger test', now())`, [merchantId]);
    await client.query(
      `INSERT INTO "App" (id, "merchantId", name, "secretEnc", "updatedAt") VALUES ($1, $2, 'Trigger app', 'sealed', now())`,
      [appId, merchantId],
    );
    await client.query(
      `INSERT INTO "LedgerAccount" (id, "merchantId", type, currency) VALUES
         ($1, $3, 'CHANNEL_CLEARING', 'CNY'), ($2, $3, 'MERCHANT_PAYABLE', 'CNY')`,
      [debit, credit, merchantId],
    );
  });

  const entry = (dedupeKey: string, amounts: number[]): Array<[string, unknown[]?]> => [
    [
      `INSERT INTO "JournalEntry" ("merchantId", "appId", kind, "dedupeKey", currency, "occurredAt", channel, "channelAccountId")
       VALUES ($1, $2, 'payment', $3, 'CNY', now(), 'wechatpay', 'ca-test')`,
      [merchantId, appId, dedupeKey],
    ],
    ...amounts.map((amount, i): [string, unknown[]] => [
      `INSERT INTO "Posting" ("entryId", "accountId", "merchantId", amount, currency)
       VALUES (currval(pg_get_serial_sequence('"JournalEntry"', 'id')), $1, $2, $3, 'CNY')`,
      [i % 2 === 0 ? debit : credit, merchantId, amount],
    ]),
  ];

  it("rejects an unbalanced entry at COMMIT (the inserts themselves succeed)", async () => {
    const result = await inTransaction(entry("test:unbalanced", [10_000, -9_000]));
    expect(result.failedAt).toBe("commit");
    expect(result.error?.code).toBe("23514");
    expect(result.error?.message).toMatch(/unbalanced in CNY: 1000/);
    const { rowCount } = await client.query(`SELECT 1 FROM "JournalEntry" WHERE "dedupeKey" = 'test:unbalanced'`);
    expect(rowCount).toBe(0);
  });

  it("accepts a balanced entry, posted one row at a time", async () => {
    const result = await inTransaction(entry("test:balanced", [10_000, -9_940, -60]));
    expect(result.error).toBeNull();
    const { rows } = await client.query<{ total: string; n: string }>(
      `SELECT sum(p.amount) AS total, count(*) AS n FROM "Posting" p JOIN "JournalEntry" e ON e.id = p."entryId"
       WHERE e."dedupeKey" = 'test:balanced'`,
    );
    expect(rows[0]).toEqual({ total: "0", n: "3" });
  });

  it("rejects a later change that unbalances a committed entry", async () => {
    const result = await inTransaction([
      [`UPDATE "Posting" SET amount = amount + 1 WHERE amount = 10000 AND "accountId" = $1`, [debit]],
    ]);
    expect(result.failedAt).toBe("commit");
    expect(result.error?.code).toBe("23514");
  });
});

describe("graphile-worker", () => {
  const countJobs = async (task: string) =>
    Number((await client.query(`SELECT count(*) FROM graphile_worker.jobs WHERE task_identifier = $1`, [task])).rows[0].count);

  it("enqueues nothing from a rolled-back transaction", async () => {
    const result = await inTransaction([[`SELECT graphile_worker.add_job('test-rolled-back', json_build_object('n', 1))`]], "ROLLBACK");
    expect(result.error).toBeNull();
    expect(await countJobs("test-rolled-back")).toBe(0);
  });

  it("enqueues the job when the transaction commits", async () => {
    const result = await inTransaction([[`SELECT graphile_worker.add_job('test-committed', json_build_object('n', 2))`]]);
    expect(result.error).toBeNull();
    expect(await countJobs("test-committed")).toBe(1);
  });
});
