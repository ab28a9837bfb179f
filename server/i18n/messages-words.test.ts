import { describe, expect, it } from "vitest";
import { channelMessage, transportMessageKey } from "./channel-message";
import en from "./messages/en.json";
import zh from "./messages/zh-CN.json";
import { createTranslator } from "next-intl";

/**
 * The catalogues speak human words: no key shown as its own message, no code name in a sentence, no English left in
 * the Chinese one. Each rule has a short allow-list of terms that are the same in both languages.
 */
type Tree = { [key: string]: string | Tree };
const flat = (tree: Tree, prefix = ""): [string, string][] =>
  Object.entries(tree).flatMap(([k, v]) => (typeof v === "string" ? [[`${prefix}${k}`, v] as [string, string]] : flat(v, `${prefix}${k}.`)));

const ZH = new Map(flat(zh as Tree));
const EN = new Map(flat(en as Tree));
/** What a reader sees: placeholders `{x}` and ICU plural/select bodies reduced to their text. */
const visible = (value: string) => value.replace(/\{[^{}]*\}/g, " ").replace(/\{[^{}]*\{/g, " ");

/** Terms that are written the same in Chinese and English (brands, standards, file formats). */
const SAME_IN_BOTH = new Set(["English", "curl", "TypeScript", "App", "API", "Open API", "SKU", "OpenID"]);
/** Keys whose text is an example or a format to type (a path, CSV columns): code by nature. */
const CODE_BY_NATURE = new Set(["developerTools.requestLogs.pathPlaceholder", "buyers.issue.csvHint", "credentialFields.unionpay.merId", "profitSharing.receiverTypes.openId"]);

describe("message catalogues speak human words", () => {
  it("every key has a message in both languages", () => {
    const missing = [...[...ZH.keys()].filter((k) => !EN.has(k)).map((k) => `en: ${k}`), ...[...EN.keys()].filter((k) => !ZH.has(k)).map((k) => `zh-CN: ${k}`)];
    expect(missing).toEqual([]);
  });

  it("no message is its own key (a key shown raw)", () => {
    const raw: string[] = [];
    for (const [locale, messages] of [["zh-CN", ZH], ["en", EN]] as const) {
      for (const [key, value] of messages) {
        const last = key.split(".").at(-1) ?? key;
        // an English word may be its own key ("yes", "phone"); a code name (camelCase, CONSTANT_CASE) may not
        const codeName = locale === "zh-CN" || /[A-Z_]/.test(last);
        if ((value === key || (value === last && codeName)) && !SAME_IN_BOTH.has(value)) raw.push(`${locale}: ${key}`);
      }
    }
    expect(raw).toEqual([]);
  });

  it("no message names a code identifier (camelCase) outside the few that are examples by nature", () => {
    const leaks: string[] = [];
    for (const [locale, messages] of [["zh-CN", ZH], ["en", EN]] as const) {
      for (const [key, value] of messages) {
        if (CODE_BY_NATURE.has(key)) continue;
        const words = visible(value).match(/\b[a-z]+[A-Z][A-Za-z]*\b/g);
        if (words) leaks.push(`${locale}: ${key} = ${words.join(", ")}`);
      }
    }
    expect(leaks).toEqual([]);
  });

  it("the Chinese catalogue has no message in plain English", () => {
    const english: string[] = [];
    for (const [key, value] of ZH) {
      if (CODE_BY_NATURE.has(key) || SAME_IN_BOTH.has(value)) continue;
      const text = visible(value);
      if (/[A-Za-z]{3,}/.test(text) && !/[\u3000-\u9fff\uff00-\uffef]/.test(text)) english.push(`${key} = ${value}`);
    }
    expect(english).toEqual([]);
  });
});

describe("channel and transport answers in human words", () => {
  const tZh = createTranslator({ locale: "zh-CN", messages: zh, namespace: "channelMessages" });
  const tEn = createTranslator({ locale: "en", messages: en, namespace: "channelMessages" });

  it("recognises network failures, timeouts and refusals", () => {
    expect(transportMessageKey("fetch failed")).toBe("transport.network");
    expect(transportMessageKey("connect ECONNREFUSED 127.0.0.1:9")).toBe("transport.refused");
    expect(transportMessageKey("getaddrinfo ENOTFOUND hooks.example")).toBe("transport.dns");
    expect(transportMessageKey("no answer within 10 s")).toBe("transport.timeout");
    expect(transportMessageKey("The operation was aborted due to timeout")).toBe("transport.timeout");
    expect(transportMessageKey("declined by the payer")).toBe("transport.payerDeclined");
    expect(transportMessageKey("WeChat Pay answered 503")).toBe("transport.serverError");
    expect(transportMessageKey("something we never saw")).toBeNull();
  });

  it("shows Chinese in the Chinese console and English in the English one", () => {
    expect(channelMessage(tZh, "fetch failed")).toBe(zh.channelMessages.transport.network);
    expect(channelMessage(tEn, "fetch failed")).toBe(en.channelMessages.transport.network);
    expect(channelMessage(tZh, "declined by the payer")).toMatch(/[\u4e00-\u9fff]/);
    // a channel code wins over the text, dotted codes included
    expect(channelMessage(tZh, "Business Failed", "ACQ.BUYER_BALANCE_NOT_ENOUGH")).toBe(zh.channelMessages.codes.ACQ_BUYER_BALANCE_NOT_ENOUGH);
    expect(channelMessage(tEn, "余额不足", "NOTENOUGH")).toBe(en.channelMessages.codes.NOTENOUGH);
    // unknown: the channel's own words, which are still the best we have
    expect(channelMessage(tEn, "商户号不存在", "SOME_NEW_CODE")).toBe("商户号不存在");
  });
});
