import { hasStores } from "@/server/domain/member-schema";
import type { MemberRole } from "@/server/domain/permissions";
import { AppError } from "@/server/errors";

/** Who is at the POS: a member of the merchant with `pos.use` (an OWNER, or a store cashier narrowed to its stores). */
export type PosMember = { merchantId: string; merchantStatus: string; userId: string; role: MemberRole; storeIds: string[] };

/** The scene of every order the POS creates (the order center's `scene`): the takings and the scoping read by it. */
export const POS_SCENE = "pos";

/** The stores whose payments the member takes and sees: its own for a store-scoped role (CASHIER), null = every store of the merchant. */
export function posStoreScope(member: Pick<PosMember, "role" | "storeIds">): string[] | null {
  return hasStores(member.role) ? member.storeIds : null;
}

export function mayUseStore(member: Pick<PosMember, "role" | "storeIds">, storeId: string | null): boolean {
  const scope = posStoreScope(member);
  return scope === null || (storeId !== null && scope.includes(storeId));
}

/** Refuses a store the member may not take payments for (a cashier's other stores), as a field error of the form. */
export function assertStore(member: Pick<PosMember, "role" | "storeIds">, storeId: string): void {
  if (!mayUseStore(member, storeId)) throw new AppError("FORBIDDEN", "storeNotYours", { field: "storeId" });
}
