import { z } from "zod";
import { appSettingsSchema, createAppSchema, rotateSecretSchema } from "@/server/domain/app-schema";
import { userActor } from "@/server/services/audit/record-audit";
import { createApp } from "@/server/services/apps/create-app";
import { getApp } from "@/server/services/apps/get-app";
import { rotateAppSecret } from "@/server/services/apps/rotate-app-secret";
import { sendTestRequest } from "@/server/services/apps/send-test-request";
import { setAppStatus } from "@/server/services/apps/set-app-status";
import { updateApp } from "@/server/services/apps/update-app";
import { merchantProcedure, router } from "../procedures";

const appId = z.object({ appId: z.string().min(1).max(64) });

/** Apps and their keys (the seed's 支付标识). The list itself is merchant.apps. */
export const appsRouter = router({
  get: merchantProcedure("apps.read").input(appId).query(({ ctx, input }) => getApp(ctx.merchant.id, input.appId)),
  create: merchantProcedure("apps.manage")
    .input(createAppSchema)
    .mutation(({ ctx, input }) => createApp(ctx.merchant, userActor(ctx), input)),
  update: merchantProcedure("apps.manage")
    .input(appId.extend(appSettingsSchema.shape))
    .mutation(({ ctx, input: { appId: id, ...settings } }) => updateApp(ctx.merchant.id, userActor(ctx), id, settings)),
  setStatus: merchantProcedure("apps.manage")
    .input(appId.extend({ status: z.enum(["ACTIVE", "DISABLED"]) }))
    .mutation(({ ctx, input }) => setAppStatus(ctx.merchant.id, userActor(ctx), input.appId, input.status)),
  rotateSecret: merchantProcedure("keys.manage")
    .input(appId.extend(rotateSecretSchema.shape))
    .mutation(({ ctx, input }) => rotateAppSecret(ctx.merchant.id, userActor(ctx), input.appId, input.graceHours)),
  sendTestRequest: merchantProcedure("keys.manage")
    .input(appId)
    .mutation(({ ctx, input }) => sendTestRequest(ctx.merchant.id, input.appId)),
});
