import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { replaceSandboxFaults, type SandboxFaults } from "@/server/sandbox";
import { type AuditActor, recordAudit } from "@/server/services/audit/record-audit";
import { findMerchantChannelAccount } from "./find-channel-account";

/** Sets the sandbox's fault injection for one channel account; the sandbox applies it to the next call. */
export async function updateSandboxFaults(merchantId: string, actor: AuditActor, id: string, faults: Omit<SandboxFaults, "billEdits">) {
  await findMerchantChannelAccount(merchantId, id);
  return db.$transaction(async (tx) => {
    const before = await replaceSandboxFaults(tx, id, faults);
    if (!before) throw new AppError("CONFLICT", "this account is not connected to the built-in sandbox");
    await recordAudit(tx, actor, {
      merchantId,
      action: "channel_account.faults_updated",
      targetType: "channel_account",
      targetId: id,
      before,
      after: faults,
    });
    return faults;
  });
}
