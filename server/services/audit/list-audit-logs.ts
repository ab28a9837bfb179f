import { db } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client.ts";
import { type Paging, pageWindow } from "@/server/domain/paging";

export type AuditLogFilter = {
  /** Scope to one merchant (the console always passes its own). */
  merchantId?: string;
  /** Operators: filter by merchant number. */
  mchNo?: string;
  /** Prefix of the action, e.g. "merchant." or "member.invited". */
  action?: string;
  actorEmail?: string;
};

/** Audit entries newest first, one page, with the acting user's email and the merchant's number. */
export async function listAuditLogs(filter: AuditLogFilter, paging: Paging) {
  let actorId: string | undefined;
  if (filter.actorEmail) {
    const actor = await db.user.findUnique({ where: { email: filter.actorEmail.toLowerCase() }, select: { id: true } });
    if (!actor) return { rows: [], total: 0 };
    actorId = actor.id;
  }
  const where: Prisma.AuditLogWhereInput = {
    ...(filter.merchantId ? { merchantId: filter.merchantId } : {}),
    ...(filter.mchNo ? { merchant: { mchNo: filter.mchNo } } : {}),
    ...(filter.action ? { action: { startsWith: filter.action } } : {}),
    ...(actorId ? { actorType: "USER", actorId } : {}),
  };
  const [entries, total] = await Promise.all([
    db.auditLog.findMany({
      where,
      orderBy: { id: "desc" },
      ...pageWindow(paging),
      select: {
        id: true,
        createdAt: true,
        actorType: true,
        actorId: true,
        ip: true,
        action: true,
        targetType: true,
        targetId: true,
        before: true,
        after: true,
        merchant: { select: { mchNo: true, name: true } },
      },
    }),
    db.auditLog.count({ where }),
  ]);
  const userIds = [...new Set(entries.filter((e) => e.actorType === "USER" && e.actorId).map((e) => e.actorId as string))];
  const users = new Map(
    (await db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, email: true } })).map((u) => [u.id, u.email]),
  );
  const rows = entries.map(({ actorId: id, ...entry }) => ({
    ...entry,
    id: entry.id.toString(),
    actor: entry.actorType === "USER" ? (users.get(id ?? "") ?? null) : id,
  }));
  return { rows, total };
}
