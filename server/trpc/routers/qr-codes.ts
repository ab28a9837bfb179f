import { z } from "zod";
import { createStaticQrSchema } from "@/server/domain/static-qr";
import { userActor } from "@/server/services/audit/record-audit";
import { createStaticQrCode } from "@/server/services/static-qr/create-code";
import { getStaticQrCode } from "@/server/services/static-qr/get-code";
import { listStaticQrCodes } from "@/server/services/static-qr/list-codes";
import { listCodeApps } from "@/server/services/static-qr/list-code-apps";
import { setStaticQrCodeEnabled } from "@/server/services/static-qr/set-code-enabled";
import { merchantProcedure, router } from "../procedures";

const id = z.object({ id: z.string().min(1).max(64) });

/** Aggregated QR codes (一码付, docs/adr/0025): the console's list, create, print view, disable / enable. */
export const qrCodesRouter = router({
  list: merchantProcedure("qrCodes.read").query(async ({ ctx }) => ({
    codes: await listStaticQrCodes(ctx.merchant.id),
    apps: await listCodeApps(ctx.merchant.id),
  })),
  get: merchantProcedure("qrCodes.read").input(id).query(({ ctx, input }) => getStaticQrCode(ctx.merchant.id, input.id)),
  create: merchantProcedure("qrCodes.manage")
    .input(createStaticQrSchema)
    .mutation(({ ctx, input }) => createStaticQrCode(ctx.merchant.id, userActor(ctx), input)),
  setEnabled: merchantProcedure("qrCodes.manage")
    .input(id.extend({ enabled: z.boolean() }))
    .mutation(({ ctx, input }) => setStaticQrCodeEnabled(ctx.merchant.id, userActor(ctx), input.id, input.enabled)),
});
