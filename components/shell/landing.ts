import { can, type MemberRole } from "@/server/domain/permissions";
import { CONSOLE_NAV } from "./nav-items";

/**
 * Where a member of a merchant lands in the console: the first page of the navigation its role may open —
 * the overview for every role with `merchant.read`, the order center for a dealer (经销商), the POS page for a
 * store cashier (门店收银员). A path below `/console/<mchNo>` ("" is the overview).
 */
export function landingHref(role: MemberRole): string {
  for (const group of CONSOLE_NAV) {
    for (const item of group.items) {
      if (item.href !== undefined && (!item.capability || can(role, item.capability))) return item.href;
    }
  }
  return "";
}
