import { z } from "zod";
import { singleLine } from "@/server/domain/form-text";
import { can } from "@/server/domain/permissions";
import { RISK_ACTIONS, RISK_LIST_KINDS } from "@/server/domain/risk-rule-schema";
import { userActor } from "@/server/services/audit/record-audit";
import { listRiskDecisions } from "@/server/services/risk-console/decisions";
import { addRiskListEntry, listRiskListEntries, removeRiskListEntry } from "@/server/services/risk-console/lists";
import { parseRiskListEntry, parseRiskRule } from "@/server/services/risk-console/parse-input";
import { decideRiskReview, findRiskReview, listRiskReviews } from "@/server/services/risk-console/reviews";
import { createRiskRule, deleteRiskRule, listRiskRules, setRiskRuleStatus, updateRiskRule } from "@/server/services/risk-console/rules";
import { MAX_WHAT_IF_DAYS, simulateRiskRule } from "@/server/services/risk-console/what-if";
import { merchantProcedure, router } from "../procedures";

const read = merchantProcedure("risk.read");
const manage = merchantProcedure("risk.manage");
const id = z.string().min(1).max(64);

/** Shared by the console's `risk` and the operators' `adminRisk` routers. */
export const riskInputs = {
  rule: z.object({ rule: z.unknown() }),
  update: z.object({ id, basedOn: z.coerce.date(), rule: z.unknown() }),
  status: z.object({ id, status: z.enum(["ACTIVE", "DISABLED"]) }),
  id: z.object({ id }),
  lists: z.object({ kind: z.enum(RISK_LIST_KINDS).optional(), includeExpired: z.boolean().optional() }),
  entry: z.object({ entry: z.unknown() }),
  decisions: z.object({ action: z.enum(RISK_ACTIONS).optional(), orderNo: z.string().max(64).optional(), cursor: z.string().max(64).optional(), limit: z.number().int().min(1).max(100).default(20) }),
  reviews: z.object({ status: z.enum(["PENDING", "DECIDED"]).default("PENDING") }),
};

// The merchant console's risk control (风控): rules, blacklists, the review queue, decisions, the what-if.
export const riskRouter = router({
  /** What the signed-in member may do here, for the pages' buttons (the procedures check it again). */
  may: read.query(({ ctx }) => ({ manage: can(ctx.role, "risk.manage"), review: can(ctx.role, "risk.review") })),
  rules: read.query(({ ctx }) => listRiskRules({ merchantId: ctx.merchant.id })),
  createRule: manage.input(riskInputs.rule).mutation(({ ctx, input }) => createRiskRule({ merchantId: ctx.merchant.id }, userActor(ctx), parseRiskRule(input.rule))),
  updateRule: manage
    .input(riskInputs.update)
    .mutation(({ ctx, input }) => updateRiskRule({ merchantId: ctx.merchant.id }, userActor(ctx), input.id, parseRiskRule(input.rule), input.basedOn)),
  setRuleStatus: manage.input(riskInputs.status).mutation(({ ctx, input }) => setRiskRuleStatus({ merchantId: ctx.merchant.id }, userActor(ctx), input.id, input.status)),
  deleteRule: manage.input(riskInputs.id).mutation(({ ctx, input }) => deleteRiskRule({ merchantId: ctx.merchant.id }, userActor(ctx), input.id)),
  whatIf: manage
    .input(z.object({ days: z.number().int().min(1).max(MAX_WHAT_IF_DAYS), rule: z.unknown(), ruleId: id.optional() }))
    .mutation(({ ctx, input }) => simulateRiskRule(ctx.merchant.id, { days: input.days, rule: parseRiskRule(input.rule), ruleId: input.ruleId })),
  lists: read.input(riskInputs.lists).query(({ ctx, input }) => listRiskListEntries({ merchantId: ctx.merchant.id }, input)),
  addListEntry: manage.input(riskInputs.entry).mutation(({ ctx, input }) => addRiskListEntry({ merchantId: ctx.merchant.id }, userActor(ctx), parseRiskListEntry(input.entry))),
  removeListEntry: manage.input(riskInputs.id).mutation(({ ctx, input }) => removeRiskListEntry({ merchantId: ctx.merchant.id }, userActor(ctx), input.id)),
  decisions: read.input(riskInputs.decisions).query(({ ctx, input }) => listRiskDecisions(ctx.merchant.id, input)),
  reviews: read.input(riskInputs.reviews).query(({ ctx, input }) => listRiskReviews(ctx.merchant.id, { status: input.status })),
  orderReview: read
    .input(z.object({ orderNo: z.string().min(1).max(64) }))
    .query(async ({ ctx, input }) => ({ review: await findRiskReview(ctx.merchant.id, input.orderNo), mayReview: can(ctx.role, "risk.review") })),
  decideReview: merchantProcedure("risk.review")
    .input(z.object({ orderNo: z.string().min(1).max(64), decision: z.enum(["APPROVE", "REJECT"]), note: singleLine(0, 200).optional() }))
    .mutation(({ ctx, input }) => decideRiskReview(ctx.merchant.id, userActor(ctx), input)),
});
