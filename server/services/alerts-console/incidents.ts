import { db } from "@/server/db";
import type { AlertKind } from "@/server/domain/alert-rule-schema";
import { AppError } from "@/server/errors";
import { type AuditActor, recordAudit } from "@/server/services/audit/record-audit";
import type { AlertOwner } from "./owner";

export type IncidentStatus = "FIRING" | "ACKNOWLEDGED" | "RESOLVED";
/** A merchant's or the platform's incidents, or (operators) every owner's. */
export type IncidentScope = AlertOwner | { all: true };

export type IncidentView = {
  id: string;
  kind: AlertKind;
  ruleName: string | null;
  merchant: { mchNo: string; name: string } | null;
  subjectLabel: string;
  status: IncidentStatus;
  value: number | null;
  threshold: number | null;
  firstAt: Date;
  lastAt: Date;
  acknowledgedAt: Date | null;
  acknowledgedBy: string | null;
  resolvedAt: Date | null;
  /** Who resolved it by hand (from the audit log); null when the evaluator saw it recover. */
  resolvedBy: string | null;
  seen: boolean;
};

const PAGE = 50;

function scopeWhere(scope: IncidentScope) {
  return scope !== null && typeof scope === "object" ? {} : { merchantId: scope };
}

export async function listIncidents(scope: IncidentScope, filter: { status?: IncidentStatus; open?: boolean; before?: Date; limit?: number }): Promise<{ incidents: IncidentView[]; nextBefore: Date | null }> {
  const limit = filter.limit ?? PAGE;
  const rows = await db.alertIncident.findMany({
    where: { ...scopeWhere(scope), status: filter.open ? { in: ["FIRING", "ACKNOWLEDGED"] } : filter.status, firstAt: filter.before ? { lt: filter.before } : undefined },
    orderBy: [{ firstAt: "desc" }, { id: "desc" }],
    take: limit + 1,
  });
  const page = rows.slice(0, limit);
  const ids = page.map((r) => r.id);
  const [rules, merchants, resolutions] = await Promise.all([
    db.alertRule.findMany({ where: { id: { in: [...new Set(page.map((r) => r.ruleId))] } }, select: { id: true, name: true } }),
    db.merchant.findMany({ where: { id: { in: [...new Set(page.flatMap((r) => (r.merchantId ? [r.merchantId] : [])))] } }, select: { id: true, mchNo: true, name: true } }),
    db.auditLog.findMany({ where: { targetType: "AlertIncident", action: "alert_incident.resolved", targetId: { in: ids } }, select: { targetId: true, actorId: true } }),
  ]);
  const userIds = [...new Set([...page.flatMap((r) => (r.acknowledgedById ? [r.acknowledgedById] : [])), ...resolutions.flatMap((a) => (a.actorId ? [a.actorId] : []))])];
  const users = await db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } });
  const nameOf = (id: string | null | undefined) => (id ? (users.find((u) => u.id === id)?.name ?? null) : null);
  const incidents = page.map((r) => {
    const merchant = merchants.find((m) => m.id === r.merchantId);
    return {
      id: r.id,
      kind: r.kind,
      ruleName: rules.find((rule) => rule.id === r.ruleId)?.name ?? null,
      merchant: merchant ? { mchNo: merchant.mchNo, name: merchant.name } : null,
      subjectLabel: r.subjectLabel,
      status: r.status,
      value: r.value,
      threshold: r.threshold,
      firstAt: r.firstAt,
      lastAt: r.lastAt,
      acknowledgedAt: r.acknowledgedAt,
      acknowledgedBy: nameOf(r.acknowledgedById),
      resolvedAt: r.resolvedAt,
      resolvedBy: nameOf(resolutions.find((a) => a.targetId === r.id)?.actorId),
      seen: r.seenAt !== null,
    };
  });
  return { incidents, nextBefore: rows.length > limit ? page[page.length - 1].firstAt : null };
}

type Actor = { userId: string; actor: AuditActor };

/** Someone looks into it: FIRING → ACKNOWLEDGED (compare-and-set), who and when kept and audited. */
export async function acknowledgeIncident(scope: IncidentScope, incidentId: string, by: Actor): Promise<void> {
  await transition(scope, incidentId, ["FIRING"], "ACKNOWLEDGED", by);
}

/** Closed by hand: FIRING | ACKNOWLEDGED → RESOLVED; a second resolve (or the evaluator's first) is ALREADY_DECIDED. */
export async function resolveIncident(scope: IncidentScope, incidentId: string, by: Actor): Promise<void> {
  await transition(scope, incidentId, ["FIRING", "ACKNOWLEDGED"], "RESOLVED", by);
}

async function transition(scope: IncidentScope, incidentId: string, from: IncidentStatus[], to: "ACKNOWLEDGED" | "RESOLVED", by: Actor): Promise<void> {
  await db.$transaction(async (tx) => {
    const incident = await tx.alertIncident.findFirst({ where: { id: incidentId, ...scopeWhere(scope) } });
    if (!incident) throw new AppError("NOT_FOUND", "no such incident");
    const now = new Date();
    const changed = await tx.alertIncident.updateMany({
      where: { id: incidentId, status: { in: from } },
      data: to === "ACKNOWLEDGED" ? { status: to, acknowledgedAt: now, acknowledgedById: by.userId, seenAt: incident.seenAt ?? now } : { status: to, resolvedAt: now, seenAt: incident.seenAt ?? now },
    });
    if (changed.count !== 1) throw new AppError("ALREADY_DECIDED", to === "RESOLVED" ? "the incident is resolved already" : "the incident was acknowledged or resolved already");
    await recordAudit(tx, by.actor, {
      merchantId: incident.merchantId,
      action: to === "RESOLVED" ? "alert_incident.resolved" : "alert_incident.acknowledged",
      targetType: "AlertIncident",
      targetId: incidentId,
      before: { status: incident.status },
      after: { status: to },
    });
  });
}
