import { z } from "zod";
import { ledgerFiltersSchema, ledgerPageSchema } from "@/server/domain/ledger-schema";
import { ledgerFilterOptions } from "@/server/services/ledger/ledger-filter-options";
import { ledgerTotals } from "@/server/services/ledger/ledger-totals";
import { listLedger } from "@/server/services/ledger/list-ledger";
import { merchantProcedure, router } from "../procedures";

export const ledgerRouter = router({
  page: merchantProcedure("ledger.read")
    .input(ledgerPageSchema)
    .query(({ ctx, input }) => listLedger({ merchantId: ctx.merchant.id, filters: input.filters, cursor: input.cursor, limit: input.limit })),
  totals: merchantProcedure("ledger.read")
    .input(z.object({ filters: ledgerFiltersSchema }))
    .query(({ ctx, input }) => ledgerTotals(ctx.merchant.id, input.filters)),
  options: merchantProcedure("ledger.read").query(({ ctx }) => ledgerFilterOptions(ctx.merchant.id)),
});
