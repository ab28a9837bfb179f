import { db } from "@/server/db";
import { hasOrderCenterIdShape } from "@/server/domain/order-post-ids";
import { AppError } from "@/server/errors";
import { enqueueJob } from "@/server/jobs/enqueue";
import { issueAfterSaleRefundsJob } from "@/server/jobs/tasks/after-sale-jobs";
import { recordEvent } from "@/server/services/events/record-event";
import { afterSaleView } from "@/server/services/orders/order-view";

export type AfterSaleDecision = { decision: "approve" } | { decision: "reject"; reason: string };

/** Where each decision leads, and the statuses that mean it was already taken. */
const OUTCOME = {
  approve: { to: "REFUNDING", already: ["REFUNDING", "REFUNDED"] },
  reject: { to: "REJECTED", already: ["REJECTED"] },
} as const;

/**
 * POST /api/v1/after-sales/{afterSaleId}/approve | reject. A compare-and-set from PENDING_REVIEW, so
 * two decisions racing take effect once: approving moves it to REFUNDING and adds, in the same
 * transaction, the job that refunds it through the payment center (REFUNDED when they all succeed);
 * rejecting moves it to REJECTED with the reason. The same decision again answers 200 unchanged; the
 * other decision 409 INVALID_TRANSITION.
 */
export async function decideAfterSale(app: { id: string }, afterSaleId: string, decision: AfterSaleDecision, by = "api") {
  const outcome = OUTCOME[decision.decision];
  if (!hasOrderCenterIdShape("afterSaleId", afterSaleId)) throw new AppError("AFTER_SALE_NOT_FOUND", "after-sale not found");
  const afterSale = await db.$transaction(async (tx) => {
    const current = await tx.afterSale.findFirst({ where: { afterSaleId, appId: app.id } });
    if (!current) throw new AppError("AFTER_SALE_NOT_FOUND", "after-sale not found");
    const moved = await tx.afterSale.updateMany({
      where: { afterSaleId, status: "PENDING_REVIEW" },
      data: {
        status: outcome.to,
        decidedBy: by,
        decidedAt: new Date(),
        ...(decision.decision === "reject" ? { rejectReason: decision.reason } : {}),
      },
    });
    const after = await tx.afterSale.findUniqueOrThrow({ where: { afterSaleId } });
    if (moved.count === 0) {
      if ((outcome.already as readonly string[]).includes(after.status)) return after;
      throw new AppError("INVALID_TRANSITION", `the after-sale is ${after.status}, no longer PENDING_REVIEW`);
    }
    if (decision.decision === "approve") {
      await enqueueJob(tx, issueAfterSaleRefundsJob, { afterSaleId }, { jobKey: `after-sale-refunds:${afterSaleId}` });
    } else {
      await recordEvent(tx, { merchantId: after.merchantId, appId: after.appId, type: "after_sale.rejected", orderNo: after.orderNo, data: afterSaleView(after) });
    }
    return after;
  });
  return afterSaleView(afterSale);
}
