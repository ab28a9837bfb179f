import { db } from "@/server/db";
import { isOpenAttempt, OPEN_ATTEMPT_STATUSES } from "@/server/domain/pay-order-states";
import { logger } from "@/server/observability/logger";
import { queryAttempt } from "@/server/services/payments/query-attempt";

/** The result page asks the channel at most this often per attempt. */
const CHECK_INTERVAL_MS = 3_000;

/**
 * The payer is back from the app's payment sheet: ask the channel about the latest open attempt now, as
 * status sync would (a declined payment or a slow callback shows at once). Claimed by compare-and-set
 * on lastSyncedAt, as the cashier's "I have paid": however many tabs and polls, one query per interval.
 */
export async function checkStaticQrPayment(payOrderNo: string): Promise<void> {
  const latest = await db.payment.findFirst({ where: { payOrderNo }, orderBy: { seq: "desc" } });
  if (!latest || !isOpenAttempt(latest.status)) return;
  const claimed = await db.payment.updateMany({
    where: {
      attemptNo: latest.attemptNo,
      status: { in: [...OPEN_ATTEMPT_STATUSES] },
      OR: [{ lastSyncedAt: null }, { lastSyncedAt: { lt: new Date(Date.now() - CHECK_INTERVAL_MS) } }],
    },
    data: { lastSyncedAt: new Date() },
  });
  if (claimed.count === 1) await queryAttempt(latest).catch((error: unknown) => logger.warn({ err: error, attemptNo: latest.attemptNo }, "static QR: result check failed"));
}
