import { z } from "zod";
import { emailField } from "./form-text";
import { MEMBER_ROLES, type MemberRole } from "./permissions";

export const memberRoleField = z.enum(MEMBER_ROLES, { error: "roleInvalid" });

/** A store id as orders carry it (OPEN-API.md: 1–64 of [A-Za-z0-9_-]). */
export const storeIdField = z.string().trim().regex(/^[A-Za-z0-9_-]{1,64}$/, { error: "storeIdInvalid" });

/** The roles narrowed to their own stores (Membership.storeIds): a dealer (经销商) and a store cashier (门店收银员). */
export const STORE_SCOPED_ROLES = ["DEALER", "CASHIER"] as const satisfies readonly MemberRole[];

/** Whether the role is narrowed to stores, so that inviting it needs them and joining copies them. */
export function hasStores(role: MemberRole): boolean {
  return (STORE_SCOPED_ROLES as readonly MemberRole[]).includes(role);
}

/** A dealer's or cashier's stores: 1–50 store ids, duplicates dropped. */
export const dealerStoresField = z
  .array(storeIdField)
  .max(50, { error: "tooManyStores" })
  .transform((ids) => [...new Set(ids)]);

/** "S01, S02 S03" as typed into the stores box → the list. */
export function parseStoreList(text: string): string[] {
  return text.split(/[\s,，;；]+/).filter(Boolean);
}

export const inviteMemberSchema = z
  .object({
    email: emailField,
    role: memberRoleField,
    storeIds: dealerStoresField.default([]),
  })
  .refine((v) => !hasStores(v.role) || v.storeIds.length > 0, { error: "storesRequired", path: ["storeIds"] })
  .transform((v) => ({ ...v, storeIds: hasStores(v.role) ? v.storeIds : [] }));
export type InviteMemberInput = z.input<typeof inviteMemberSchema>;

/** Invitations are valid for 7 days. */
export const INVITATION_TTL_MS = 7 * 24 * 3600_000;

/** The server's words for the two ways an invitation can collide, so the form can show the right field error. */
export const INVITE_CONFLICTS = {
  alreadyMember: "this email is already a member",
  invitePending: "this email already has an open invitation",
} as const;
