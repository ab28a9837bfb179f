import { z } from "zod";
import { rsaKeyInputSchema } from "@/server/domain/rsa-key-schema";
import { userActor } from "@/server/services/audit/record-audit";
import { getAppRsaKey, removeAppRsaKey, setAppRsaKey } from "@/server/services/apps/app-rsa-key";
import { merchantProcedure, router } from "../procedures";

const appId = z.object({ appId: z.string().min(1).max(64) });

/** An app's RSA public key for RSA-SHA256 request signatures (besides its HMAC secret). */
export const appKeysRouter = router({
  rsaKey: merchantProcedure("apps.read")
    .input(appId)
    .query(({ ctx, input }) => getAppRsaKey(ctx.merchant.id, input.appId)),
  setRsaKey: merchantProcedure("keys.manage")
    .input(appId.extend(rsaKeyInputSchema.shape))
    .mutation(({ ctx, input }) => setAppRsaKey(ctx.merchant.id, userActor(ctx), input.appId, input.publicKey)),
  removeRsaKey: merchantProcedure("keys.manage")
    .input(appId)
    .mutation(({ ctx, input }) => removeAppRsaKey(ctx.merchant.id, userActor(ctx), input.appId)),
});
