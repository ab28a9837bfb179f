import { db } from "@/server/db";
import { hasIdShape } from "@/server/domain/id-shapes";
import { AppError } from "@/server/errors";
import type { ApiApp } from "@/server/apps/app-cache";
import { settleRefund } from "@/server/sandbox";
import { executeRefund } from "@/server/services/refunds/execute-refund";

/**
 * POST /api/v1/sandbox/refunds/{refundNo}/simulate (TEST apps only): the sandbox channel settles a refund
 * it holds — success or fail — and sends its real callback (WeChat Pay) or answers the next query (Alipay).
 * A refund still queued for its channel (just created) is sent now, as its job would (the channel dedupes on
 * out_refund_no, so the job's own call later changes nothing), so simulating right after creating works.
 */
export async function simulateRefund(app: ApiApp, refundNo: string, outcome: "success" | "fail") {
  if (app.mode !== "TEST") throw new AppError("NOT_FOUND", "the sandbox is only for TEST apps");
  const refund = hasIdShape("refundNo", refundNo) ? await db.refund.findUnique({ where: { refundNo }, include: { payment: { select: { channelAccountId: true } } } }) : null;
  if (!refund || refund.appId !== app.id) throw new AppError("REFUND_NOT_FOUND", "no such refund");
  const findHeld = () =>
    db.sandboxRefund.findFirst({
      where: { outRefundNo: refundNo, trade: { outTradeNo: refund.attemptNo, merchant: { channelAccountId: refund.payment.channelAccountId } } },
    });
  let held = await findHeld();
  if (!held && refund.status === "PROCESSING") {
    await executeRefund(refundNo);
    held = await findHeld();
  }
  if (!held && refund.status === "PENDING_REVIEW") throw new AppError("CONFLICT", "the refund awaits review: approve it first, then it reaches the sandbox channel");
  if (!held) throw new AppError("CONFLICT", `the refund did not reach the sandbox channel (${refund.status})`);
  if (held.state !== "PROCESSING") throw new AppError("CONFLICT", `the sandbox already settled this refund (${held.state})`);
  await settleRefund(held.id, outcome);
  return { refundNo };
}
