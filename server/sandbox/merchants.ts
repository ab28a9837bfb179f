import { db, type Tx } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client.ts";
import { type BillEdit, parseFaults, type SandboxFaults } from "./faults";

/** The sandbox merchant behind a channel account (TEST apps, or a LIVE rehearsal provisioned there), with its faults; null if none. */
export async function sandboxMerchantOfAccount(channelAccountId: string) {
  const merchant = await db.sandboxMerchant.findUnique({ where: { channelAccountId }, select: { id: true, channelMchId: true, faults: true } });
  return merchant && { id: merchant.id, channelMchId: merchant.channelMchId, faults: parseFaults(merchant.faults) };
}

/** Replaces the fault injection of a channel account's sandbox merchant; returns the faults it had, or null when the account has none there. */
/**
 * Replaces the request and notification faults the console edits; the bill edits (set by tests and
 * the demo seed) are kept unless given.
 */
export async function replaceSandboxFaults(
  tx: Tx,
  channelAccountId: string,
  faults: Omit<SandboxFaults, "billEdits"> & { billEdits?: SandboxFaults["billEdits"] },
): Promise<SandboxFaults | null> {
  await tx.$queryRaw`SELECT 1 FROM "SandboxMerchant" WHERE "channelAccountId" = ${channelAccountId} FOR UPDATE`;
  const merchant = await tx.sandboxMerchant.findUnique({ where: { channelAccountId } });
  if (!merchant) return null;
  const before = parseFaults(merchant.faults);
  const after: SandboxFaults = { ...faults, billEdits: faults.billEdits ?? before.billEdits };
  await tx.sandboxMerchant.update({ where: { id: merchant.id }, data: { faults: after as Prisma.InputJsonValue } });
  return before;
}

/**
 * Replaces the bill edits of a channel account's sandbox merchant, keeping its other faults (the row is
 * locked so that a fault form saved at the same moment loses neither); returns the edits it had, or
 * null when the account has no merchant there.
 */
export async function replaceSandboxBillEdits(tx: Tx, channelAccountId: string, billEdits: BillEdit[]): Promise<BillEdit[] | null> {
  await tx.$queryRaw`SELECT 1 FROM "SandboxMerchant" WHERE "channelAccountId" = ${channelAccountId} FOR UPDATE`;
  const merchant = await tx.sandboxMerchant.findUnique({ where: { channelAccountId } });
  if (!merchant) return null;
  const before = parseFaults(merchant.faults);
  const after: SandboxFaults = { ...before, billEdits };
  await tx.sandboxMerchant.update({ where: { id: merchant.id }, data: { faults: after as Prisma.InputJsonValue } });
  return before.billEdits;
}
