import { db, type Tx } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client.ts";
import { parseFaults, type SandboxFaults } from "./faults";

/** The sandbox merchant behind a channel account (TEST apps, or a LIVE rehearsal provisioned there), with its faults; null if none. */
export async function sandboxMerchantOfAccount(channelAccountId: string) {
  const merchant = await db.sandboxMerchant.findUnique({ where: { channelAccountId }, select: { id: true, channelMchId: true, faults: true } });
  return merchant && { id: merchant.id, channelMchId: merchant.channelMchId, faults: parseFaults(merchant.faults) };
}

/** Replaces the fault injection of a channel account's sandbox merchant; returns the faults it had, or null when the account has none there. */
export async function replaceSandboxFaults(tx: Tx, channelAccountId: string, faults: SandboxFaults): Promise<SandboxFaults | null> {
  const merchant = await tx.sandboxMerchant.findUnique({ where: { channelAccountId } });
  if (!merchant) return null;
  await tx.sandboxMerchant.update({ where: { id: merchant.id }, data: { faults: faults as Prisma.InputJsonValue } });
  return parseFaults(merchant.faults);
}
