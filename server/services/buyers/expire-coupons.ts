import { db } from "@/server/db";

/**
 * Marks AVAILABLE coupons past their expiry EXPIRED, in batches (compare-and-set on the status, rows
 * another transaction holds are skipped and taken next time): a coupon a trade is locking at this moment
 * is either locked first (then it is LOCKED, not touched) or expired first (then the trade's own
 * AVAILABLE → LOCKED finds nothing). Readers never wait for this: views show EXPIRED already.
 */
export async function expireCoupons(batchSize = 1000, now = new Date()): Promise<number> {
  let total = 0;
  for (;;) {
    const expired = await db.$executeRaw`
      UPDATE "Coupon" SET status = 'EXPIRED', "updatedAt" = now()
      WHERE id IN (SELECT id FROM "Coupon" WHERE status = 'AVAILABLE' AND "expiresAt" <= ${now}
                   ORDER BY "expiresAt" LIMIT ${batchSize} FOR UPDATE SKIP LOCKED)
        AND status = 'AVAILABLE'`;
    total += expired;
    if (expired < batchSize) return total;
  }
}
