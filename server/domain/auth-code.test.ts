import { describe, expect, it } from "vitest";
import { AUTH_CODE_RULES, channelOfAuthCode } from "./auth-code";

describe("channelOfAuthCode: the channel of a payment code from its prefix and length", () => {
  it.each([
    ["134567890123456789", "wechatpay"],
    ["101234567890123456", "wechatpay"],
    ["151234567890123456", "wechatpay"],
    ["2812345678901234", "alipay"], // 16 digits
    ["251234567890123456", "alipay"], // 18 digits, as Alipay's app shows them today
    ["301234567890123456789012", "alipay"], // 24 digits
  ])("%s → %s", (code, channel) => {
    expect(channelOfAuthCode(code)).toBe(channel);
  });

  it.each([
    ["091234567890123456", "WeChat length, prefix 09"],
    ["161234567890123456", "WeChat length, prefix 16"],
    ["13456789012345678", "17 digits starting 13"],
    ["1345678901234567890", "19 digits starting 13"],
    ["241234567890123456", "prefix 24"],
    ["311234567890123456", "prefix 31"],
    ["281234567890123", "15 digits starting 28"],
    ["2812345678901234567890123", "25 digits starting 28"],
    ["1234567890123456", "16 digits starting 12"],
    ["13456789012345678a", "not all digits"],
    ["", "empty"],
  ])("%s (%s) → no channel", (code) => {
    expect(channelOfAuthCode(code)).toBeNull();
  });

  it("skips a channel that does not exist (yet): UnionPay's 62… codes route only once `unionpay` is a channel code", () => {
    const unionpay = "6212345678901234567";
    expect(AUTH_CODE_RULES.some((rule) => rule.channel === "unionpay")).toBe(true);
    // a table whose only row names a made-up channel recognises nothing
    expect(channelOfAuthCode(unionpay, [{ channel: "nosuchpay", minLength: 19, maxLength: 19, prefixFrom: 62, prefixTo: 62 }])).toBeNull();
    expect(channelOfAuthCode(unionpay, [{ channel: "alipay", minLength: 19, maxLength: 19, prefixFrom: 62, prefixTo: 62 }])).toBe("alipay");
  });
});
