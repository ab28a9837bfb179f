import { createCipheriv, createSign } from "node:crypto";
import { describe, expect, it } from "vitest";
import { NotifyVerificationError } from "../errors";
import type { ChannelContext, InboundNotification } from "../types";
import type { WechatpayCredentials } from "./credentials";
import { rsaKeyPair, testAccount } from "./fixtures/credentials";
import { wechatpayPlugin } from "./index";
import { notifyAnswer, verifyNotification } from "./notify";

const { credentials, channelPrivateKeyPem } = testAccount();
const ctx = { credentials } as ChannelContext<WechatpayCredentials>;
const now = new Date();
const seconds = (date: Date) => String(Math.floor(date.getTime() / 1000));

/** AES-256-GCM as WeChat Pay seals a resource: base64(cipher ‖ tag), the key the 32 ASCII bytes of the APIv3 key. */
function seal(plaintext: string, aad: string, iv = "0123456789ab", key = credentials.apiV3Key): string {
  const cipher = createCipheriv("aes-256-gcm", Buffer.from(key), Buffer.from(iv)).setAAD(Buffer.from(aad));
  return Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]).toString("base64");
}

function notification(
  resource: object,
  { originalType = "transaction", eventType = "TRANSACTION.SUCCESS", at = now, key = channelPrivateKeyPem, ciphertext = "", iv = "0123456789ab" } = {},
): InboundNotification {
  const body = JSON.stringify({
    id: "EV-2026050112000001",
    create_time: "2026-05-01T12:00:00+08:00",
    resource_type: "encrypt-resource",
    event_type: eventType,
    summary: "支付成功",
    resource: {
      original_type: originalType,
      algorithm: "AEAD_AES_256_GCM",
      ciphertext: ciphertext || seal(JSON.stringify(resource), originalType, iv),
      associated_data: originalType,
      nonce: iv,
    },
  });
  const timestamp = seconds(at);
  const nonce = "5K8264ILTKCH16CQ2502SI8ZNMTM67VS";
  const signature = createSign("RSA-SHA256").update(`${timestamp}\n${nonce}\n${body}\n`).sign(key, "base64");
  return {
    body,
    headers: {
      "wechatpay-timestamp": timestamp,
      "wechatpay-nonce": nonce,
      "wechatpay-signature": signature,
      "wechatpay-serial": credentials.platformPublicKeyId,
    },
  };
}

const transaction = {
  appid: credentials.appid,
  mchid: credentials.mchid,
  out_trade_no: "P202605010001-1",
  transaction_id: "4200001234202605011234567890",
  trade_type: "NATIVE",
  trade_state: "SUCCESS",
  trade_state_desc: "支付成功",
  success_time: "2026-05-01T12:00:01+08:00",
  payer: { openid: "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o" },
  amount: { total: 1999, payer_total: 1999, currency: "CNY", payer_currency: "CNY" },
};

const refused = (inbound: InboundNotification, reason: RegExp) => expect(() => verifyNotification(credentials, inbound)).toThrow(reason);

describe("wechatpay notification verification", () => {
  it("accepts a genuine notification and opens its resource", async () => {
    expect(verifyNotification(credentials, notification(transaction))).toEqual({
      id: "EV-2026050112000001",
      eventType: "TRANSACTION.SUCCESS",
      originalType: "transaction",
      resource: transaction,
    });
    expect(await wechatpayPlugin.parseNotify(ctx, notification(transaction))).toMatchObject({
      state: "SUCCEEDED",
      outTradeNo: "P202605010001-1",
      channelTradeNo: "4200001234202605011234567890",
      amount: 1999n,
      channelAppId: credentials.appid,
      channelMchId: credentials.mchid,
      notificationId: "EV-2026050112000001",
    });
  });

  it("decrypts a known AES-256-GCM vector", () => {
    // computed independently (Python cryptography's AESGCM): key, nonce "fedcba987654", AAD "refund"
    const apiV3Key = "abcdefghijklmnopqrstuvwxyz012345";
    const ciphertext = "B7OJn4yZwKVUgqrVBJf/M4jRicy5hzz0K/si6KMqVABo+1qYhR+iUN+oDQ==";
    const inbound = notification({}, { originalType: "refund", ciphertext, iv: "fedcba987654" });
    expect(verifyNotification({ ...credentials, apiV3Key }, inbound).resource).toEqual({ refund_status: "SUCCESS" });
    expect(() => verifyNotification(credentials, inbound)).toThrow(/decrypt/);
  });

  it("refuses a tampered body", () => {
    const genuine = notification(transaction);
    refused({ ...genuine, body: genuine.body.replace("TRANSACTION.SUCCESS", "TRANSACTION.SUCCEsS") }, /signature does not verify/);
  });

  it("refuses a notification signed with another key", () => {
    refused(notification(transaction, { key: rsaKeyPair().privateKey }), /signature does not verify/);
  });

  it("refuses timestamps more than 300 s off, either way", () => {
    refused(notification(transaction, { at: new Date(now.getTime() - 305_000) }), /more than 300 s off/);
    refused(notification(transaction, { at: new Date(now.getTime() + 305_000) }), /more than 300 s off/);
    expect(() => verifyNotification(credentials, notification(transaction, { at: new Date(now.getTime() - 290_000) }))).not.toThrow();
  });

  it("refuses WeChat Pay's signature probes, an unknown serial and missing headers", () => {
    const genuine = notification(transaction);
    refused({ ...genuine, headers: { ...genuine.headers, "wechatpay-signature": `WECHATPAY/SIGNTEST/${genuine.headers["wechatpay-signature"]}` } }, /probe/);
    refused({ ...genuine, headers: { ...genuine.headers, "wechatpay-serial": "PUB_KEY_ID_OTHER" } }, /unknown Wechatpay-Serial/);
    const { "wechatpay-nonce": _, ...withoutNonce } = genuine.headers;
    refused({ ...genuine, headers: withoutNonce }, /missing/);
  });

  it("refuses a resource sealed with another APIv3 key, and a resource of the wrong type", async () => {
    refused(notification(transaction, { ciphertext: seal(JSON.stringify(transaction), "transaction", "0123456789ab", "x".repeat(32)) }), /decrypt/);
    await expect(wechatpayPlugin.parseRefundNotify(ctx, notification(transaction))).rejects.toThrow(NotifyVerificationError);
  });

  it("maps a refund notification (refund_status)", async () => {
    const refund = {
      mchid: credentials.mchid,
      out_trade_no: "P202605010001-1",
      transaction_id: "4200001234202605011234567890",
      out_refund_no: "R202605010001",
      refund_id: "50000000382019052709732678859",
      refund_status: "SUCCESS",
      success_time: "2026-05-01T13:00:00+08:00",
      user_received_account: "支付用户零钱",
      amount: { total: 1999, refund: 999, payer_total: 1999, payer_refund: 999 },
    };
    const inbound = notification(refund, { originalType: "refund", eventType: "REFUND.SUCCESS" });
    expect(await wechatpayPlugin.parseRefundNotify(ctx, inbound)).toEqual({
      state: "SUCCEEDED",
      outRefundNo: "R202605010001",
      channelRefundNo: "50000000382019052709732678859",
      refundAmount: 999n,
      failureReason: undefined,
      succeededAt: new Date("2026-05-01T05:00:00Z"),
      outTradeNo: "P202605010001-1",
      notificationId: "EV-2026050112000001",
    });
  });

  it("answers 204 without body, or 4xx with WeChat Pay's FAIL body", () => {
    expect(notifyAnswer(true)).toEqual({ status: 204, body: "" });
    const no = notifyAnswer(false, "bad signature");
    expect(no.status).toBe(400);
    expect(JSON.parse(no.body)).toEqual({ code: "FAIL", message: "bad signature" });
  });
});
