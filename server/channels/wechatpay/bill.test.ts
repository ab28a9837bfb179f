import { describe, expect, it } from "vitest";
import { parseTradeBill } from "./bill";

const HEADER =
  "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注";
const PAYMENT =
  "`2026-05-01 12:00:01,`wx0123456789abcdef,`1900000109,`0,`,`4200001234202605011234567890,`P1-1,`oUpF8u,`NATIVE,`SUCCESS,`OTHERS,`CNY,`1234567.89,`0.00,`0,`0,`0.00,`0.00,`,`,`演示商品, 含逗号,`,`7407.41,`0.60%,`1234567.89,`0.00,`";
const REFUND =
  "`2026-05-01 23:59:59,`wx0123456789abcdef,`1900000109,`0,`,`4200001234202605011234567890,`P1-1,`oUpF8u,`NATIVE,`REFUND,`OTHERS,`CNY,`0.00,`0.00,`50000000382019052709732678859,`R1,`0.01,`0.00,`ORIGINAL,`SUCCESS,`演示商品,`,`-0.00,`0.60%,`0.00,`0.01,`";
const TOTALS = "总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额";

const bill = (rows: string[], count = rows.length) =>
  `\uFEFF${[HEADER, ...rows, TOTALS, `\`${count},\`1234567.89,\`0.01,\`0.00,\`7407.41,\`1234567.89,\`0.01`].map((l) => `${l}\r\n`).join("")}`;

describe("wechatpay trade bill", () => {
  it("reads payments and refunds with exact yuan → fen and Beijing times", () => {
    expect(parseTradeBill(bill([PAYMENT, REFUND]))).toEqual([
      {
        kind: "payment",
        outTradeNo: "P1-1",
        channelTradeNo: "4200001234202605011234567890",
        amount: 123_456_789n,
        fee: 740_741n,
        currency: "CNY",
        state: "SUCCEEDED",
        channelState: "SUCCESS",
        occurredAt: new Date("2026-05-01T04:00:01Z"),
      },
      {
        kind: "refund",
        outTradeNo: "P1-1",
        channelTradeNo: "4200001234202605011234567890",
        outRefundNo: "R1",
        amount: -1n,
        fee: 0n,
        currency: "CNY",
        state: "SUCCEEDED",
        channelState: "REFUND",
        occurredAt: new Date("2026-05-01T15:59:59Z"),
      },
    ]);
  });

  it("refuses a bill whose line count does not match its totals, or without totals", () => {
    expect(() => parseTradeBill(bill([PAYMENT], 2))).toThrow(/announces 2 lines but holds 1/);
    expect(() => parseTradeBill(`\uFEFF${HEADER}\r\n${PAYMENT}\r\n`)).toThrow(/no totals/);
  });

  it("refuses a row state it does not know and an amount that is not yuan", () => {
    expect(() => parseTradeBill(bill([PAYMENT.replace("`SUCCESS", "`REVOKED")]))).toThrow(/REVOKED/);
    expect(() => parseTradeBill(bill([PAYMENT.replace("`7407.41", "`7407.411")]))).toThrow(/more than 2 decimals/);
  });
});
