import { db } from "@/server/db";
import { parseIp } from "@/server/domain/ip-address";
import { maskPhone } from "@/server/domain/phone";
import { normaliseListValue } from "@/server/domain/risk-facts";
import type { RiskListEntryInput, RiskListKind } from "@/server/domain/risk-rule-schema";
import { AppError } from "@/server/errors";
import { type AuditActor, recordAudit } from "@/server/services/audit/record-audit";
import type { RiskScope } from "./rules";

/**
 * The value as the live check matches it (server/domain/risk-facts.ts: phones as 11 digits, IPs normalised, address
 * keywords folded, ids trimmed). A phone or IP that is not one, or nothing left, is a field error on `entry.value`.
 */
export function listValueOf(kind: RiskListKind, raw: string): string {
  const value = normaliseListValue(kind, raw);
  if (value === null || (kind === "IP" && !parseIp(value))) throw new AppError("VALIDATION_FAILED", kind === "PHONE" ? "phoneInvalid" : "invalid", { field: "entry.value" });
  return value;
}

export type RiskListRow = { id: string; kind: RiskListKind; value: string; note: string | null; expiresAt: Date | null; expired: boolean; createdAt: Date };

/**
 * The scope's list entries, newest first, optionally of one kind; expired ones only when asked. Phones are shown
 * masked unless `fullPhones` (the console shows them masked like everywhere else).
 */
export async function listRiskListEntries(scope: RiskScope, options: { kind?: RiskListKind; includeExpired?: boolean; now?: Date } = {}): Promise<RiskListRow[]> {
  const now = options.now ?? new Date();
  const rows = await db.riskListEntry.findMany({
    where: {
      merchantId: scope.merchantId,
      ...(options.kind ? { kind: options.kind } : {}),
      ...(options.includeExpired ? {} : { OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] }),
    },
    orderBy: { createdAt: "desc" },
    take: 500,
  });
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    value: r.kind === "PHONE" ? (maskPhone(r.value) ?? r.value) : r.value,
    note: r.note,
    expiresAt: r.expiresAt,
    expired: r.expiresAt !== null && r.expiresAt <= now,
    createdAt: r.createdAt,
  }));
}

/** Adds an entry (the same kind and value again is refused: CONFLICT); the expiry, if any, must be in the future. */
export async function addRiskListEntry(scope: RiskScope, actor: AuditActor, input: RiskListEntryInput, now = new Date()): Promise<{ id: string }> {
  const value = listValueOf(input.kind, input.value);
  if (input.expiresAt && input.expiresAt <= now) throw new AppError("VALIDATION_FAILED", "expiryInPast", { field: "entry.expiresAt" });
  return db.$transaction(async (tx) => {
    const existing = await tx.riskListEntry.findFirst({ where: { merchantId: scope.merchantId, kind: input.kind, value, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] } });
    if (existing) throw new AppError("CONFLICT", "alreadyListed", { field: "entry.value" });
    const entry = await tx.riskListEntry.create({
      data: { merchantId: scope.merchantId, kind: input.kind, value, note: input.note || null, expiresAt: input.expiresAt ?? null, createdById: actor.type === "USER" ? actor.id : null },
    });
    await recordAudit(tx, actor, {
      merchantId: scope.merchantId,
      action: "risk_list.added",
      targetType: "risk_list_entry",
      targetId: entry.id,
      after: { kind: entry.kind, value: entry.kind === "PHONE" ? maskPhone(value) : value, note: entry.note, expiresAt: entry.expiresAt },
    });
    return { id: entry.id };
  });
}

/** Removes an entry of the scope (NOT_FOUND for anyone else's). */
export async function removeRiskListEntry(scope: RiskScope, actor: AuditActor, id: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const entry = await tx.riskListEntry.findFirst({ where: { id, merchantId: scope.merchantId } });
    if (!entry) throw new AppError("NOT_FOUND", "no such list entry");
    await tx.riskListEntry.delete({ where: { id } });
    await recordAudit(tx, actor, {
      merchantId: scope.merchantId,
      action: "risk_list.removed",
      targetType: "risk_list_entry",
      targetId: id,
      before: { kind: entry.kind, value: entry.kind === "PHONE" ? maskPhone(entry.value) : entry.value, note: entry.note, expiresAt: entry.expiresAt },
    });
  });
}
