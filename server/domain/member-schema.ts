import { z } from "zod";
import { emailField } from "./form-text";
import { MEMBER_ROLES } from "./permissions";

export const memberRoleField = z.enum(MEMBER_ROLES, { error: "roleInvalid" });

export const inviteMemberSchema = z.object({
  email: emailField,
  role: memberRoleField,
});
export type InviteMemberInput = z.input<typeof inviteMemberSchema>;

/** Invitations are valid for 7 days. */
export const INVITATION_TTL_MS = 7 * 24 * 3600_000;

/** The server's words for the two ways an invitation can collide, so the form can show the right field error. */
export const INVITE_CONFLICTS = {
  alreadyMember: "this email is already a member",
  invitePending: "this email already has an open invitation",
} as const;
