import { db } from "@/server/db";
import type { GrantInput } from "@/server/domain/buyer-asset-schema";
import { paramsHash } from "@/server/domain/params-hash";
import { AppError } from "@/server/errors";
import type { PointsGrant } from "@/server/generated/prisma/client.ts";
import type { ApiApp } from "@/server/apps/app-cache";
import { moveAsset } from "@/server/services/trades/buyer-assets";

export type GrantView = { grantNo: string; buyerId: string; points: bigint; reason: string | null; createdAt: string };

function grantView(grant: PointsGrant): GrantView {
  return { grantNo: grant.grantNo, buyerId: grant.buyerId, points: grant.points, reason: grant.reason, createdAt: grant.createdAt.toISOString() };
}

export function grantParamsHash(buyerId: string, input: Pick<GrantInput, "points" | "reason">): string {
  return paramsHash({ buyerId, points: input.points, reason: input.reason ?? null });
}

function replayOrMismatch(existing: PointsGrant, hash: string): { status: 200; grant: GrantView } {
  if (existing.paramsHash !== hash) throw new AppError("PARAMS_MISMATCH", "this grantNo was used with other content", { field: "grantNo" });
  return { status: 200, grant: grantView(existing) };
}

/**
 * POST /api/v1/buyers/{buyerId}/points/grants: the grant and the credit of the buyer's points in one
 * transaction (journal dedupeKey `points_grant:<appId>:<grantNo>`). The unique (appId, grantNo) fences it:
 * the same grant again answers 200 and credits nothing; other content → 409 PARAMS_MISMATCH. `by`: api or
 * console:<userId>.
 */
export async function grantPoints(
  app: Pick<ApiApp, "id" | "merchantId">,
  buyerId: string,
  input: GrantInput,
  by = "api",
): Promise<{ status: 200 | 201; grant: GrantView }> {
  const hash = grantParamsHash(buyerId, input);
  const key = { appId_grantNo: { appId: app.id, grantNo: input.grantNo } };
  const existing = await db.pointsGrant.findUnique({ where: key });
  if (existing) return replayOrMismatch(existing, hash);
  try {
    const grant = await db.$transaction(async (tx) => {
      const created = await tx.pointsGrant.create({
        data: { appId: app.id, merchantId: app.merchantId, grantNo: input.grantNo, buyerId, points: input.points, reason: input.reason ?? null, by, paramsHash: hash },
      });
      await moveAsset(tx, {
        merchantId: app.merchantId,
        appId: app.id,
        buyerId,
        asset: "points",
        op: "grant",
        amount: input.points,
        dedupeKey: `points_grant:${app.id}:${input.grantNo}`,
        memo: input.reason ? `grant ${input.grantNo}: ${input.reason}` : `grant ${input.grantNo}`,
        at: created.createdAt,
      });
      return created;
    });
    return { status: 201, grant: grantView(grant) };
  } catch (error) {
    // the same grantNo committed first meanwhile: answer it
    if ((error as { code?: string }).code === "P2002") return replayOrMismatch(await db.pointsGrant.findUniqueOrThrow({ where: key }), hash);
    throw error;
  }
}
