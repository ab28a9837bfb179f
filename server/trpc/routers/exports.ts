import { z } from "zod";
import { createExportSchema, EXPORT_SOURCES } from "@/server/domain/export-schema";
import { createExport } from "@/server/services/exports/create-export";
import { getExport, listExports } from "@/server/services/exports/list-exports";
import { merchantProcedure, router } from "../procedures";

/**
 * Exports of the ledger (ledger.read), orders and refunds (orders.export): create one, poll its
 * progress, list the recent ones. Files download from GET /api/exports/{id} (the requester only).
 */
export const exportsRouter = router({
  create: merchantProcedure("merchant.read")
    .input(z.object({ request: createExportSchema }))
    .mutation(({ ctx, input }) => createExport({ merchantId: ctx.merchant.id, userId: ctx.user.id, role: ctx.role, request: input.request })),
  get: merchantProcedure("merchant.read")
    .input(z.object({ exportId: z.string().regex(/^exp_[0-9a-z]{1,40}$/) }))
    .query(({ ctx, input }) => getExport(ctx.merchant.id, ctx.user.id, input.exportId)),
  list: merchantProcedure("merchant.read")
    .input(z.object({ source: z.enum(EXPORT_SOURCES).optional() }))
    .query(({ ctx, input }) => listExports(ctx.merchant.id, ctx.user.id, input.source)),
});
