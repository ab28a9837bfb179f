import { z } from "zod";
import { dealerStoresField, inviteMemberSchema, memberRoleField } from "@/server/domain/member-schema";
import { userActor } from "@/server/services/audit/record-audit";
import { changeMemberRole } from "@/server/services/members/change-member-role";
import { inviteMember } from "@/server/services/members/invite-member";
import { listMembers } from "@/server/services/members/list-members";
import { removeMember } from "@/server/services/members/remove-member";
import { revokeInvitation } from "@/server/services/members/revoke-invitation";
import { setDealerStores } from "@/server/services/members/set-dealer-stores";
import { merchantProcedure, router } from "../procedures";

const id = z.uuid();

/** Members and invitations of a merchant (OWNER). */
export const membersRouter = router({
  list: merchantProcedure("members.manage").query(({ ctx }) => listMembers(ctx.merchant.id)),
  invite: merchantProcedure("members.manage")
    .input(inviteMemberSchema)
    .mutation(({ ctx, input }) =>
      inviteMember({ merchantId: ctx.merchant.id, email: input.email, role: input.role, storeIds: input.storeIds, actor: { type: "USER", id: ctx.user.id, ip: ctx.ip } }),
    ),
  revokeInvitation: merchantProcedure("members.manage")
    .input(z.object({ invitationId: id }))
    .mutation(({ ctx, input }) => revokeInvitation({ merchantId: ctx.merchant.id, invitationId: input.invitationId, actor: userActor(ctx) })),
  changeRole: merchantProcedure("members.manage")
    .input(z.object({ membershipId: id, role: memberRoleField }))
    .mutation(({ ctx, input }) =>
      changeMemberRole({ merchantId: ctx.merchant.id, membershipId: input.membershipId, role: input.role, actor: userActor(ctx) }),
    ),
  setStores: merchantProcedure("members.manage")
    .input(z.object({ membershipId: id, storeIds: dealerStoresField }))
    .mutation(({ ctx, input }) => setDealerStores({ merchantId: ctx.merchant.id, membershipId: input.membershipId, storeIds: input.storeIds, actor: userActor(ctx) })),
  remove: merchantProcedure("members.manage")
    .input(z.object({ membershipId: id }))
    .mutation(({ ctx, input }) => removeMember({ merchantId: ctx.merchant.id, membershipId: input.membershipId, actor: userActor(ctx) })),
});
