import type { Tx } from "@/server/db";
import { beijingDayStart } from "@/server/domain/static-qr";
import { loadEnv } from "@/server/env";

/**
 * The PBOC cap on static codes (FIELD-NOTES §F: ≤ 500 元 per payer per day): what the payer has
 * open or paid today through the app's static codes (orders of the order center carrying
 * metadata.staticQrCode, not cancelled; Beijing day), checked under an advisory transaction lock on
 * (app, payer) so that two tabs cannot both pass. It runs in the new order's own transaction
 * (createOrder's beforeInsert): the lock holds until the order commits, then the next payment of that
 * payer, waiting on the lock, sees it.
 */
export async function lockPayerAndReadToday(tx: Tx, appId: string, buyerId: string, now = new Date()): Promise<{ today: bigint; cap: bigint }> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`paycenter.static-qr:${appId}:${buyerId}`}, 0))`;
  const [row] = await tx.$queryRaw<{ total: bigint }[]>`
    SELECT COALESCE(SUM("payableAmount"), 0)::bigint AS total FROM "Order"
    WHERE "appId" = ${appId} AND "buyerId" = ${buyerId} AND "placedAt" >= ${beijingDayStart(now)}
      AND status <> 'CANCELLED' AND metadata ? 'staticQrCode'`;
  return { today: row?.total ?? 0n, cap: BigInt(loadEnv().STATIC_QR_DAILY_CAP_FEN) };
}
