import { db } from "@/server/db";
import type { ConsoleRefundInput } from "@/server/domain/refund-schema";
import { AppError } from "@/server/errors";
import { type AuditActor, recordAudit } from "@/server/services/audit/record-audit";
import { createRefund } from "./create-refund";

/**
 * A refund started by a FINANCE or OWNER user on the order's page. It follows the same rules as one from
 * the Open API (reservation, the app's review threshold), and is idempotent on the form's request id.
 */
export async function createConsoleRefund(merchantId: string, user: { id: string; actor: AuditActor }, input: ConsoleRefundInput) {
  const order = await db.payOrder.findUnique({ where: { payOrderNo: input.payOrderNo }, include: { app: true } });
  if (!order || order.merchantId !== merchantId) throw new AppError("ORDER_NOT_FOUND", "no such order");
  if (order.currency !== "CNY") throw new AppError("VALIDATION_FAILED", "the console refunds CNY orders only", { field: "amount" });
  const { refund } = await createRefund(
    order.app,
    { payOrderNo: order.payOrderNo, mchRefundNo: `console-${input.requestId}`, amount: input.amount, reason: input.reason },
    {
      requestedById: user.id,
      afterCreate: (tx, created) =>
        recordAudit(tx, user.actor, {
          merchantId,
          action: "refund.requested",
          targetType: "refund",
          targetId: created.refundNo,
          after: { payOrderNo: created.payOrderNo, amount: created.amount, reason: created.reason, status: created.status },
        }),
    },
  );
  return refund;
}
