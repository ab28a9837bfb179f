import { db } from "@/server/db";
import { parseStoredRule, type RouteRuleInput, type RouteRuleSet } from "@/server/domain/route-rule-schema";
import { AppError } from "@/server/errors";
import { type AuditActor, recordAudit } from "@/server/services/audit/record-audit";
import { ensureDefaultRouteRule } from "./ensure-default-route-rule";
import { forgetRouteRules } from "./load-routing-state";

export type RoutingApp = { id: string; name: string; mode: string; status: string; routeVersion: number };

/** The merchant's app, or NOT_FOUND (never another merchant's). */
export async function findRoutingApp(merchantId: string, appId: string): Promise<RoutingApp> {
  const app = await db.app.findFirst({ where: { id: appId, merchantId }, select: { id: true, name: true, mode: true, status: true, routeVersion: true } });
  if (!app) throw new AppError("NOT_FOUND", "no such app");
  return app;
}

/** An app's rules in order (the default rule last), with the version an edit must be based on. */
export async function listRouteRules(merchantId: string, appId: string): Promise<{ version: number; rules: (RouteRuleInput & { id: string })[] }> {
  const app = await findRoutingApp(merchantId, appId);
  const rows = await db.routeRule.findMany({ where: { appId }, orderBy: [{ isDefault: "asc" }, { position: "asc" }] });
  if (!rows.some((r) => r.isDefault)) {
    await db.$transaction((tx) => ensureDefaultRouteRule(tx, appId));
    return listRouteRules(merchantId, appId);
  }
  return {
    version: app.routeVersion,
    rules: rows.flatMap((row) => {
      const rule = parseStoredRule(row);
      return rule ? [{ ...rule, id: row.id }] : [];
    }),
  };
}

const snapshot = (rule: RouteRuleInput, position: number) => ({
  name: rule.name,
  enabled: rule.enabled,
  position,
  conditions: rule.conditions,
  strategy: rule.strategy,
  params: rule.params,
  targets: rule.targets,
});

/**
 * Replaces an app's rule set as edited in the console (order = position), based on `version`: an
 * edit made on an older version is refused (CONFLICT), never silently merged. Rules keep their ids;
 * the default rule stays the one it was. Every created, changed, moved or deleted rule is audited,
 * and the app's routeVersion is bumped in the same transaction: the next payment on every node
 * routes with the new rules.
 */
export async function saveRouteRules(merchantId: string, actor: AuditActor, input: RouteRuleSet & { version: number }) {
  const app = await findRoutingApp(merchantId, input.appId);
  const accountIds = new Set((await db.channelAccount.findMany({ where: { appId: app.id }, select: { id: true } })).map((a) => a.id));
  input.rules.forEach((rule, i) => {
    const j = rule.targets.findIndex((t) => !accountIds.has(t.accountId));
    if (j >= 0) throw new AppError("VALIDATION_FAILED", "not a channel account of this app", { field: `rules.${i}.targets.${j}.accountId` });
  });

  await db.$transaction(async (tx) => {
    const bumped = await tx.app.updateMany({ where: { id: app.id, routeVersion: input.version }, data: { routeVersion: { increment: 1 } } });
    if (bumped.count === 0) throw new AppError("CONFLICT", "the rules were changed meanwhile: reload and edit again");
    await ensureDefaultRouteRule(tx, app.id);
    const existing = await tx.routeRule.findMany({ where: { appId: app.id } });
    const byId = new Map(existing.map((r) => [r.id, r]));
    const defaultRow = existing.find((r) => r.isDefault)!;
    const kept = new Set<string>();

    for (const [position, rule] of input.rules.entries()) {
      const id = rule.isDefault ? defaultRow.id : rule.id;
      const before = id ? byId.get(id) : undefined;
      if (id && (!before || before.isDefault !== rule.isDefault)) {
        throw new AppError("VALIDATION_FAILED", "unknown rule", { field: `rules.${position}.id` });
      }
      const after = snapshot(rule, position);
      if (before) {
        kept.add(before.id);
        const old = parseStoredRule(before);
        const beforeSnapshot = old ? snapshot(old, before.position) : { name: before.name };
        if (JSON.stringify(beforeSnapshot) === JSON.stringify(after)) continue;
        await tx.routeRule.update({ where: { id: before.id }, data: after });
        await recordAudit(tx, actor, { merchantId, action: "route_rule.updated", targetType: "route_rule", targetId: before.id, before: beforeSnapshot, after });
      } else {
        const created = await tx.routeRule.create({ data: { merchantId, appId: app.id, isDefault: false, ...after } });
        await recordAudit(tx, actor, { merchantId, action: "route_rule.created", targetType: "route_rule", targetId: created.id, after });
      }
    }
    for (const row of existing.filter((r) => !kept.has(r.id) && !r.isDefault)) {
      await tx.routeRule.delete({ where: { id: row.id } });
      await recordAudit(tx, actor, { merchantId, action: "route_rule.deleted", targetType: "route_rule", targetId: row.id, before: { name: row.name, strategy: row.strategy, conditions: row.conditions as object, targets: row.targets as object } });
    }
  });
  forgetRouteRules(app.id);
  return listRouteRules(merchantId, app.id);
}
