import { db } from "@/server/db";
import { loadEnv } from "@/server/env";
import { AppError } from "@/server/errors";

/** One app for its console page: settings and status, never a secret. */
export async function getApp(merchantId: string, appId: string, now = new Date()) {
  const app = await db.app.findFirst({
    where: { id: appId, merchantId },
    select: {
      id: true,
      name: true,
      mode: true,
      status: true,
      notifyUrl: true,
      refundReviewThreshold: true,
      repeatGuardSeconds: true,
      previousSecretExpiresAt: true,
      createdAt: true,
      updatedAt: true,
      _count: { select: { channelAccounts: true } },
    },
  });
  if (!app) throw new AppError("NOT_FOUND", "no such app");
  const { _count, previousSecretExpiresAt, ...rest } = app;
  return {
    ...rest,
    channelAccountCount: _count.channelAccounts,
    /** Until when the secret before the last rotation still verifies (null: it no longer does). */
    previousSecretValidUntil: previousSecretExpiresAt && previousSecretExpiresAt > now ? previousSecretExpiresAt : null,
    /** Where business systems reach the Open API (for the integration examples). */
    apiBaseUrl: loadEnv().PUBLIC_BASE_URL,
  };
}
