import { listMemberships } from "@/server/services/merchants/list-memberships";
import { protectedProcedure, router } from "../procedures";

export const viewerRouter = router({
  /** The signed-in user and the merchants they belong to. */
  me: protectedProcedure.query(async ({ ctx }) => ({
    user: ctx.user,
    memberships: await listMemberships(ctx.user.id),
  })),
});
