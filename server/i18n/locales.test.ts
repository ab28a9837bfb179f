import { describe, expect, it } from "vitest";
import { resolveLocale } from "./locales";

describe("resolveLocale", () => {
  it("prefers the cookie", () => {
    expect(resolveLocale("en", "zh-CN,zh;q=0.9")).toBe("en");
    expect(resolveLocale("zh-CN", "en-US")).toBe("zh-CN");
  });
  it("falls back to the browser's preference between Chinese and English", () => {
    expect(resolveLocale(undefined, "en-US,en;q=0.9")).toBe("en");
    expect(resolveLocale(undefined, "zh-CN,zh;q=0.9,en;q=0.8")).toBe("zh-CN");
    expect(resolveLocale(undefined, "fr-FR,en;q=0.5,zh;q=0.8")).toBe("zh-CN");
  });
  it("defaults to zh-CN", () => {
    expect(resolveLocale(undefined, null)).toBe("zh-CN");
    expect(resolveLocale("xx", "de-DE")).toBe("zh-CN");
    expect(resolveLocale(undefined, ";;;,q=abc")).toBe("zh-CN");
  });
});
