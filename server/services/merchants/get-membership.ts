import { db } from "@/server/db";
import { type Capability, can, type MemberRole } from "@/server/domain/permissions";
import { AppError } from "@/server/errors";

export type MembershipContext = {
  merchant: { id: string; mchNo: string; name: string; status: string };
  role: MemberRole;
  /** DEALER only: the stores whose orders it may see (the order center narrows every read to them). */
  storeIds: string[];
};

/**
 * The user's membership in the merchant `mchNo`, checked against a capability.
 * Not a member → NOT_FOUND (another merchant's existence is not revealed); member without the
 * capability → FORBIDDEN.
 */
export async function requireMembership(userId: string, mchNo: string, capability: Capability): Promise<MembershipContext> {
  const membership = await db.membership.findFirst({
    where: { userId, merchant: { mchNo } },
    select: { role: true, storeIds: true, merchant: { select: { id: true, mchNo: true, name: true, status: true } } },
  });
  if (!membership) throw new AppError("NOT_FOUND", "merchant not found");
  if (!can(membership.role, capability)) throw new AppError("FORBIDDEN", `role ${membership.role} may not ${capability}`);
  return { merchant: membership.merchant, role: membership.role, storeIds: membership.storeIds };
}
