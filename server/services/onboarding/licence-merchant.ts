import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { requireMembership } from "@/server/services/merchants/get-membership";

export type LicenceMerchantOptions = {
  user: { id: string; platformRole: "ADMIN" | null };
  mchNo: string;
  /** Upload (a member with merchant.manage) rather than read (an operator, or a member with merchant.read). */
  write: boolean;
};

/**
 * The merchant whose business licence a signed-in user may read or replace: an operator reads any
 * merchant's, a member reads their own with `merchant.read` and uploads with `merchant.manage`.
 * Otherwise NOT_FOUND (another merchant's existence is not revealed) or FORBIDDEN.
 */
export async function licenceMerchantId({ user, mchNo, write }: LicenceMerchantOptions): Promise<string> {
  if (!write && user.platformRole === "ADMIN") {
    const merchant = await db.merchant.findUnique({ where: { mchNo }, select: { id: true } });
    if (!merchant) throw new AppError("NOT_FOUND", "merchant not found");
    return merchant.id;
  }
  const membership = await requireMembership(user.id, mchNo, write ? "merchant.manage" : "merchant.read");
  return membership.merchant.id;
}
