import { db, type Tx } from "@/server/db";
import type { SettlementSettingInput } from "@/server/domain/settlement-schema";
import type { SettlementCycle, SettlementScope, SettlementSource } from "@/server/domain/settlement";
import { type AuditActor, recordAudit } from "@/server/services/audit/record-audit";

/** Who acts in the console: the user, and how the audit names them (userActor). */
export type SettlementActor = { id: string; actor: AuditActor };

export type SettlementSettingView = { cycle: SettlementCycle; scope: SettlementScope; source: SettlementSource; updatedAt: Date | null };

export const DEFAULT_SETTLEMENT_SETTING = { cycle: "T1", scope: "MERCHANT", source: "RECONCILED" } as const;

/** The merchant's settlement settings; T1, MERCHANT, RECONCILED when it never set them. */
export async function getSettlementSetting(merchantId: string, tx: Tx = db): Promise<SettlementSettingView> {
  const row = await tx.settlementSetting.findUnique({ where: { merchantId } });
  return row ? { cycle: row.cycle, scope: row.scope, source: row.source, updatedAt: row.updatedAt } : { ...DEFAULT_SETTLEMENT_SETTING, updatedAt: null };
}

/**
 * Changes the cycle, scope or source. Statements already cut keep theirs; the next cut uses the new
 * settings (a switch T1 → D0 starts at the oldest entry not yet in a statement). Audited.
 */
export async function updateSettlementSetting(merchantId: string, input: SettlementSettingInput, by: SettlementActor): Promise<SettlementSettingView> {
  return db.$transaction(async (tx) => {
    const before = await getSettlementSetting(merchantId, tx);
    const row = await tx.settlementSetting.upsert({
      where: { merchantId },
      create: { merchantId, ...input, updatedById: by.id },
      update: { ...input, updatedById: by.id },
    });
    await recordAudit(tx, by.actor, {
      merchantId,
      action: "settlement_setting.updated",
      targetType: "settlement_setting",
      targetId: merchantId,
      before: { cycle: before.cycle, scope: before.scope, source: before.source },
      after: input,
    });
    return { cycle: row.cycle, scope: row.scope, source: row.source, updatedAt: row.updatedAt };
  });
}
