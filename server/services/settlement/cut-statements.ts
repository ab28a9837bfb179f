import { db, type Tx } from "@/server/db";
import { addDays, dayStart, localDate } from "@/server/domain/report-range";
import {
  ALWAYS_RECONCILED_ACCOUNTS,
  d0Cutoff,
  groupKeySql,
  lastT1Day,
  newStatementNo,
  SETTLED_KINDS_SQL,
  type SettlementCycle,
  type SettlementScope,
  type SettlementSource,
  statementTotals,
} from "@/server/domain/settlement";
import { Prisma } from "@/server/generated/prisma/client.ts";
import { type AuditActor, recordAudit } from "@/server/services/audit/record-audit";
import { utc } from "@/server/services/ledger/ledger-where";
import { recordStatementEvents } from "./statement-apps";
import { statementView } from "./statement-view";

/**
 * Cutting statements (出账, docs/adr/0017). A cut claims every journal entry of the merchant that is in
 * no statement yet (settlementLineId IS NULL), of a settled kind, that occurred before the cutoff —
 * earlier ones included (posted late, or released by a voided statement: `carriedEntries`). All of it
 * set-based SQL in one transaction, serialized per merchant by a lock on its SettlementSetting row:
 *   (a) provisional lines, one per (group, currency, app, channel account, channel, kind, Beijing day)
 *       of the entries the statement's snapshot sees, under one statement per (group, currency);
 *   (b) every entry still unclaimed and matching a line's keys points at it (an entry committed since (a)
 *       with the same keys is taken too; one of new keys stays unclaimed for the next cut);
 *   (c) each line's figures summed from exactly the entries (b) pointed at it (RETURNING), so each entry
 *       counts once; empty lines and statements deleted;
 *   (d) the statements' figures from their lines.
 * T1 cuts day by day up to yesterday; with source RECONCILED a day waits until every channel account with
 * entries on it closed its reconciliation of that day. D0 cuts up to the start of the current hour, from
 * the journal (reconciliation is daily: an hour's cut cannot wait for it), its lines flagged when unreconciled.
 */

const KINDS = Prisma.raw(SETTLED_KINDS_SQL);
const BEIJING_DAY = Prisma.raw(`("occurredAt" + interval '8 hours')::date`);
const E_BEIJING_DAY = Prisma.raw(`(e."occurredAt" + interval '8 hours')::date`);
const ALWAYS_RECONCILED = Prisma.join([...ALWAYS_RECONCILED_ACCOUNTS]);
/** Most days one call cuts (a merchant back from a long pause catches up over several job runs). */
const MAX_CUTS_PER_CALL = 120;

type Setting = { cycle: SettlementCycle; scope: SettlementScope; source: SettlementSource };

/** Where the cut happens: [periodStart, cutoff) is the statement's period. */
type Plan = { cycle: SettlementCycle; scope: SettlementScope; source: SettlementSource; periodStart: Date; cutoff: Date; waitForRecon: boolean };

/** Locks the merchant's settings row (inserting the default one first): one cut at a time per merchant. */
async function lockSetting(tx: Tx, merchantId: string): Promise<Setting> {
  await tx.$executeRaw`
    INSERT INTO "SettlementSetting" ("merchantId", "updatedAt") VALUES (${merchantId}, now())
    ON CONFLICT ("merchantId") DO NOTHING`;
  const rows = await tx.$queryRaw<Setting[]>`
    SELECT "cycle"::text AS cycle, "scope"::text AS scope, "source"::text AS source
    FROM "SettlementSetting" WHERE "merchantId" = ${merchantId} FOR UPDATE`;
  return rows[0];
}

const unclaimed = (merchantId: string, cutoff: Date) =>
  Prisma.sql`"merchantId" = ${merchantId} AND "settlementLineId" IS NULL AND "kind" IN (${KINDS}) AND "occurredAt" < ${utc(cutoff)}`;

/** The next cut's period, or null when nothing is due. */
async function planCut(tx: Tx, merchantId: string, setting: Setting, now: Date): Promise<Plan | null> {
  const [bounds] = await tx.$queryRaw<{ lastEnd: Date | null; oldest: Date | null }[]>`
    SELECT (SELECT max("periodEnd") FROM "SettlementStatement" WHERE "merchantId" = ${merchantId}) AS "lastEnd",
           (SELECT min("occurredAt") FROM "JournalEntry" WHERE ${unclaimed(merchantId, d0Cutoff(now))}) AS oldest`;
  const { lastEnd, oldest } = bounds;
  if (!oldest) return null;
  if (setting.cycle === "D0") {
    const cutoff = d0Cutoff(now);
    const periodStart = lastEnd ?? oldest;
    if (periodStart >= cutoff) return null;
    return { cycle: "D0", scope: setting.scope, source: "JOURNAL", periodStart, cutoff, waitForRecon: false };
  }
  // T1: the day the period starts on — after the last statement, else the oldest unclaimed entry's day.
  const oldestDay = dayStart(localDate(oldest));
  const periodStart = lastEnd && lastEnd > oldestDay ? lastEnd : oldestDay;
  const day = localDate(periodStart);
  if (day > lastT1Day(now)) return null;
  return { cycle: "T1", scope: setting.scope, source: setting.source, periodStart, cutoff: dayStart(addDays(day, 1)), waitForRecon: setting.source === "RECONCILED" };
}

/** Whether some channel account with unclaimed entries before the cutoff has not closed that day's reconciliation. */
async function awaitsReconciliation(tx: Tx, merchantId: string, cutoff: Date): Promise<boolean> {
  const rows = await tx.$queryRaw<{ x: number }[]>`
    SELECT 1 AS x FROM (
      SELECT DISTINCT "channelAccountId", ${BEIJING_DAY} AS day FROM "JournalEntry"
      WHERE ${unclaimed(merchantId, cutoff)} AND "channelAccountId" NOT IN (${ALWAYS_RECONCILED})
    ) d
    WHERE NOT EXISTS (SELECT 1 FROM "ReconRun" r WHERE r."channelAccountId" = d."channelAccountId" AND r."billDate" = d.day AND r."closedAt" IS NOT NULL)
    LIMIT 1`;
  return rows.length > 0;
}

/** One cut in its own transaction. Returns the statements it made, [] when none was due, or null when it must wait. */
async function cutOnce(merchantId: string, now: Date, actor: AuditActor): Promise<string[] | null> {
  return db.$transaction(
    async (tx) => {
      const setting = await lockSetting(tx, merchantId);
      const plan = await planCut(tx, merchantId, setting, now);
      if (!plan) return null;
      if (plan.waitForRecon && (await awaitsReconciliation(tx, merchantId, plan.cutoff))) return null;
      const statementNos = await cutPeriod(tx, merchantId, plan);
      if (statementNos.length === 0) return null;
      for (const statementNo of statementNos) {
        const statement = await tx.settlementStatement.findUniqueOrThrow({ where: { statementNo } });
        const view = statementView(statement);
        await recordAudit(tx, actor, {
          merchantId,
          action: "settlement.created",
          targetType: "settlement_statement",
          targetId: statementNo,
          after: { status: "DRAFT", periodFrom: view.periodFrom, periodTo: view.periodTo, entryCount: view.entryCount, netAmount: view.netAmount.toString() },
        });
        await recordStatementEvents(tx, merchantId, statementNo, "settlement.created");
      }
      return statementNos;
    },
    { timeout: 600_000, maxWait: 60_000 },
  );
}

/** Steps (a)–(d) for one period. */
async function cutPeriod(tx: Tx, merchantId: string, plan: Plan): Promise<string[]> {
  const groupKey = Prisma.raw(groupKeySql(plan.scope, "e"));
  const where = Prisma.sql`e."merchantId" = ${merchantId} AND e."settlementLineId" IS NULL AND e."kind" IN (${KINDS}) AND e."occurredAt" < ${utc(plan.cutoff)}`;
  const groups = await tx.$queryRaw<{ groupKey: string; currency: string }[]>`
    SELECT DISTINCT ${groupKey} AS "groupKey", e."currency" FROM "JournalEntry" e WHERE ${where}`;
  if (groups.length === 0) return [];
  const created: string[] = [];
  for (const g of groups) {
    const statementNo = newStatementNo(plan.cutoff);
    const inserted = await tx.$executeRaw`
      INSERT INTO "SettlementStatement" ("statementNo", "merchantId", "cycle", "scope", "source", "groupKey", "currency", "periodStart", "periodEnd", "updatedAt")
      VALUES (${statementNo}, ${merchantId}, ${plan.cycle}::"SettlementCycle", ${plan.scope}::"SettlementScope", ${plan.source}::"SettlementSource",
              ${g.groupKey}, ${g.currency}, ${utc(plan.periodStart)}, ${utc(plan.cutoff)}, now())
      ON CONFLICT ("merchantId", "groupKey", "currency", "periodEnd") DO NOTHING`;
    if (inserted === 1) created.push(statementNo);
  }
  if (created.length === 0) return [];
  const nos = Prisma.join(created);
  // (a) provisional lines
  await tx.$executeRaw`
    INSERT INTO "SettlementLine" ("statementNo", "appId", "channelAccountId", "channel", "kind", "day", "entryCount", "amount", "fee", "net", "reconciled")
    SELECT s."statementNo", e."appId", e."channelAccountId", e."channel", e."kind", ${E_BEIJING_DAY}, 0, 0, 0, 0, false
    FROM "JournalEntry" e
    JOIN "SettlementStatement" s ON s."statementNo" IN (${nos}) AND s."groupKey" = ${groupKey} AND s."currency" = e."currency"
    WHERE ${where}
    GROUP BY 1, 2, 3, 4, 5, 6`;
  // (b) claim, and (c) each line's figures from exactly the entries the claim pointed at it (no other
  // transaction can point an entry at a line this one just made), with the reconciliation flag from the runs
  await tx.$executeRaw`
    WITH claimed AS (
      UPDATE "JournalEntry" e SET "settlementLineId" = l.id
      FROM "SettlementLine" l JOIN "SettlementStatement" s ON s."statementNo" = l."statementNo"
      WHERE l."statementNo" IN (${nos}) AND ${where}
        AND s."groupKey" = ${groupKey} AND s."currency" = e."currency"
        AND l."appId" = e."appId" AND l."channelAccountId" = e."channelAccountId" AND l."channel" = e."channel"
        AND l."kind" = e."kind" AND l."day" = ${E_BEIJING_DAY}
      RETURNING e."settlementLineId" AS id, e."amount", e."fee", e."net"
    )
    UPDATE "SettlementLine" l SET "entryCount" = x.n, "amount" = x.amount, "fee" = x.fee, "net" = x.net,
      "reconciled" = l."channelAccountId" IN (${ALWAYS_RECONCILED})
        OR EXISTS (SELECT 1 FROM "ReconRun" r WHERE r."channelAccountId" = l."channelAccountId" AND r."billDate" = l."day" AND r."closedAt" IS NOT NULL)
    FROM (SELECT id, count(*)::int AS n, sum("amount")::bigint AS amount, sum("fee")::bigint AS fee, sum("net")::bigint AS net FROM claimed GROUP BY id) x
    WHERE l.id = x.id`;
  // lines no entry was left for, and statements without lines, go
  await tx.$executeRaw`DELETE FROM "SettlementLine" WHERE "statementNo" IN (${nos}) AND "entryCount" = 0`;
  await tx.$executeRaw`
    DELETE FROM "SettlementStatement" s WHERE s."statementNo" IN (${nos})
      AND NOT EXISTS (SELECT 1 FROM "SettlementLine" l WHERE l."statementNo" = s."statementNo")`;
  // (d) the statements' figures
  const lines = await tx.$queryRaw<{ statementNo: string; kind: string; reconciled: boolean; entryCount: bigint; amount: bigint; fee: bigint; net: bigint }[]>`
    SELECT "statementNo", "kind", "reconciled", sum("entryCount")::bigint AS "entryCount", sum("amount")::bigint AS amount, sum("fee")::bigint AS fee, sum("net")::bigint AS net
    FROM "SettlementLine" WHERE "statementNo" IN (${nos}) GROUP BY 1, 2, 3`;
  // only lines of days up to the one before periodStart can hold carried entries (a T1 day's own lines are not read)
  const carried = await tx.$queryRaw<{ statementNo: string; n: bigint }[]>`
    SELECT l."statementNo", count(*)::bigint AS n
    FROM "SettlementLine" l JOIN "JournalEntry" e ON e."settlementLineId" = l.id
    WHERE l."statementNo" IN (${nos}) AND l."day" <= ${localDate(new Date(plan.periodStart.getTime() - 1))}::date AND e."occurredAt" < ${utc(plan.periodStart)}
    GROUP BY 1`;
  const carriedBy = new Map(carried.map((c) => [c.statementNo, Number(c.n)]));
  const kept: string[] = [];
  for (const statementNo of created) {
    const mine = lines.filter((l) => l.statementNo === statementNo).map((l) => ({ ...l, entryCount: Number(l.entryCount) }));
    if (mine.length === 0) continue;
    const totals = statementTotals(mine);
    await tx.settlementStatement.update({ where: { statementNo }, data: { ...totals, carriedEntries: carriedBy.get(statementNo) ?? 0 } });
    kept.push(statementNo);
  }
  return kept;
}

/**
 * Cuts what is due for a merchant at `now`: T1 every day up to yesterday (each its own transaction;
 * RECONCILED stops at the first day still awaiting reconciliation), D0 up to the current hour.
 */
export async function cutStatements(merchantId: string, now = new Date(), actor: AuditActor = { type: "SYSTEM" }): Promise<{ statementNos: string[] }> {
  const statementNos: string[] = [];
  for (let i = 0; i < MAX_CUTS_PER_CALL; i++) {
    const made = await cutOnce(merchantId, now, actor);
    if (made === null) break;
    statementNos.push(...made);
  }
  return { statementNos };
}
