import { db, type Tx } from "@/server/db";
import type { RuleCreateInput, RuleUpdateInput } from "@/server/domain/profit-sharing-schema";
import { AppError } from "@/server/errors";
import type { Prisma } from "@/server/generated/prisma/client.ts";
import { type AuditActor, recordAudit } from "@/server/services/audit/record-audit";

export const ruleSelect = {
  id: true,
  appId: true,
  name: true,
  receiverId: true,
  mode: true,
  ratioBps: true,
  amount: true,
  match: true,
  storeId: true,
  metadataKey: true,
  metadataValue: true,
  enabled: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.ProfitShareRuleSelect;

export type RuleView = Prisma.ProfitShareRuleGetPayload<{ select: typeof ruleSelect }>;

/** The merchant's rules, optionally of one app, in the order they are applied (oldest first). */
export async function listRules(merchantId: string, filter: { appId?: string } = {}): Promise<RuleView[]> {
  return db.profitShareRule.findMany({ where: { merchantId, appId: filter.appId }, orderBy: { createdAt: "asc" }, select: ruleSelect });
}

function ruleData(input: Omit<RuleCreateInput, "appId">) {
  return {
    name: input.name,
    receiverId: input.receiverId,
    mode: input.mode,
    ratioBps: input.mode === "RATIO" ? (input.ratioBps ?? null) : null,
    amount: input.mode === "FIXED" ? (input.amount ?? null) : null,
    match: input.match,
    storeId: input.match === "STORE" ? (input.storeId ?? null) : null,
    metadataKey: input.match === "METADATA" ? (input.metadataKey ?? null) : null,
    metadataValue: input.match === "METADATA" ? (input.metadataValue ?? null) : null,
  };
}

const snapshot = (r: RuleView) => ({ ...r, amount: r.amount?.toString() ?? null, createdAt: undefined, updatedAt: undefined });

async function activeReceiverOfApp(tx: Tx, merchantId: string, appId: string, receiverId: string) {
  const receiver = await tx.profitShareReceiver.findFirst({ where: { id: receiverId, merchantId, appId, status: "ACTIVE" }, select: { id: true } });
  if (!receiver) throw new AppError("RECEIVER_NOT_FOUND", "no such receiver in this app", { field: "receiverId" });
}

async function ruleOf(tx: Tx, merchantId: string, ruleId: string): Promise<RuleView> {
  const rule = await tx.profitShareRule.findFirst({ where: { id: ruleId, merchantId }, select: ruleSelect });
  if (!rule) throw new AppError("NOT_FOUND", "no such rule");
  return rule;
}

export async function createRule(merchantId: string, actor: AuditActor, input: RuleCreateInput): Promise<RuleView> {
  return db.$transaction(async (tx) => {
    const app = await tx.app.findFirst({ where: { id: input.appId, merchantId }, select: { id: true } });
    if (!app) throw new AppError("NOT_FOUND", "no such app", { field: "appId" });
    await activeReceiverOfApp(tx, merchantId, app.id, input.receiverId);
    const rule = await tx.profitShareRule.create({ data: { merchantId, appId: app.id, ...ruleData(input) }, select: ruleSelect });
    await recordAudit(tx, actor, { merchantId, action: "profit_share_rule.created", targetType: "profit_share_rule", targetId: rule.id, after: snapshot(rule) });
    return rule;
  });
}

export async function updateRule(merchantId: string, actor: AuditActor, input: RuleUpdateInput): Promise<RuleView> {
  return db.$transaction(async (tx) => {
    const before = await ruleOf(tx, merchantId, input.ruleId);
    await activeReceiverOfApp(tx, merchantId, before.appId, input.receiverId);
    const rule = await tx.profitShareRule.update({ where: { id: before.id }, data: ruleData(input), select: ruleSelect });
    await recordAudit(tx, actor, {
      merchantId,
      action: "profit_share_rule.updated",
      targetType: "profit_share_rule",
      targetId: rule.id,
      before: snapshot(before),
      after: snapshot(rule),
    });
    return rule;
  });
}

export async function setRuleEnabled(merchantId: string, actor: AuditActor, ruleId: string, enabled: boolean): Promise<RuleView> {
  return db.$transaction(async (tx) => {
    const before = await ruleOf(tx, merchantId, ruleId);
    if (before.enabled === enabled) return before;
    if (enabled) await activeReceiverOfApp(tx, merchantId, before.appId, before.receiverId);
    const rule = await tx.profitShareRule.update({ where: { id: before.id }, data: { enabled }, select: ruleSelect });
    await recordAudit(tx, actor, {
      merchantId,
      action: enabled ? "profit_share_rule.enabled" : "profit_share_rule.disabled",
      targetType: "profit_share_rule",
      targetId: rule.id,
      before: { enabled: before.enabled },
      after: { enabled },
    });
    return rule;
  });
}

export async function deleteRule(merchantId: string, actor: AuditActor, ruleId: string): Promise<{ id: string }> {
  return db.$transaction(async (tx) => {
    const before = await ruleOf(tx, merchantId, ruleId);
    await tx.profitShareRule.delete({ where: { id: before.id } });
    await recordAudit(tx, actor, { merchantId, action: "profit_share_rule.deleted", targetType: "profit_share_rule", targetId: before.id, before: snapshot(before) });
    return { id: before.id };
  });
}
