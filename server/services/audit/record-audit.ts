import type { Tx } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client.ts";
import { redact } from "@/server/domain/redact";


export type AuditActor =
  | { type: "USER"; id: string; ip: string | null }
  | { type: "API"; id: string; ip: string | null }
  | { type: "SYSTEM"; id?: string };

export type AuditChange = {
  merchantId: string | null;
  /** dotted verb: merchant.submitted, app.created, app.key_rotated, channel_account.updated, refund.approved … */
  action: string;
  targetType: string;
  targetId: string | null;
  before?: object | null;
  after?: object | null;
};

/**
 * Writes one audit entry in the caller's transaction (so the change and its record commit together):
 * who, when, from which IP, what, and before/after snapshots with secrets redacted.
 */
export async function recordAudit(tx: Tx, actor: AuditActor, change: AuditChange): Promise<void> {
  await tx.auditLog.create({
    data: {
      merchantId: change.merchantId,
      actorType: actor.type,
      actorId: actor.id ?? null,
      ip: actor.type === "SYSTEM" ? null : actor.ip,
      action: change.action,
      targetType: change.targetType,
      targetId: change.targetId,
      before: change.before ? (redact(change.before) as Prisma.InputJsonValue) : undefined,
      after: change.after ? (redact(change.after) as Prisma.InputJsonValue) : undefined,
    },
  });
}

/** The acting user of a tRPC call, for recordAudit. */
export function userActor(ctx: { user: { id: string }; ip: string | null }): AuditActor {
  return { type: "USER", id: ctx.user.id, ip: ctx.ip };
}
