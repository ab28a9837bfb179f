import { z } from "zod";
import { emailField } from "./form-text";
import { MEMBER_ROLES } from "./permissions";

export const memberRoleField = z.enum(MEMBER_ROLES, { error: "roleInvalid" });

/** A store id as orders carry it (OPEN-API.md: 1–64 of [A-Za-z0-9_-]). */
export const storeIdField = z.string().trim().regex(/^[A-Za-z0-9_-]{1,64}$/, { error: "storeIdInvalid" });

/** A dealer's stores (经销商门店): 1–50 store ids, duplicates dropped. */
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
  .refine((v) => v.role !== "DEALER" || v.storeIds.length > 0, { error: "storesRequired", path: ["storeIds"] })
  .transform((v) => ({ ...v, storeIds: v.role === "DEALER" ? v.storeIds : [] }));
export type InviteMemberInput = z.input<typeof inviteMemberSchema>;

/** Invitations are valid for 7 days. */
export const INVITATION_TTL_MS = 7 * 24 * 3600_000;

/** The server's words for the two ways an invitation can collide, so the form can show the right field error. */
export const INVITE_CONFLICTS = {
  alreadyMember: "this email is already a member",
  invitePending: "this email already has an open invitation",
} as const;
