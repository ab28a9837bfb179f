import { describe, expect, it } from "vitest";
import type { SandboxTrade } from "@/server/generated/prisma/client.ts";
import { prepayIdOf, tradeStateOf, transactionOf, wechatTime } from "./wire";

const trade: SandboxTrade = {
  id: "0196a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b",
  sandboxMerchantId: "m",
  channel: "wechatpay",
  outTradeNo: "P202605010001-1",
  channelTradeNo: "4220260501123456789012345678",
  channelAppId: "wx0123456789abcdef",
  tradeType: "h5",
  profitSharing: false,
  splitFinishedAt: null,
  authCode: null,
  amount: 1999n,
  currency: "CNY",
  subject: "演示商品",
  notifyUrl: "http://127.0.0.1/notify",
  returnUrl: null,
  state: "PENDING",
  stateDetail: null,
  expiresAt: new Date("2026-05-01T06:00:00Z"),
  paidAt: null,
  payerId: null,
  refundedAmount: 0n,
  createdAt: new Date("2026-05-01T04:00:00Z"),
  updatedAt: new Date("2026-05-01T04:00:00Z"),
};

describe("wechatpay sandbox wire format", () => {
  it("reports every sandbox state as WeChat Pay's trade_state", () => {
    expect(tradeStateOf(trade).trade_state).toBe("NOTPAY");
    expect(tradeStateOf({ ...trade, state: "SUCCEEDED" }).trade_state).toBe("SUCCESS");
    expect(tradeStateOf({ ...trade, state: "SUCCEEDED", refundedAmount: 1n }).trade_state).toBe("REFUND");
    expect(tradeStateOf({ ...trade, state: "CLOSED" }).trade_state).toBe("CLOSED");
    expect(tradeStateOf({ ...trade, state: "FAILED", stateDetail: "declined by the payer" })).toEqual({
      trade_state: "PAYERROR",
      trade_state_desc: "declined by the payer",
    });
  });

  it("shows no transaction_id, payer or success_time before payment, all of them after", () => {
    expect(JSON.parse(JSON.stringify(transactionOf(trade, "1900000109")))).toEqual({
      appid: "wx0123456789abcdef",
      mchid: "1900000109",
      out_trade_no: "P202605010001-1",
      trade_type: "MWEB",
      trade_state: "NOTPAY",
      trade_state_desc: "订单未支付",
      amount: { total: 1999, currency: "CNY" },
    });
    const paid = { ...trade, state: "SUCCEEDED" as const, paidAt: new Date("2026-05-01T04:05:06Z"), payerId: "o-payer" };
    expect(transactionOf(paid, "1900000109")).toMatchObject({
      transaction_id: "4220260501123456789012345678",
      success_time: "2026-05-01T12:05:06+08:00",
      payer: { openid: "o-payer" },
      amount: { total: 1999, payer_total: 1999, currency: "CNY", payer_currency: "CNY" },
    });
  });

  it("derives a stable wx… prepay_id and writes Beijing time", () => {
    expect(prepayIdOf(trade)).toBe("wx0196a1b2c3d47e5f8a9b0c1d2e3f4a5b");
    expect(wechatTime(new Date("2026-05-01T16:00:00Z"))).toBe("2026-05-02T00:00:00+08:00");
  });
});
