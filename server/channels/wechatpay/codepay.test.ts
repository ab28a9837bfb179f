import { describe, expect, it } from "vitest";
import { ChannelRejectedError, ChannelTimeoutError, ChannelUnavailableError } from "../errors";
import { codepayBody, outcomeOpen, readCodepayAnswer } from "./codepay";

const account = { appid: "wx0123456789abcdef", mchid: "1900000001" };
const request = {
  outTradeNo: "P20261205000001-1",
  amount: 1288n,
  currency: "CNY" as const,
  subject: "门店收银",
  expiresAt: new Date("2026-12-05T12:30:00Z"),
  mode: "barcode" as const,
  payer: { authCode: "134567890123456789", clientIp: "10.0.0.8" },
};

const transaction = (trade_state: string, extra: object = {}) => ({
  appid: account.appid,
  mchid: account.mchid,
  out_trade_no: request.outTradeNo,
  trade_type: "MICROPAY",
  trade_state,
  trade_state_desc: "…",
  amount: { total: 1288, currency: "CNY" },
  ...extra,
});

describe("WeChat Pay codepay", () => {
  it("sends the payer's code, the amount in fen and the device IP", () => {
    expect(codepayBody(account, request)).toEqual({
      appid: account.appid,
      mchid: account.mchid,
      description: "门店收银",
      out_trade_no: request.outTradeNo,
      amount: { total: 1288, currency: "CNY" },
      payer: { auth_code: "134567890123456789" },
      scene_info: { device_ip: "10.0.0.8" },
    });
    expect(() => codepayBody(account, { ...request, payer: {} })).toThrow(ChannelRejectedError);
  });

  it("maps its answers: SUCCESS is paid now (with the trade to check), USERPAYING / 202 / unreadable are processing", () => {
    const paid = readCodepayAnswer(transaction("SUCCESS", { transaction_id: "4200001", success_time: "2026-12-05T20:00:00+08:00" }));
    expect(paid).toMatchObject({ channelTradeNo: "4200001", sync: { state: "PAID", trade: { state: "SUCCEEDED", amount: 1288n, channelAppId: account.appid, channelMchId: account.mchid } } });
    expect(readCodepayAnswer(transaction("USERPAYING")).sync).toEqual({ state: "PROCESSING", reason: "USERPAYING" });
    expect(readCodepayAnswer({ code: "USERPAYING", message: "需要用户输入支付密码" }).sync).toEqual({ state: "PROCESSING", reason: "USERPAYING" });
    expect(readCodepayAnswer("<html>").sync).toEqual({ state: "PROCESSING", reason: "UNREADABLE_ANSWER" });
    expect(() => readCodepayAnswer(transaction("PAYERROR"))).toThrow(ChannelRejectedError);
  });

  it("an error that may hide a trade is processing, a refusal is a decline, a refused connection fails over", () => {
    expect(outcomeOpen(new ChannelUnavailableError("500", "SYSTEM_ERROR"))).toBe("SYSTEM_ERROR");
    expect(outcomeOpen(new ChannelRejectedError("bank", "BANKERROR"))).toBe("BANKERROR");
    expect(outcomeOpen(new ChannelTimeoutError("no answer", "TIMEOUT"))).toBe("TIMEOUT");
    expect(outcomeOpen(new ChannelRejectedError("余额不足", "NOTENOUGH"))).toBeNull();
    expect(outcomeOpen(new ChannelUnavailableError("refused", "ECONNREFUSED"))).toBeNull();
  });
});
