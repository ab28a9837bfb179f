import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { SETTLED_KINDS } from "@/server/domain/ledger";
import { SETTLED_KINDS_SQL } from "@/server/domain/settlement";

// The partial index "JournalEntry_unsettled" keeps a cut reading only the entries no statement has taken,
// not the merchant's whole history. Its predicate names SETTLED_KINDS as constants: if the kinds change
// without the index, the queries silently fall back to scanning history.
describe("the unsettled-entries index", () => {
  it("names exactly SETTLED_KINDS in its predicate", async () => {
    const [row] = await db.$queryRaw<{ indexdef: string }[]>`SELECT indexdef FROM pg_indexes WHERE indexname = 'JournalEntry_unsettled'`;
    expect(row, "migration 20261204163546 creates JournalEntry_unsettled").toBeDefined();
    const named = [...row.indexdef.matchAll(/'([a-z_]+)'::text/g)].map((m) => m[1]);
    expect(named.sort()).toEqual([...SETTLED_KINDS].sort());
    expect(row.indexdef).toContain('"settlementLineId" IS NULL');
  });

  it("is what the cut's searches for unsettled entries use", async () => {
    const plans = await db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
      const explain = async (sql: string) =>
        (await tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN ${sql}`)).map((r) => r["QUERY PLAN"]).join("\n");
      const where = `"settlementLineId" IS NULL AND "kind" IN (${SETTLED_KINDS_SQL}) AND "occurredAt" < now()`;
      return [
        await explain(`SELECT DISTINCT "merchantId" FROM "JournalEntry" WHERE ${where}`),
        await explain(`SELECT min("occurredAt") FROM "JournalEntry" WHERE "merchantId" = 'm' AND ${where}`),
      ];
    });
    for (const plan of plans) expect(plan).toContain("JournalEntry_unsettled");
  });
});
