import { createHash } from "node:crypto";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { type AuditActor, recordAudit } from "@/server/services/audit/record-audit";
import { grantPoints } from "@/server/services/buyers/grant-points";

/**
 * 发放积分 from the console: the Open API's grant (credited at once, journal entry points_grant) with a
 * grantNo derived from the dialog's request id, so that a double submit grants once (`replayed`).
 */
export async function grantConsolePoints(
  merchantId: string,
  actor: Extract<AuditActor, { type: "USER" }>,
  input: { appId: string; buyerId: string; requestId: string; points: number; reason: string },
) {
  const app = await db.app.findFirst({ where: { id: input.appId, merchantId }, select: { id: true, merchantId: true } });
  if (!app) throw new AppError("NOT_FOUND", "app not found", { field: "appId" });
  const grantNo = `CG${createHash("sha256").update(input.requestId).digest("hex").toUpperCase().slice(0, 20)}`;
  const result = await grantPoints(app, input.buyerId, { grantNo, points: BigInt(input.points), reason: input.reason || undefined }, `console:${actor.id}`);
  if (result.status === 201) {
    await db.$transaction((tx) =>
      recordAudit(tx, actor, { merchantId, action: "buyer.points_granted", targetType: "buyer", targetId: input.buyerId, after: { appId: app.id, grantNo, points: input.points, reason: input.reason || null } }),
    );
  }
  return { grantNo, points: result.grant.points, replayed: result.status === 200 };
}
