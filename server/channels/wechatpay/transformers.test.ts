import { describe, expect, it } from "vitest";
import { ChannelRejectedError, ChannelUnsupportedError } from "../errors";
import type { PayRequest } from "../types";
import {
  createOrderBody,
  refundStateOf,
  toRefundQuery,
  toTradeQuery,
  tradeStateOf,
  transactionSchema,
  wechatTime,
  type WechatpayMode,
} from "./transformers";

const account = { appid: "wx0123456789abcdef", mchid: "1900000109" };

function payRequest(mode: WechatpayMode, extra: Partial<Omit<PayRequest, "mode">> = {}): PayRequest & { mode: WechatpayMode } {
  return {
    outTradeNo: "P202605010001-1",
    amount: 12_345n,
    currency: "CNY",
    subject: "演示商品",
    expiresAt: new Date("2026-05-01T04:30:00Z"),
    mode,
    ...extra,
  };
}

describe("wechatpay status mapping", () => {
  it("maps every trade_state", () => {
    expect(tradeStateOf("SUCCESS")).toBe("SUCCEEDED");
    expect(tradeStateOf("REFUND")).toBe("SUCCEEDED");
    expect(tradeStateOf("NOTPAY")).toBe("PENDING");
    expect(tradeStateOf("USERPAYING")).toBe("PENDING");
    expect(tradeStateOf("CLOSED")).toBe("CLOSED");
    expect(tradeStateOf("REVOKED")).toBe("CLOSED");
    expect(tradeStateOf("PAYERROR")).toBe("FAILED");
  });

  it("maps every refund status", () => {
    expect(refundStateOf("SUCCESS")).toBe("SUCCEEDED");
    expect(refundStateOf("PROCESSING")).toBe("PROCESSING");
    expect(refundStateOf("CLOSED")).toBe("FAILED");
    expect(refundStateOf("ABNORMAL")).toBe("FAILED");
  });

  it("refuses a trade_state it does not know instead of guessing", () => {
    expect(transactionSchema.safeParse({ appid: "a", mchid: "m", out_trade_no: "o", trade_state: "ACCEPT" }).success).toBe(false);
  });

  it("reads a paid Transaction into fen, Beijing time and the account's identity", () => {
    const query = toTradeQuery(
      transactionSchema.parse({
        appid: account.appid,
        mchid: account.mchid,
        out_trade_no: "P1-1",
        transaction_id: "4200001234202605011234567890",
        trade_type: "NATIVE",
        trade_state: "SUCCESS",
        success_time: "2026-05-01T12:00:01+08:00",
        amount: { total: 12_345, payer_total: 12_345, currency: "CNY" },
      }),
    );
    expect(query).toEqual({
      state: "SUCCEEDED",
      outTradeNo: "P1-1",
      channelTradeNo: "4200001234202605011234567890",
      amount: 12_345n,
      currency: "CNY",
      paidAt: new Date("2026-05-01T04:00:01Z"),
      channelAppId: account.appid,
      channelMchId: account.mchid,
      failureReason: undefined,
    });
  });

  it("gives a failed trade its reason and no payment time", () => {
    const query = toTradeQuery(
      transactionSchema.parse({ ...account, out_trade_no: "P1-1", trade_state: "PAYERROR", trade_state_desc: "银行卡余额不足", amount: { total: 1 } }),
    );
    expect(query).toMatchObject({ state: "FAILED", failureReason: "银行卡余额不足", paidAt: undefined, channelTradeNo: undefined });
  });

  it("reads a Refund, ABNORMAL as failed with its status as the reason", () => {
    const refund = { refund_id: "50300", out_refund_no: "R1", amount: { refund: 100, total: 12_345 } };
    expect(toRefundQuery({ ...refund, status: "SUCCESS", success_time: "2026-05-01T12:00:00+08:00" })).toEqual({
      state: "SUCCEEDED",
      outRefundNo: "R1",
      channelRefundNo: "50300",
      refundAmount: 100n,
      failureReason: undefined,
      succeededAt: new Date("2026-05-01T04:00:00Z"),
    });
    expect(toRefundQuery({ ...refund, status: "ABNORMAL" })).toMatchObject({ state: "FAILED", failureReason: "ABNORMAL" });
  });
});

describe("wechatpay create order body", () => {
  it("writes time_expire as RFC 3339 in +08:00 and the amount as integer fen", () => {
    expect(wechatTime(new Date("2026-12-31T16:30:05.999Z"))).toBe("2027-01-01T00:30:05+08:00");
    expect(createOrderBody(account, "https://pc.example/notify", payRequest("native"))).toEqual({
      appid: account.appid,
      mchid: account.mchid,
      description: "演示商品",
      out_trade_no: "P202605010001-1",
      time_expire: "2026-05-01T12:30:00+08:00",
      notify_url: "https://pc.example/notify",
      amount: { total: 12_345, currency: "CNY" },
    });
  });

  it("adds the payer for jsapi and the scene for h5, and refuses them missing", () => {
    expect(createOrderBody(account, "u", payRequest("jsapi", { payer: { openid: "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o" } })).payer).toEqual({
      openid: "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o",
    });
    expect(createOrderBody(account, "u", payRequest("h5", { payer: { clientIp: "203.0.113.7" } })).scene_info).toEqual({
      payer_client_ip: "203.0.113.7",
      h5_info: { type: "Wap" },
    });
    expect(() => createOrderBody(account, "u", payRequest("jsapi"))).toThrow(ChannelRejectedError);
    expect(() => createOrderBody(account, "u", payRequest("h5"))).toThrow(ChannelRejectedError);
  });

  it("takes only CNY and amounts that fit a JSON integer", () => {
    expect(() => createOrderBody(account, "u", payRequest("native", { currency: "USD" }))).toThrow(ChannelUnsupportedError);
    expect(() => createOrderBody(account, "u", payRequest("native", { amount: 2n ** 60n }))).toThrow(ChannelRejectedError);
    expect(() => createOrderBody(account, "u", payRequest("native", { amount: 0n }))).toThrow(ChannelRejectedError);
  });

  it("keeps the description within 127 characters", () => {
    const body = createOrderBody(account, "u", payRequest("native", { subject: "商".repeat(200) }));
    expect(Array.from(body.description)).toHaveLength(127);
  });
});
