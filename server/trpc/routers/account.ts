import { z } from "zod";
import { forgotPasswordSchema, inviteSignUpSchema, resetPasswordSchema, signUpSchema } from "@/server/domain/account-schema";
import { LOCALES } from "@/server/i18n/locales";
import { requestPasswordReset } from "@/server/services/accounts/request-password-reset";
import { getPasswordReset, resetPassword } from "@/server/services/accounts/reset-password";
import { signUp } from "@/server/services/accounts/sign-up";
import { acceptInvitation, signUpWithInvitation } from "@/server/services/members/accept-invitation";
import { getInvitation } from "@/server/services/members/get-invitation";
import { protectedProcedure, publicProcedure, router } from "../procedures";

const tokenInput = z.object({ token: z.string().min(20).max(100).regex(/^[A-Za-z0-9_-]+$/) });

/** Before membership: signing up, joining a merchant through an invitation link, and resetting a forgotten password. */
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
  requestPasswordReset: publicProcedure
    .input(forgotPasswordSchema.extend({ locale: z.enum(LOCALES).default("zh-CN") }))
    .output(z.object({ sent: z.literal(true) }))
    .mutation(({ ctx, input }) => requestPasswordReset({ email: input.email, ip: ctx.ip, locale: input.locale })),
  passwordReset: publicProcedure
    .input(tokenInput)
    .output(z.object({ state: z.enum(["open", "invalid"]) }))
    .query(({ input }) => getPasswordReset(input.token)),
  resetPassword: publicProcedure
    .input(tokenInput.extend(resetPasswordSchema.shape))
    .output(z.object({ email: z.string() }))
    .mutation(({ input }) => resetPassword({ token: input.token, password: input.password })),
});
