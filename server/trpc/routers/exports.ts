import { z } from "zod";
import { createExportSchema, EXPORT_SOURCES } from "@/server/domain/export-schema";
import { createExport } from "@/server/services/exports/create-export";
import { getExport, listExports } from "@/server/services/exports/list-exports";
import { merchantProcedure, router } from "../procedures";

/**
 * Exports of the ledger (ledger.read), orders and refunds (orders.export), the order center
 * (orderCenter.export, a DEALER's narrowed to its stores): create one, poll its progress, list the
 * recent ones (each member its own). Every role but DEALER has merchant.read; orderCenter.read is that plus DEALER. Files download from GET /api/exports/{id} (the requester only).
 */
export const exportsRouter = router({
  create: merchantProcedure("orderCenter.read")
    .input(z.object({ request: createExportSchema }))
    .mutation(({ ctx, input }) => createExport({ merchantId: ctx.merchant.id, userId: ctx.user.id, role: ctx.role, storeIds: ctx.storeIds, request: input.request })),
  get: merchantProcedure("orderCenter.read")
    .input(z.object({ exportId: z.string().regex(/^exp_[0-9a-z]{1,40}$/) }))
    .query(({ ctx, input }) => getExport(ctx.merchant.id, ctx.user.id, input.exportId)),
  list: merchantProcedure("orderCenter.read")
    .input(z.object({ source: z.enum(EXPORT_SOURCES).optional() }))
    .query(({ ctx, input }) => listExports(ctx.merchant.id, ctx.user.id, input.source)),
});
