import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import en from "./messages/en.json";
import { hasMessage, knownMessage } from "./known-message";

describe("knownMessage", () => {
  const t = createTranslator({ locale: "en", messages: en, namespace: "channel" });
  it("translates a key that comes from data when the catalogue has it, else shows the fallback", () => {
    expect(knownMessage(t, "wechatpay", "?")).toBe(en.channel.wechatpay);
    expect(knownMessage(t, "unionpay-of-the-future", "unionpay-of-the-future")).toBe("unionpay-of-the-future");
    expect(hasMessage(t, "alipay")).toBe(true);
    expect(hasMessage(t, "nope")).toBe(false);
  });
});
