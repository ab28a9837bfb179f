import { db } from "@/server/db";
import type { ReconScheduleInput } from "@/server/domain/reconciliation-schema";
import { type AuditActor, recordAudit } from "@/server/services/audit/record-audit";
import { findMerchantChannelAccount } from "@/server/services/channel-accounts/find-channel-account";

const ORDER = [{ app: { createdAt: "asc" as const } }, { createdAt: "asc" as const }];

/** Each channel account of the merchant with its daily reconciliation (on/off, hour of Beijing time). */
export async function listReconSchedules(merchantId: string) {
  const accounts = await db.channelAccount.findMany({
    where: { merchantId },
    orderBy: ORDER,
    select: { id: true, name: true, channel: true, status: true, reconEnabled: true, reconHour: true, app: { select: { id: true, name: true, mode: true } } },
  });
  return accounts;
}

/** Turns a channel account's daily run on or off and sets its hour (0–23, Beijing). Audited. */
export async function updateReconSchedule(merchantId: string, actor: AuditActor, input: ReconScheduleInput) {
  return db.$transaction(async (tx) => {
    const account = await findMerchantChannelAccount(merchantId, input.channelAccountId, tx);
    const updated = await tx.channelAccount.update({
      where: { id: account.id },
      data: { reconEnabled: input.reconEnabled, reconHour: input.reconHour },
      select: { id: true, reconEnabled: true, reconHour: true },
    });
    await recordAudit(tx, actor, {
      merchantId,
      action: "channel_account.recon_schedule_updated",
      targetType: "channel_account",
      targetId: account.id,
      before: { reconEnabled: account.reconEnabled, reconHour: account.reconHour },
      after: { reconEnabled: updated.reconEnabled, reconHour: updated.reconHour },
    });
    return updated;
  });
}
