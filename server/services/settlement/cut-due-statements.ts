import { db } from "@/server/db";
import { d0Cutoff, SETTLED_KINDS_SQL } from "@/server/domain/settlement";
import { Prisma } from "@/server/generated/prisma/client.ts";
import { utc } from "@/server/services/ledger/ledger-where";
import { cutStatements } from "./cut-statements";

/**
 * The cron's cut (hourly): every merchant with journal entries in no statement yet, before the current
 * hour, gets its due statements cut. One merchant's failure does not stop the others (logged; the next
 * hour tries again).
 */
export async function cutDueStatements(now = new Date()): Promise<{ merchants: number; statementNos: string[] }> {
  const merchants = await db.$queryRaw<{ merchantId: string }[]>`
    SELECT DISTINCT "merchantId" FROM "JournalEntry"
    WHERE "settlementLineId" IS NULL AND "kind" IN (${Prisma.raw(SETTLED_KINDS_SQL)}) AND "occurredAt" < ${utc(d0Cutoff(now))}`;
  const statementNos: string[] = [];
  let failed: unknown = null;
  for (const { merchantId } of merchants) {
    try {
      statementNos.push(...(await cutStatements(merchantId, now)).statementNos);
    } catch (error) {
      console.error(`settlement cut of merchant ${merchantId} failed`, error);
      failed = error;
    }
  }
  if (failed) throw failed;
  return { merchants: merchants.length, statementNos };
}
