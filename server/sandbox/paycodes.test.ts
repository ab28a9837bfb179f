import { describe, expect, it } from "vitest";
import { channelOfAuthCode } from "@/server/domain/auth-code";
import { issuePayCode, PAY_CODE_TTL_MS, readPayCode, SANDBOX_BUYERS } from "./paycodes";

describe("sandbox payment codes", () => {
  const now = new Date("2026-12-05T12:00:00Z");

  it.each(SANDBOX_BUYERS.flatMap((buyer) => [["wechatpay", buyer], ["alipay", buyer]] as const))("%s %s: a code of the channel's shape that reads back as its buyer", (channel, buyer) => {
    const code = issuePayCode(channel, buyer, now);
    expect(code).toMatch(/^\d{18}$/);
    expect(channelOfAuthCode(code)).toBe(channel);
    expect(readPayCode(channel, code, now)).toEqual({ ok: true, buyer });
    // two codes of one buyer in the same second differ (each pays once)
    expect(issuePayCode(channel, buyer, now)).not.toBe(code);
  });

  it("refuses another channel's code, a changed digit, and a code past its minute", () => {
    const code = issuePayCode("wechatpay", "instant", now);
    expect(readPayCode("alipay", code, now)).toEqual({ ok: false, reason: "invalid" });
    const changed = `${code.slice(0, 12)}${(Number(code[12]) + 1) % 10}${code.slice(13)}`;
    expect(readPayCode("wechatpay", changed, now)).toEqual({ ok: false, reason: "invalid" });
    expect(readPayCode("wechatpay", "134567890123456789", now)).toEqual({ ok: false, reason: "invalid" });
    const later = new Date(now.getTime() + PAY_CODE_TTL_MS + 1_000);
    expect(readPayCode("wechatpay", code, later)).toEqual({ ok: false, reason: "expired" });
  });
});
