import { db } from "@/server/db";
import { loadEnv } from "@/server/env";
import { AppError } from "@/server/errors";
import { canTakePayments } from "@/server/domain/payable";

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
      channelAccounts: { select: { status: true, modes: true } },
    },
  });
  if (!app) throw new AppError("NOT_FOUND", "no such app");
  const { channelAccounts, previousSecretExpiresAt, ...rest } = app;
  return {
    ...rest,
    channelAccountCount: channelAccounts.length,
    /** False when no enabled channel account can take a payment: the console warns, the Open API refuses orders. */
    payable: canTakePayments(channelAccounts),
    /** Until when the secret before the last rotation still verifies (null: it no longer does). */
    previousSecretValidUntil: previousSecretExpiresAt && previousSecretExpiresAt > now ? previousSecretExpiresAt : null,
    /** Where business systems reach the Open API (for the integration examples). */
    apiBaseUrl: loadEnv().PUBLIC_BASE_URL,
  };
}
