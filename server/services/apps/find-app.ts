import type { Tx } from "@/server/db";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";

/** One of the merchant's apps, or NOT_FOUND (another merchant's app is as unknown as a made-up id). */
export async function findMerchantApp(merchantId: string, appId: string, client: Tx | typeof db = db) {
  const app = await client.app.findFirst({ where: { id: appId, merchantId } });
  if (!app) throw new AppError("NOT_FOUND", "no such app");
  return app;
}

/** What the audit log records of an app: its settings, never a secret. */
export function appSnapshot(app: {
  name: string;
  mode: string;
  status: string;
  notifyUrl: string | null;
  refundReviewThreshold: bigint | null;
  repeatGuardSeconds: number;
}) {
  return {
    name: app.name,
    mode: app.mode,
    status: app.status,
    notifyUrl: app.notifyUrl,
    refundReviewThreshold: app.refundReviewThreshold?.toString() ?? null,
    repeatGuardSeconds: app.repeatGuardSeconds,
  };
}
