import { db } from "@/server/db";
import type { ClientDevice } from "@/server/domain/user-agent";
import { logger } from "@/server/observability/logger";
import { queryAttempt } from "@/server/services/payments/query-attempt";
import type { CashierOrder } from "./cashier-order-view";
import { getCashierOrder } from "./get-cashier-order";
import { isOpenAttempt, OPEN_ATTEMPT_STATUSES } from "@/server/domain/pay-order-states";

/** A consumer's "I have paid" reaches the channel at most this often per attempt. */
export const CASHIER_CHECK_INTERVAL_MS = 3_000;


/**
 * "I have paid" (and the consumer's return from a channel's own cashier): asks the channel about the
 * order's latest open attempt now, as status sync would, so a slow callback or a declined payment
 * shows at once. The ask is claimed with a compare-and-set on lastSyncedAt: however many tabs or
 * clicks, one query per attempt per interval.
 */
export async function checkCashierPayment({ payOrderNo, device }: { payOrderNo: string; device: ClientDevice }): Promise<CashierOrder> {
  const latest = await db.payment.findFirst({ where: { payOrderNo }, orderBy: { seq: "desc" } });
  if (latest && isOpenAttempt(latest.status)) {
    const claimed = await db.payment.updateMany({
      where: {
        attemptNo: latest.attemptNo,
        status: { in: [...OPEN_ATTEMPT_STATUSES] },
        OR: [{ lastSyncedAt: null }, { lastSyncedAt: { lt: new Date(Date.now() - CASHIER_CHECK_INTERVAL_MS) } }],
      },
      data: { lastSyncedAt: new Date() },
    });
    if (claimed.count === 1) {
      await queryAttempt(latest).catch((error: unknown) => logger.warn({ err: error, attemptNo: latest.attemptNo }, "cashier check failed"));
    }
  }
  return getCashierOrder({ payOrderNo, device });
}
