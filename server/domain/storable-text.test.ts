import { describe, expect, it } from "vitest";
import { createPayOrderSchema } from "./pay-order-schema";
import { findUnsafeText, isStorableText } from "./storable-text";

describe("storable text", () => {
  it("refuses NUL and lone surrogates, keeps every real character", () => {
    expect(["P\u0000", "\ud800", "a\udc00", "\ud83d"].map(isStorableText)).toEqual([false, false, false, false]);
    expect(["", "支付 😀", "tab\tnew\nline", "\uFFFD"].map(isStorableText)).toEqual([true, true, true, true]);
  });

  it("finds the first unstorable string or key anywhere, with its path", () => {
    expect(findUnsafeText({ a: [1, { b: "ok" }, { c: "x\u0000" }] })).toEqual({ path: ["a", 2, "c"], reason: "text" });
    expect(findUnsafeText({ metadata: { "k\ud800": "v" } })).toEqual({ path: ["metadata"], reason: "key" });
    expect(findUnsafeText(JSON.parse('{"metadata":{"__proto__":{"x":"1"}}}'))).toEqual({ path: ["metadata", "__proto__"], reason: "proto" });
    expect(findUnsafeText({ fine: ["a", 1, null, true, { deeper: "😀" }] })).toBeNull();
  });

  it("walks a body nested 50,000 levels deep without overflowing the stack", () => {
    const deep = JSON.parse(`${"[".repeat(50_000)}"\\u0000"${"]".repeat(50_000)}`);
    expect(findUnsafeText(deep)?.path).toHaveLength(50_000);
  });
});

describe("pay-order metadata", () => {
  const order = (metadata: string) => JSON.parse(`{"mchOrderNo":"M1","amount":1,"subject":"s","metadata":${metadata}}`);

  it("refuses names an object would drop or that shadow every object's own, by field", () => {
    for (const key of ["__proto__", "constructor", "prototype"]) {
      const parsed = createPayOrderSchema.safeParse(order(`{"${key}":{"admin":"1"},"storeId":"S01"}`));
      expect(parsed.error?.issues[0]?.path, key).toEqual(["metadata", key]);
    }
    expect(createPayOrderSchema.parse(order('{"storeId":"S01"}')).metadata).toEqual({ storeId: "S01" });
  });

  it("refuses a lone surrogate in any text field instead of storing U+FFFD", () => {
    for (const [field, value] of [["subject", '"a\\ud800"'], ["description", '"\\udc00"'], ["metadata", '{"k":"\\ud800"}']] as const) {
      const body = JSON.parse(`{"mchOrderNo":"M1","amount":1,"subject":"s","${field}":${value}}`);
      expect(createPayOrderSchema.safeParse(body).error?.issues[0]?.path[0], field).toBe(field);
    }
  });
});
