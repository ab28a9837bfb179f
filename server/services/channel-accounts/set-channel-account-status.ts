import { db } from "@/server/db";
import { type AuditActor, recordAudit } from "@/server/services/audit/record-audit";
import { findMerchantChannelAccount } from "./find-channel-account";

/** Enables or disables a channel account (a disabled one is never chosen for new attempts). */
export async function setChannelAccountStatus(merchantId: string, actor: AuditActor, id: string, status: "ENABLED" | "DISABLED") {
  return db.$transaction(async (tx) => {
    const account = await findMerchantChannelAccount(merchantId, id, tx);
    if (account.status === status) return { status, changed: false };
    const { count } = await tx.channelAccount.updateMany({ where: { id, merchantId, status: account.status }, data: { status } });
    if (count === 0) return { status, changed: false };
    await recordAudit(tx, actor, {
      merchantId,
      action: status === "ENABLED" ? "channel_account.enabled" : "channel_account.disabled",
      targetType: "channel_account",
      targetId: id,
      before: { status: account.status },
      after: { status },
    });
    return { status, changed: true };
  });
}
