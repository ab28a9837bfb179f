import { createSign } from "node:crypto";
import { describe, expect, it } from "vitest";
import { NotifyMismatchError, NotifyVerificationError } from "../errors";
import { alipaySdk } from "./client";
import { alipayLiveCredentialsSchema, alipayCredentialsSchema } from "./credentials";
import { alipayTestParties, rsaKeyPair } from "./fixtures/keys";
import { notifyAnswer, verifyTradeNotification } from "./notify";

const { alipay, ctx } = alipayTestParties();

const FIELDS = {
  notify_time: "2026-11-22 17:00:03",
  notify_type: "trade_status_sync",
  notify_id: "ac05099524730693a8b330c5ecf72da9786",
  app_id: ctx.credentials.appId,
  charset: "utf-8",
  version: "1.0",
  trade_no: "2026112222001412345678901234",
  out_trade_no: "P20261122000001-1",
  buyer_id: "2088102122524333",
  trade_status: "TRADE_SUCCESS",
  total_amount: "19.99",
  receipt_amount: "19.99",
  subject: "100% 纯棉 T 恤",
  gmt_create: "2026-11-22 16:59:50",
  gmt_payment: "2026-11-22 17:00:02",
};

/** Signs as Alipay documents it: non-empty fields but sign and sign_type, sorted, `k=v&…`, SHA256withRSA. */
function alipaySigned(fields: Record<string, string>, privateKeyPem = alipay.privateKey): string {
  const content = Object.keys(fields)
    .filter((key) => fields[key] !== "")
    .sort()
    .map((key) => `${key}=${fields[key]}`)
    .join("&");
  const sign = createSign("RSA-SHA256").update(content, "utf8").sign(privateKeyPem, "base64");
  return new URLSearchParams({ ...fields, sign_type: "RSA2", sign }).toString();
}

const inbound = (body: string) => ({ headers: { "content-type": "application/x-www-form-urlencoded" }, body });

describe("alipay notification", () => {
  it("verifies and maps a genuine notification", () => {
    expect(verifyTradeNotification(ctx, inbound(alipaySigned(FIELDS)))).toEqual({
      state: "SUCCEEDED",
      outTradeNo: "P20261122000001-1",
      channelTradeNo: "2026112222001412345678901234",
      amount: 1999n,
      currency: "CNY",
      paidAt: new Date("2026-11-22T09:00:02Z"),
      channelAppId: ctx.credentials.appId,
      notificationId: "ac05099524730693a8b330c5ecf72da9786",
    });
  });

  it("refuses a tampered amount", () => {
    const body = alipaySigned(FIELDS).replace("total_amount=19.99", "total_amount=0.01");
    expect(() => verifyTradeNotification(ctx, inbound(body))).toThrow(NotifyVerificationError);
  });

  it("refuses a notification signed with another key", () => {
    const body = alipaySigned(FIELDS, rsaKeyPair().privateKey);
    expect(() => verifyTradeNotification(ctx, inbound(body))).toThrow(NotifyVerificationError);
  });

  it("refuses one without a signature or with another sign_type", () => {
    expect(() => verifyTradeNotification(ctx, inbound(new URLSearchParams(FIELDS).toString()))).toThrow(NotifyVerificationError);
    const rsa1 = alipaySigned(FIELDS).replace("sign_type=RSA2", "sign_type=RSA");
    expect(() => verifyTradeNotification(ctx, inbound(rsa1))).toThrow(/RSA2/);
  });

  it("drops empty fields before verifying, as Alipay signs (the SDK's checker alone would refuse)", () => {
    const body = alipaySigned({ ...FIELDS, body: "", passback_params: "" });
    expect(verifyTradeNotification(ctx, inbound(body))).toMatchObject({ state: "SUCCEEDED", amount: 1999n });
    expect(alipaySdk(ctx).checkNotifySignV2(Object.fromEntries(new URLSearchParams(body)))).toBe(false);
  });

  it("refuses a genuine signature over a malformed amount", () => {
    expect(() => verifyTradeNotification(ctx, inbound(alipaySigned({ ...FIELDS, total_amount: "19.999" })))).toThrow(/malformed/);
  });
});

describe("alipay's rule: app_id, amount and seller_id", () => {
  const SELLER = "2088102146225135";
  const ours = { ...ctx, credentials: { ...ctx.credentials, sellerId: SELLER } };

  it("accepts a notification for our seller, and names the seller", () => {
    expect(verifyTradeNotification(ours, inbound(alipaySigned({ ...FIELDS, seller_id: SELLER })))).toMatchObject({ channelMchId: SELLER, amount: 1999n });
  });

  it("refuses a genuinely signed notification for another seller, or naming none, as a mismatch", () => {
    for (const fields of [{ ...FIELDS, seller_id: "2088000000000001" }, FIELDS]) {
      const verify = () => verifyTradeNotification(ours, inbound(alipaySigned(fields)));
      expect(verify).toThrow(NotifyMismatchError);
      expect(verify).toThrow(/seller_id .* is not ours/);
    }
  });

  it("refuses a genuinely signed notification for another app as a mismatch", () => {
    expect(() => verifyTradeNotification(ours, inbound(alipaySigned({ ...FIELDS, app_id: "2021999999999999", seller_id: SELLER })))).toThrow(NotifyMismatchError);
  });

  it("checks no seller for an account saved before the seller id was asked for", () => {
    expect(verifyTradeNotification(ctx, inbound(alipaySigned({ ...FIELDS, seller_id: "2088000000000001" })))).toMatchObject({ state: "SUCCEEDED" });
  });

  it("asks new LIVE accounts for the seller id (PID), and lets older accounts go without", () => {
    const { appId, privateKeyPem, alipayPublicKeyPem } = ctx.credentials;
    const typed = { appId, privateKeyPem, alipayPublicKeyPem };
    // blank in the form = not set (and not stored: JSON drops it)
    expect(JSON.stringify(alipayCredentialsSchema.parse({ ...typed, sellerId: "" }))).not.toContain("sellerId");
    expect(alipayCredentialsSchema.parse(typed).sellerId).toBeUndefined();
    expect(alipayCredentialsSchema.parse({ ...typed, sellerId: SELLER }).sellerId).toBe(SELLER);
    expect(alipayCredentialsSchema.safeParse({ ...typed, sellerId: "2021000000000001" }).success).toBe(false);
    for (const sellerId of [undefined, "", "208810214622513", "2088102146225135x"]) {
      const parsed = alipayLiveCredentialsSchema.safeParse({ ...typed, sellerId });
      expect(parsed.success, String(sellerId)).toBe(false);
      expect(parsed.error?.issues[0].path).toEqual(["sellerId"]);
    }
    expect(alipayLiveCredentialsSchema.parse({ ...typed, sellerId: SELLER }).sellerId).toBe(SELLER);
  });
});

describe("alipay notification answers", () => {
  it("are exactly `success`, or a refusal Alipay resends", () => {
    expect(notifyAnswer(true)).toEqual({ status: 200, contentType: "text/plain", body: "success" });
    expect(notifyAnswer(false)).toEqual({ status: 400, contentType: "text/plain", body: "fail" });
  });
});
