import type { SandboxChannel } from "../types";
import { encryptResource, signatureHeaders, wechatpayKeys } from "./signing";
import { refundNotificationOf, transactionOf, wechatTime } from "./wire";

/**
 * The simulated WeChat Pay's notifications: the event envelope with the Transaction / Refund sealed
 * in an AES-256-GCM resource, signed with the channel's key. Each delivery attempt is signed afresh;
 * the event id stays the same across retries and duplicates.
 */

function envelope(id: string, createdAt: Date, eventType: string, summary: string, resource: ReturnType<typeof encryptResource>) {
  return JSON.stringify({ id, create_time: wechatTime(createdAt), resource_type: "encrypt-resource", event_type: eventType, summary, resource });
}

export const wechatpaySandbox: SandboxChannel = {
  code: "wechatpay",
  retryScheduleSeconds: [15, 15, 30, 180, 600, 1200, 1800, 1800, 1800, 3600, 10800, 10800, 10800, 21600, 21600],

  paymentNotification({ merchant, keys, trade }) {
    const wechatpay = wechatpayKeys(keys);
    // the transaction as it was when paid, even if a refund has begun since
    const transaction = transactionOf(trade, merchant.channelMchId, { trade_state: "SUCCESS", trade_state_desc: "支付成功" });
    const resource = encryptResource(wechatpay.apiV3Key, "transaction", JSON.stringify(transaction));
    const body = envelope(trade.id, trade.paidAt ?? trade.updatedAt, "TRANSACTION.SUCCESS", "支付成功", resource);
    return { url: trade.notifyUrl, headers: { "Content-Type": "application/json", ...signatureHeaders(wechatpay, body) }, body };
  },

  refundNotification({ merchant, keys, trade, refund }) {
    if (!refund.notifyUrl || refund.state === "PROCESSING") return null;
    const wechatpay = wechatpayKeys(keys);
    const plaintext = JSON.stringify(refundNotificationOf(refund, trade, merchant.channelMchId));
    const resource = encryptResource(wechatpay.apiV3Key, "refund", plaintext);
    const [eventType, summary] = refund.state === "SUCCEEDED" ? ["REFUND.SUCCESS", "退款成功"] : ["REFUND.ABNORMAL", "退款异常"];
    const body = envelope(refund.id, refund.succeededAt ?? refund.updatedAt, eventType, summary, resource);
    return { url: refund.notifyUrl, headers: { "Content-Type": "application/json", ...signatureHeaders(wechatpay, body) }, body };
  },

  isAcknowledged: (status) => status === 200 || status === 204,
};
