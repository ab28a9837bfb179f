import { db } from "@/server/db";
import { AppError } from "@/server/errors";

/** An app's Open API rate limit for its console page (perSecond null: not limited, set by the platform operator). */
export async function getAppRateLimit(merchantId: string, appId: string) {
  const app = await db.app.findFirst({ where: { id: appId, merchantId }, select: { rateLimitPerSecond: true, rateLimitBurst: true } });
  if (!app) throw new AppError("NOT_FOUND", "no such app");
  return { perSecond: app.rateLimitPerSecond, burst: app.rateLimitBurst };
}
