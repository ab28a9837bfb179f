import { z } from "zod";
import { inviteSignUpSchema, signUpSchema } from "@/server/domain/account-schema";
import { signUp } from "@/server/services/accounts/sign-up";
import { acceptInvitation, signUpWithInvitation } from "@/server/services/members/accept-invitation";
import { getInvitation } from "@/server/services/members/get-invitation";
import { protectedProcedure, publicProcedure, router } from "../procedures";

const tokenInput = z.object({ token: z.string().min(20).max(100).regex(/^[A-Za-z0-9_-]+$/) });

/** Before membership: signing up, and joining a merchant through an invitation link. */
export const accountRouter = router({
  signUp: publicProcedure
    .input(signUpSchema)
    .mutation(({ ctx, input }) => signUp({ values: input, ip: ctx.ip }).then(({ mchNo }) => ({ mchNo }))),
  invitation: publicProcedure.input(tokenInput).query(({ input }) => getInvitation(input.token)),
  signUpWithInvitation: publicProcedure
    .input(tokenInput.extend(inviteSignUpSchema.shape))
    .mutation(({ ctx, input }) => signUpWithInvitation({ token: input.token, name: input.name, password: input.password, ip: ctx.ip })),
  acceptInvitation: protectedProcedure
    .input(tokenInput)
    .mutation(({ ctx, input }) => acceptInvitation({ token: input.token, user: ctx.user, ip: ctx.ip })),
});
