import { db } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client.ts";
import { AppError } from "@/server/errors";
import { parseFaults, type SandboxFaults } from "@/server/sandbox/faults";
import { type AuditActor, recordAudit } from "@/server/services/audit/record-audit";
import { findMerchantChannelAccount } from "./find-channel-account";

/** The sandbox merchant behind a channel account (TEST apps, or a LIVE rehearsal provisioned there), or null. */
export function linkedSandboxMerchant(channelAccountId: string) {
  return db.sandboxMerchant.findUnique({ where: { channelAccountId }, select: { id: true, channelMchId: true, faults: true } });
}

/** Sets the sandbox's fault injection for one channel account; the sandbox applies it to the next call. */
export async function updateSandboxFaults(merchantId: string, actor: AuditActor, id: string, faults: SandboxFaults) {
  await findMerchantChannelAccount(merchantId, id);
  return db.$transaction(async (tx) => {
    const sandbox = await tx.sandboxMerchant.findUnique({ where: { channelAccountId: id } });
    if (!sandbox) throw new AppError("CONFLICT", "this account is not connected to the built-in sandbox");
    const before = parseFaults(sandbox.faults);
    await tx.sandboxMerchant.update({ where: { id: sandbox.id }, data: { faults: faults as Prisma.InputJsonValue } });
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
