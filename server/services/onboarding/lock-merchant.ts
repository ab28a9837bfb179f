import type { Tx } from "@/server/db";
import { AppError } from "@/server/errors";

export type LockedMerchant = { id: string; mchNo: string; status: string; profile: unknown; bankAccountEnc: string | null };

/** Reads the merchant row FOR UPDATE, so a profile edit, an upload and a submission never interleave. */
export async function lockMerchant(tx: Tx, merchantId: string): Promise<LockedMerchant> {
  const [row] = await tx.$queryRaw<LockedMerchant[]>`
    SELECT id, "mchNo", status::text AS status, profile, "bankAccountEnc" FROM "Merchant" WHERE id = ${merchantId} FOR UPDATE`;
  if (!row) throw new AppError("NOT_FOUND", "merchant not found");
  return row;
}

/** Only a DRAFT or REJECTED merchant's profile may change (under review or active, it is locked). */
export function assertEditable(merchant: LockedMerchant): void {
  if (merchant.status !== "DRAFT" && merchant.status !== "REJECTED") {
    throw new AppError("CONFLICT", `the profile cannot be changed while the merchant is ${merchant.status}`);
  }
}
