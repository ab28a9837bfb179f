import { NotifyMismatchError, NotifyVerificationError } from "../errors";
import type { InboundNotification, NotifyAnswer, PaymentNotification, RefundNotification } from "../types";
import type { Fields } from "./acp";
import { checkUnionpaySignature, type UnionpayContext } from "./client";
import { fromOrderId, fromTxnTime, notification, refundState, respClass } from "./transformers";

/**
 * UnionPay's asynchronous notification (backUrl): a URL-encoded form POST, signed like an answer
 * (signPubKeyCert + signature). Verified against the account's middle and root certificates, then
 * checked to be about this merchant (merId); the core checks the amount against the attempt.
 */
function verified(ctx: UnionpayContext, raw: InboundNotification, txnType: string) {
  const fields: Fields = Object.fromEntries(new URLSearchParams(raw.body));
  if (!fields.signature) throw new NotifyVerificationError("notification without signature");
  const refused = checkUnionpaySignature(ctx, fields);
  if (refused) throw new NotifyVerificationError(`notification refused: ${refused}`);
  const parsed = notification.safeParse(fields);
  if (!parsed.success) throw new NotifyVerificationError(`signed notification is malformed: ${parsed.error.message}`);
  const data = parsed.data;
  if (data.merId !== ctx.credentials.merId) throw new NotifyMismatchError(`merId ${data.merId} is not ours`);
  if (data.txnType !== txnType) throw new NotifyVerificationError(`txnType ${data.txnType} is not ${txnType}`);
  if (data.currencyCode !== "156") throw new NotifyVerificationError(`currencyCode ${data.currencyCode} is not 156 (CNY)`);
  return data;
}

/** A consume (01) notification: respCode 00 is a payment; UnionPay notifies nothing else for the gateway. */
export function verifyPaymentNotification(ctx: UnionpayContext, raw: InboundNotification): PaymentNotification {
  const data = verified(ctx, raw, "01");
  const paid = respClass(data.respCode) === "success";
  return {
    state: paid ? "SUCCEEDED" : respClass(data.respCode) === "processing" ? "PENDING" : "FAILED",
    outTradeNo: fromOrderId(data.orderId),
    channelTradeNo: data.queryId,
    amount: data.txnAmt,
    currency: "CNY",
    paidAt: paid ? fromTxnTime(data.txnTime) : undefined,
    channelMchId: data.merId,
    failureReason: paid ? undefined : `${data.respMsg ?? ""} (${data.respCode})`,
    notificationId: data.queryId,
  };
}

/** A refund (04) notification: orderId is our refundNo, origQryId the payment's queryId. */
export function verifyRefundNotification(ctx: UnionpayContext, raw: InboundNotification): RefundNotification {
  const data = verified(ctx, raw, "04");
  const state = refundState(data.respCode);
  return {
    state,
    outRefundNo: data.orderId,
    channelRefundNo: data.queryId,
    refundAmount: data.txnAmt,
    succeededAt: state === "SUCCEEDED" ? fromTxnTime(data.txnTime) : undefined,
    notificationId: data.queryId,
  };
}

/** UnionPay resends until it gets HTTP 200 (within 10 s); the body is not read. "ok" as the SDK demo answers. */
export function notifyAnswer(accepted: boolean): NotifyAnswer {
  return accepted ? { status: 200, contentType: "text/plain", body: "ok" } : { status: 400, contentType: "text/plain", body: "fail" };
}
