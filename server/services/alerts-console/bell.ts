import { db } from "@/server/db";
import type { AlertKind } from "@/server/domain/alert-rule-schema";
import type { AlertOwner } from "./owner";

export type BellItem = { id: string; kind: AlertKind; subjectLabel: string; status: "FIRING" | "ACKNOWLEDGED" | "RESOLVED"; firstAt: Date; seen: boolean };
export type BellSummary = { firing: number; unseen: number; recent: BellItem[] };

const RECENT = 8;

/** The console bell: how many of the owner's incidents fire, how many are unseen, and the latest few. */
export async function getBellSummary(owner: AlertOwner): Promise<BellSummary> {
  const [firing, unseen, recent] = await Promise.all([
    db.alertIncident.count({ where: { merchantId: owner, status: "FIRING" } }),
    db.alertIncident.count({ where: { merchantId: owner, status: { not: "RESOLVED" }, seenAt: null } }),
    db.alertIncident.findMany({ where: { merchantId: owner }, orderBy: [{ firstAt: "desc" }, { id: "desc" }], take: RECENT }),
  ]);
  return {
    firing,
    unseen,
    recent: recent.map((r) => ({ id: r.id, kind: r.kind, subjectLabel: r.subjectLabel, status: r.status, firstAt: r.firstAt, seen: r.seenAt !== null })),
  };
}

/** Opening the bell marks the owner's incidents seen (AlertIncident.seenAt); the count of firing ones stays. */
export async function markIncidentsSeen(owner: AlertOwner): Promise<{ marked: number }> {
  const { count } = await db.alertIncident.updateMany({ where: { merchantId: owner, seenAt: null }, data: { seenAt: new Date() } });
  return { marked: count };
}
