import { constants, generateKeyPairSync, privateDecrypt } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ChannelRejectedError, SPLIT_NOT_FOUND, SPLIT_RETRY_LATER } from "../errors";
import type { SplitRequest } from "../types";
import type { WechatpayCredentials } from "./credentials";
import { addReceiverBody, returnOrderSchema, splitErrorOf, splitOrderBody, splitOrderSchema, toSplitResult, toSplitReturnResult } from "./profit-sharing";
import { createOrderBody } from "./transformers";

const platform = generateKeyPairSync("rsa", { modulusLength: 2048, publicKeyEncoding: { type: "spki", format: "pem" }, privateKeyEncoding: { type: "pkcs8", format: "pem" } });
const credentials = { appid: "wx0123456789abcdef", mchid: "1900000109", platformPublicKeyId: "PUB_KEY_ID_0001", platformPublicKeyPem: platform.publicKey } as WechatpayCredentials;

const split: SplitRequest = {
  outTradeNo: "P1-1",
  channelTradeNo: "4200000000000000000001",
  outOrderNo: "S1",
  receivers: [{ type: "MERCHANT_ID", account: "1900000110", name: "不发送", amount: 1_234n, description: "分给合作方" }],
  finish: true,
  currency: "CNY",
};

describe("wechatpay profit-sharing requests", () => {
  it("pay asks for settle_info.profit_sharing only when the payment is to be shared", () => {
    const base = { outTradeNo: "P1-1", amount: 100n, currency: "CNY" as const, subject: "s", expiresAt: new Date("2026-05-01T00:00:00Z"), mode: "native" as const };
    expect(createOrderBody(credentials, "https://n", { ...base, profitSharing: true }).settle_info).toEqual({ profit_sharing: true });
    expect(createOrderBody(credentials, "https://n", base)).not.toHaveProperty("settle_info");
  });

  it("encrypts a receiver's name with the platform public key (RSA-OAEP), which its private key opens", () => {
    const body = addReceiverBody(credentials, { type: "MERCHANT_ID", account: "1900000110", name: "示例商户", relationType: "CUSTOM", customRelation: "代理商和分销商和渠道" });
    expect(body).toMatchObject({ appid: credentials.appid, type: "MERCHANT_ID", account: "1900000110", relation_type: "CUSTOM", custom_relation: "代理商和分销商和渠道" });
    expect(body.name).not.toContain("示例");
    const plain = privateDecrypt({ key: platform.privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING }, Buffer.from(body.name as string, "base64")).toString("utf8");
    expect(plain).toBe("示例商户");
    expect(addReceiverBody(credentials, { type: "PERSONAL_OPENID", account: "o1", relationType: "USER" })).not.toHaveProperty("name");
    expect(() => addReceiverBody(credentials, { type: "MERCHANT_ID", account: "1900000110", relationType: "USER" })).toThrow(ChannelRejectedError);
    expect(() => addReceiverBody(credentials, { type: "userId", account: "2088", relationType: "USER" })).toThrow(ChannelRejectedError);
  });

  it("writes a split order in fen, descriptions cut to 80 characters, unfreeze_unsplit from finish", () => {
    expect(splitOrderBody(credentials, { ...split, receivers: [{ ...split.receivers[0], description: "分".repeat(100) }] })).toEqual({
      appid: credentials.appid,
      transaction_id: split.channelTradeNo,
      out_order_no: "S1",
      receivers: [{ type: "MERCHANT_ID", account: "1900000110", amount: 1234, description: "分".repeat(80) }],
      unfreeze_unsplit: true,
    });
    const many = Array.from({ length: 51 }, (_, i) => ({ ...split.receivers[0], account: `19000001${i}` }));
    expect(() => splitOrderBody(credentials, { ...split, receivers: many })).toThrow(ChannelRejectedError);
    expect(() => splitOrderBody(credentials, { ...split, receivers: [{ ...split.receivers[0], amount: 0n }] })).toThrow(ChannelRejectedError);
  });
});

describe("wechatpay profit-sharing answers", () => {
  it("maps an order and its receivers' results", () => {
    const order = splitOrderSchema.parse({
      transaction_id: split.channelTradeNo,
      out_order_no: "S1",
      order_id: "3008450740201411110007820472",
      state: "FINISHED",
      receivers: [
        { amount: 100, description: "d", type: "MERCHANT_ID", account: "1900000110", result: "SUCCESS", detail_id: "36011111", create_time: "2026-05-01T12:00:00+08:00", finish_time: "2026-05-01T12:00:05+08:00" },
        { amount: 50, description: "d", type: "PERSONAL_OPENID", account: "o1", result: "CLOSED", fail_reason: "NO_RELATION", detail_id: "36011112", finish_time: "2026-05-01T12:00:05+08:00" },
      ],
    });
    expect(toSplitResult(order)).toEqual({
      state: "FINISHED",
      channelOrderId: "3008450740201411110007820472",
      receivers: [
        { type: "MERCHANT_ID", account: "1900000110", amount: 100n, result: "SUCCESS", failReason: undefined, detailId: "36011111", finishedAt: new Date("2026-05-01T04:00:05Z") },
        { type: "PERSONAL_OPENID", account: "o1", amount: 50n, result: "CLOSED", failReason: "NO_RELATION", detailId: "36011112", finishedAt: new Date("2026-05-01T04:00:05Z") },
      ],
    });
    expect(splitOrderSchema.safeParse({ out_order_no: "S1", order_id: "3", state: "DONE" }).success).toBe(false);
  });

  it("maps a return's result", () => {
    const base = { out_return_no: "B1", return_id: "31", amount: 10, create_time: "2026-05-01T12:00:00+08:00" };
    expect(toSplitReturnResult(returnOrderSchema.parse({ ...base, result: "SUCCESS", finish_time: "2026-05-01T12:00:01+08:00" }))).toEqual({
      state: "SUCCEEDED",
      channelReturnId: "31",
      failReason: undefined,
      finishedAt: new Date("2026-05-01T04:00:01Z"),
    });
    expect(toSplitReturnResult(returnOrderSchema.parse({ ...base, result: "FAILED", fail_reason: "ACCOUNT_ABNORMAL" }))).toMatchObject({ state: "FAILED", failReason: "ACCOUNT_ABNORMAL" });
    expect(toSplitReturnResult(returnOrderSchema.parse({ ...base, result: "PROCESSING" }))).toMatchObject({ state: "PROCESSING", finishedAt: undefined });
  });

  it("turns WeChat Pay's retry-later and not-found answers into channel-neutral codes; keeps the others", () => {
    const early = splitErrorOf(new ChannelRejectedError("WeChat Pay answered 400 INVALID_REQUEST: 订单处理中，请稍后重试", "INVALID_REQUEST"));
    expect(early).toMatchObject({ name: "ChannelRejectedError", code: SPLIT_RETRY_LATER });
    expect(splitErrorOf(new ChannelRejectedError("429", "FREQUENCY_LIMITED"))).toMatchObject({ code: SPLIT_RETRY_LATER });
    expect(splitErrorOf(new ChannelRejectedError("404", "RESOURCE_NOT_EXISTS"))).toMatchObject({ code: SPLIT_NOT_FOUND });
    const unsupported = new ChannelRejectedError("WeChat Pay answered 400 INVALID_REQUEST: 此订单不支持分账", "INVALID_REQUEST");
    expect(splitErrorOf(unsupported)).toBe(unsupported);
    const notEnough = new ChannelRejectedError("x", "NOT_ENOUGH");
    expect(splitErrorOf(notEnough)).toBe(notEnough);
  });
});
