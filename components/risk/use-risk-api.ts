"use client";

import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/provider";
import type { RiskListEntryInput, RiskRuleInput } from "@/server/domain/risk-rule-schema";

/**
 * The rule and list mutations of one scope: a merchant's (`mchNo`, the console's `risk` router) or the platform's
 * (no mchNo, the operators' `adminRisk` router). The same panels serve both.
 */
export function useRiskApi(mchNo: string | undefined) {
  const trpc = useTRPC();
  const m = {
    create: useMutation(trpc.risk.createRule.mutationOptions()),
    createA: useMutation(trpc.adminRisk.createRule.mutationOptions()),
    update: useMutation(trpc.risk.updateRule.mutationOptions()),
    updateA: useMutation(trpc.adminRisk.updateRule.mutationOptions()),
    status: useMutation(trpc.risk.setRuleStatus.mutationOptions()),
    statusA: useMutation(trpc.adminRisk.setRuleStatus.mutationOptions()),
    remove: useMutation(trpc.risk.deleteRule.mutationOptions()),
    removeA: useMutation(trpc.adminRisk.deleteRule.mutationOptions()),
    add: useMutation(trpc.risk.addListEntry.mutationOptions()),
    addA: useMutation(trpc.adminRisk.addListEntry.mutationOptions()),
    unlist: useMutation(trpc.risk.removeListEntry.mutationOptions()),
    unlistA: useMutation(trpc.adminRisk.removeListEntry.mutationOptions()),
  };
  return {
    createRule: (rule: RiskRuleInput) => (mchNo ? m.create.mutateAsync({ mchNo, rule }) : m.createA.mutateAsync({ rule })),
    updateRule: (id: string, basedOn: Date, rule: RiskRuleInput) => (mchNo ? m.update.mutateAsync({ mchNo, id, basedOn, rule }) : m.updateA.mutateAsync({ id, basedOn, rule })),
    setStatus: (id: string, status: "ACTIVE" | "DISABLED") => (mchNo ? m.status.mutateAsync({ mchNo, id, status }) : m.statusA.mutateAsync({ id, status })),
    deleteRule: (id: string) => (mchNo ? m.remove.mutateAsync({ mchNo, id }) : m.removeA.mutateAsync({ id })),
    addEntry: (entry: RiskListEntryInput) => (mchNo ? m.add.mutateAsync({ mchNo, entry }) : m.addA.mutateAsync({ entry })),
    removeEntry: (id: string) => (mchNo ? m.unlist.mutateAsync({ mchNo, id }) : m.unlistA.mutateAsync({ id })),
  };
}
