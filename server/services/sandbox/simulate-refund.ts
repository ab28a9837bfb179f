import { db } from "@/server/db";
import { hasIdShape } from "@/server/domain/id-shapes";
import { AppError } from "@/server/errors";
import type { ApiApp } from "@/server/openapi/app-cache";
import { settleRefund } from "@/server/sandbox/trades";

/**
 * POST /api/v1/sandbox/refunds/{refundNo}/simulate (TEST apps only): the sandbox channel settles a refund
 * it holds — success or fail — and sends its real callback (WeChat Pay) or answers the next query (Alipay).
 */
export async function simulateRefund(app: ApiApp, refundNo: string, outcome: "success" | "fail") {
  if (app.mode !== "TEST") throw new AppError("NOT_FOUND", "the sandbox is only for TEST apps");
  const refund = hasIdShape("refundNo", refundNo) ? await db.refund.findUnique({ where: { refundNo }, include: { payment: { select: { channelAccountId: true } } } }) : null;
  if (!refund || refund.appId !== app.id) throw new AppError("REFUND_NOT_FOUND", "no such refund");
  const held = await db.sandboxRefund.findFirst({
    where: { outRefundNo: refundNo, trade: { outTradeNo: refund.attemptNo, merchant: { channelAccountId: refund.payment.channelAccountId } } },
  });
  if (!held) throw new AppError("CONFLICT", "the refund has not reached the sandbox channel yet (under review or queued)");
  if (held.state !== "PROCESSING") throw new AppError("CONFLICT", `the sandbox already settled this refund (${held.state})`);
  await settleRefund(held.id, outcome);
  return { refundNo };
}
