import { userActor } from "@/server/services/audit/record-audit";
import { listRiskDecisions } from "@/server/services/risk-console/decisions";
import { addRiskListEntry, listRiskListEntries, removeRiskListEntry } from "@/server/services/risk-console/lists";
import { parseRiskListEntry, parseRiskRule } from "@/server/services/risk-console/parse-input";
import { listRiskReviews } from "@/server/services/risk-console/reviews";
import { createRiskRule, deleteRiskRule, listRiskRules, setRiskRuleStatus, updateRiskRule } from "@/server/services/risk-console/rules";
import { adminProcedure, router } from "../procedures";
import { riskInputs } from "./risk";

const PLATFORM = { merchantId: null };

// The operators' risk control: platform rules and blacklists (every merchant), decisions and reviews of all merchants (read-only).
export const adminRiskRouter = router({
  rules: adminProcedure.query(() => listRiskRules(PLATFORM)),
  createRule: adminProcedure.input(riskInputs.rule).mutation(({ ctx, input }) => createRiskRule(PLATFORM, userActor(ctx), parseRiskRule(input.rule))),
  updateRule: adminProcedure.input(riskInputs.update).mutation(({ ctx, input }) => updateRiskRule(PLATFORM, userActor(ctx), input.id, parseRiskRule(input.rule), input.basedOn)),
  setRuleStatus: adminProcedure.input(riskInputs.status).mutation(({ ctx, input }) => setRiskRuleStatus(PLATFORM, userActor(ctx), input.id, input.status)),
  deleteRule: adminProcedure.input(riskInputs.id).mutation(({ ctx, input }) => deleteRiskRule(PLATFORM, userActor(ctx), input.id)),
  lists: adminProcedure.input(riskInputs.lists).query(({ input }) => listRiskListEntries(PLATFORM, input)),
  addListEntry: adminProcedure.input(riskInputs.entry).mutation(({ ctx, input }) => addRiskListEntry(PLATFORM, userActor(ctx), parseRiskListEntry(input.entry))),
  removeListEntry: adminProcedure.input(riskInputs.id).mutation(({ ctx, input }) => removeRiskListEntry(PLATFORM, userActor(ctx), input.id)),
  decisions: adminProcedure.input(riskInputs.decisions).query(({ input }) => listRiskDecisions(undefined, input)),
  reviews: adminProcedure.input(riskInputs.reviews).query(({ input }) => listRiskReviews(undefined, { status: input.status })),
});
