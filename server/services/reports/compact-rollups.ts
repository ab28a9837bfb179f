import { db } from "@/server/db";

/**
 * Folds the slots of settled hours into slot 0, so the dashboards sum one row per key and hour instead of
 * up to eight. Slots exist only to spread concurrent writers of the current hour (docs/adr/0011); a late
 * writer of an old hour simply adds a new slot row again. Each table in one statement: the rows moved are
 * deleted and re-added as one sum, so readers see the same totals before and after. Returns rows folded.
 */
export async function compactRollups(now = new Date(), settledAfterHours = 2): Promise<number> {
  const before = new Date(now.getTime() - settledAfterHours * 3600_000).toISOString();
  const ledger = await db.$executeRaw`
    WITH moved AS (
      DELETE FROM "LedgerRollupHourly" WHERE "hour" < (${before}::timestamptz AT TIME ZONE 'UTC') AND "slot" <> 0
      RETURNING "merchantId", "appId", "channelAccountId", "channel", "kind", "currency", "hour", "entries", "amount", "fee", "net", "subsidy")
    INSERT INTO "LedgerRollupHourly" ("merchantId", "appId", "channelAccountId", "channel", "kind", "currency", "hour", "slot", "entries", "amount", "fee", "net", "subsidy")
    SELECT "merchantId", "appId", "channelAccountId", "channel", "kind", "currency", "hour", 0, sum("entries"), sum("amount"), sum("fee"), sum("net"), sum("subsidy")
    FROM moved GROUP BY 1, 2, 3, 4, 5, 6, 7
    ON CONFLICT ("merchantId", "hour", "appId", "channelAccountId", "kind", "currency", "slot") DO UPDATE SET
      "entries" = "LedgerRollupHourly"."entries" + EXCLUDED."entries",
      "amount" = "LedgerRollupHourly"."amount" + EXCLUDED."amount",
      "fee" = "LedgerRollupHourly"."fee" + EXCLUDED."fee",
      "net" = "LedgerRollupHourly"."net" + EXCLUDED."net",
      "subsidy" = "LedgerRollupHourly"."subsidy" + EXCLUDED."subsidy"`;
  const attempts = await db.$executeRaw`
    WITH moved AS (
      DELETE FROM "PaymentOutcomeHourly" WHERE "hour" < (${before}::timestamptz AT TIME ZONE 'UTC') AND "slot" <> 0
      RETURNING "merchantId", "appId", "channel", "currency", "status", "hour", "attempts")
    INSERT INTO "PaymentOutcomeHourly" ("merchantId", "appId", "channel", "currency", "status", "hour", "slot", "attempts")
    SELECT "merchantId", "appId", "channel", "currency", "status", "hour", 0, sum("attempts") FROM moved GROUP BY 1, 2, 3, 4, 5, 6
    ON CONFLICT ("merchantId", "hour", "appId", "channel", "currency", "status", "slot") DO UPDATE SET
      "attempts" = "PaymentOutcomeHourly"."attempts" + EXCLUDED."attempts"`;
  return ledger + attempts;
}
