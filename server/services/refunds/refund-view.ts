import type { Refund } from "@/server/generated/prisma/client.ts";

/** The Open API's representation of a refund. */
export function refundView(refund: Refund) {
  return {
    refundNo: refund.refundNo,
    mchRefundNo: refund.mchRefundNo,
    payOrderNo: refund.payOrderNo,
    amount: refund.amount,
    currency: refund.currency,
    status: refund.status,
    ...(refund.reason ? { reason: refund.reason } : {}),
    channelRefundNo: refund.channelRefundNo,
    failureReason: refund.failureMessage,
    createdAt: refund.createdAt,
    succeededAt: refund.succeededAt,
  };
}
