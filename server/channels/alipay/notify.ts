import { NotifyMismatchError, NotifyVerificationError } from "../errors";
import type { InboundNotification, NotifyAnswer, PaymentNotification } from "../types";
import { alipaySdk, type AlipayContext } from "./client";
import { tradeNotification, tradeState } from "./transformers";

/**
 * Alipay's asynchronous notification: a form POST signed with Alipay's key over the sorted
 * `k=v&…` of every non-empty field but `sign` and `sign_type`. Verified, then checked to be about
 * this account (app_id, and seller_id where the account names its seller): NotifyMismatchError.
 */
export function verifyTradeNotification(ctx: AlipayContext, notification: InboundNotification): PaymentNotification {
  const form = new URLSearchParams(notification.body);
  // Alipay signs without the empty fields, and the SDK's checker keeps whatever it is given
  const fields = Object.fromEntries([...form].filter(([, value]) => value !== ""));
  if (!fields.sign) throw new NotifyVerificationError("notification without sign");
  if (fields.sign_type !== "RSA2") throw new NotifyVerificationError(`sign_type ${fields.sign_type ?? "(none)"} is not RSA2`);
  // V2 verifies the values as received (V1 URI-decodes them again and breaks on a `%`)
  if (!alipaySdk(ctx).checkNotifySignV2(fields)) throw new NotifyVerificationError("notification signature does not verify");
  const parsed = tradeNotification.safeParse(fields);
  if (!parsed.success) throw new NotifyVerificationError(`signed notification is malformed: ${parsed.error.message}`);
  const trade = parsed.data;
  // Alipay's rule: a verified notification is about us only if app_id and seller_id are ours (the core checks the amount)
  if (trade.app_id !== ctx.credentials.appId) throw new NotifyMismatchError(`app_id ${trade.app_id} is not ours`);
  const { sellerId } = ctx.credentials;
  if (sellerId && trade.seller_id !== sellerId) throw new NotifyMismatchError(`seller_id ${trade.seller_id ?? "(none)"} is not ours`);
  return {
    state: tradeState(trade.trade_status),
    outTradeNo: trade.out_trade_no,
    channelTradeNo: trade.trade_no,
    amount: trade.total_amount,
    currency: "CNY",
    paidAt: trade.gmt_payment,
    channelAppId: trade.app_id,
    channelMchId: trade.seller_id,
    notificationId: trade.notify_id,
  };
}

/** Alipay stops resending only on the exact body `success`. */
export function notifyAnswer(accepted: boolean): NotifyAnswer {
  return accepted ? { status: 200, contentType: "text/plain", body: "success" } : { status: 400, contentType: "text/plain", body: "fail" };
}
