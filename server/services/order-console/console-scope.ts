import type { MemberRole } from "@/server/domain/permissions";
import type { OrderScope } from "@/server/services/orders/list-orders";

export type ConsoleMember = { merchantId: string; role: MemberRole; storeIds: string[] };

/**
 * What a console member may see of the order center: the merchant's orders, a DEALER (经销商) only those
 * of its stores (an order with no store, or an empty store list, is never a dealer's).
 */
export function consoleScope(member: ConsoleMember): OrderScope & { merchantId: string } {
  return member.role === "DEALER" ? { merchantId: member.merchantId, storeIds: member.storeIds } : { merchantId: member.merchantId };
}

/** May this member see an order of that store? */
export function seesStore(member: ConsoleMember, storeId: string | null): boolean {
  return member.role !== "DEALER" || (storeId !== null && member.storeIds.includes(storeId));
}
