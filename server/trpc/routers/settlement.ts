import { z } from "zod";
import { can } from "@/server/domain/permissions";
import { lineEntriesSchema, payoutSchema, settlementSettingSchema, statementFiltersSchema, statementNoSchema, voidSchema } from "@/server/domain/settlement-schema";
import { userActor } from "@/server/services/audit/record-audit";
import { cutStatements } from "@/server/services/settlement/cut-statements";
import { getStatement } from "@/server/services/settlement/get-statement";
import { listLineEntries } from "@/server/services/settlement/list-line-entries";
import { listStatements } from "@/server/services/settlement/list-statements";
import { getSettlementSetting, updateSettlementSetting } from "@/server/services/settlement/settlement-settings";
import { confirmStatement, recordPayout, voidStatement } from "@/server/services/settlement/statement-lifecycle";
import { merchantProcedure, router } from "../procedures";

const byStatement = z.object({ statementNo: statementNoSchema });

/**
 * Settlement (结算) for finance: statements and their lines (each line's journal entries), the steps of
 * a statement (confirm, record the payout, void), the settlement cycle, and a cut on demand. Reads need
 * settlement.read, every change settlement.manage.
 */
export const settlementRouter = router({
  list: merchantProcedure("settlement.read")
    .input(statementFiltersSchema)
    .query(async ({ ctx, input }) => ({ ...(await listStatements(ctx.merchant.id, input)), mayManage: can(ctx.role, "settlement.manage") })),
  get: merchantProcedure("settlement.read")
    .input(byStatement)
    .query(async ({ ctx, input }) => ({ ...(await getStatement(ctx.merchant.id, input.statementNo)), mayManage: can(ctx.role, "settlement.manage") })),
  lineEntries: merchantProcedure("settlement.read")
    .input(lineEntriesSchema)
    .query(({ ctx, input }) =>
      listLineEntries(ctx.merchant.id, input.statementNo, BigInt(input.lineId), input.cursor ? BigInt(input.cursor) : null, input.limit),
    ),
  confirm: merchantProcedure("settlement.manage")
    .input(byStatement)
    .mutation(({ ctx, input }) => confirmStatement(ctx.merchant.id, input.statementNo, { id: ctx.user.id, actor: userActor(ctx) })),
  void: merchantProcedure("settlement.manage")
    .input(byStatement.merge(voidSchema))
    .mutation(({ ctx, input }) => voidStatement(ctx.merchant.id, input.statementNo, input.reason, { id: ctx.user.id, actor: userActor(ctx) })),
  payout: merchantProcedure("settlement.manage")
    .input(byStatement.merge(payoutSchema))
    .mutation(({ ctx, input }) =>
      recordPayout(ctx.merchant.id, input.statementNo, { reference: input.reference, paidAt: input.paidAt, note: input.note }, { id: ctx.user.id, actor: userActor(ctx) }),
    ),
  settings: merchantProcedure("settlement.read").query(async ({ ctx }) => ({
    ...(await getSettlementSetting(ctx.merchant.id)),
    mayManage: can(ctx.role, "settlement.manage"),
  })),
  updateSettings: merchantProcedure("settlement.manage")
    .input(settlementSettingSchema)
    .mutation(({ ctx, input }) => updateSettlementSetting(ctx.merchant.id, { cycle: input.cycle, scope: input.scope, source: input.source }, { id: ctx.user.id, actor: userActor(ctx) })),
  cutNow: merchantProcedure("settlement.manage").mutation(({ ctx }) => cutStatements(ctx.merchant.id, new Date(), userActor(ctx))),
});
