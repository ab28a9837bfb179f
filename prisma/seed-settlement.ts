import { db } from "../server/db.ts";
import { cutStatements } from "../server/services/settlement/cut-statements.ts";

/**
 * The demo's settlement (结算): the demo merchant settles T+1 from the journal (its reconciliation runs only
 * start with the worker, so a RECONCILED cut would wait for them), and yesterday's statement is cut now — a
 * DRAFT for finance to confirm, its WeChat Pay and Alipay lines flagged until their days are reconciled.
 */
export async function seedDemoSettlement(merchantId: string, now = new Date()): Promise<string[]> {
  await db.settlementSetting.upsert({
    where: { merchantId },
    create: { merchantId, cycle: "T1", scope: "MERCHANT", source: "JOURNAL" },
    update: { cycle: "T1", scope: "MERCHANT", source: "JOURNAL" },
  });
  return (await cutStatements(merchantId, now)).statementNos;
}
