import type { Tx } from "@/server/db";
import { AppError } from "@/server/errors";

/**
 * Locks the merchant's OWNER memberships and refuses a change that would leave none. Two owners
 * demoting each other at once are serialised by the row locks, so one of them is refused.
 */
export async function assertOwnerRemains(tx: Tx, merchantId: string, leavingMembershipId: string): Promise<void> {
  const owners = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "Membership" WHERE "merchantId" = ${merchantId} AND role = 'OWNER' FOR UPDATE`;
  if (owners.length === 1 && owners[0].id === leavingMembershipId) {
    throw new AppError("CONFLICT", "the merchant must keep at least one owner");
  }
}
