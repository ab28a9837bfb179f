import { randomBytes, randomInt } from "node:crypto";
import { randomBase32 } from "@/server/domain/ids";
import type { SandboxChannel } from "../types";
import { handleWechatpaySandboxRequest } from "./handle-request";
import { sandboxAppidOf } from "./oauth";
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

/** An http(s) URL, or null: the page never sends a browser to `javascript:` and the like. */
function httpUrl(value: string | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:" ? url.toString() : null;
  } catch {
    return null;
  }
}

export const wechatpaySandbox: SandboxChannel = {
  code: "wechatpay",
  handleRequest: handleWechatpaySandboxRequest,

  // a 直连商户 with API v3: mchid, an AppID bound to it, the API certificate's serial, the APIv3 key and the WeChat Pay public key
  issueCredentials({ merchant, channel }) {
    const publicKeyId = `PUB_KEY_ID_${randomBytes(12).toString("hex").toUpperCase()}`;
    const mchid = `19${String(randomInt(0, 1e8)).padStart(8, "0")}`;
    const apiV3Key = randomBase32(32);
    // the sandbox's appid names its merchant (16 digits: the mchid, zero-padded), so its OAuth can find the AppSecret
    const appid = sandboxAppidOf(mchid);
    const officialAccountSecret = randomBytes(16).toString("hex");
    return {
      credentials: {
        mchid,
        appid,
        serialNo: randomBytes(20).toString("hex").toUpperCase(),
        apiV3Key,
        privateKeyPem: merchant.privateKey,
        platformPublicKeyId: publicKeyId,
        platformPublicKeyPem: channel.publicKey,
        // the official account bound to the merchant: its AppSecret, for the payer's openid (OAuth)
        officialAccountSecret,
      },
      channelMchId: mchid,
      sandboxKeys: { channelPrivateKeyPem: channel.privateKey, merchantPublicKeyPem: merchant.publicKey, channelPublicKeyId: publicKeyId, apiV3Key, officialAccountSecret },
    };
  },

  // H5 returns to the redirect_url the merchant appended, whatever happened; Native is paid in the app: it stays.
  // JSAPI: the sandbox stands in for WeixinJSBridge, and the merchant's page gets the browser back as after the bridge
  payerReturnAddress: ({ trade, redirectUrl }) => (trade.tradeType === "h5" || trade.tradeType === "jsapi" ? httpUrl(redirectUrl) : null),

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
