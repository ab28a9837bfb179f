import { merchantProfileSchema } from "@/server/domain/merchant-profile-schema";
import { userActor } from "@/server/services/audit/record-audit";
import { getMerchantProfile } from "@/server/services/onboarding/get-merchant-profile";
import { submitForReview } from "@/server/services/onboarding/submit-for-review";
import { updateMerchantProfile } from "@/server/services/onboarding/update-merchant-profile";
import { merchantProcedure, router } from "../procedures";

/** The merchant's company profile and its submission for review (OWNER). */
export const profileRouter = router({
  get: merchantProcedure("merchant.manage").query(({ ctx }) => getMerchantProfile(ctx.merchant.id)),
  update: merchantProcedure("merchant.manage")
    .input(merchantProfileSchema)
    .mutation(async ({ ctx, input }) => {
      const { mchNo: _, ...values } = input;
      await updateMerchantProfile({ merchantId: ctx.merchant.id, actor: userActor(ctx), values });
      return getMerchantProfile(ctx.merchant.id);
    }),
  submit: merchantProcedure("merchant.manage").mutation(async ({ ctx }) => {
    await submitForReview({ merchantId: ctx.merchant.id, actor: userActor(ctx) });
    return getMerchantProfile(ctx.merchant.id);
  }),
});
