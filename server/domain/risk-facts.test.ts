import { describe, expect, it } from "vitest";
import { maskedFacts, normaliseAddress, normaliseIp, normaliseListValue, orderFingerprint } from "./risk-facts";

describe("risk facts", () => {
  it("folds an address to one text and judges it complete", () => {
    const a = normaliseAddress({ province: "北京市", city: "北京市", district: "朝阳区", detail: "建国路 88 号" });
    const b = normaliseAddress({ province: " 北京市", city: "北京市", district: "朝阳区", detail: "建国路88号" });
    expect(a).toEqual({ text: "北京市北京市朝阳区建国路88号", complete: true });
    expect(b.text).toBe(a.text);
    expect(normaliseAddress({ province: "ＢＥＩＪＩＮＧ", city: "x", detail: "ABCD" }).text).toBe("beijingxabcd"); // full width folded
    expect(normaliseAddress({ province: "广东省", city: "深圳市", detail: "南山 1" }).complete).toBe(false); // "南山1": 3 characters
    expect(normaliseAddress({ province: "", city: "深圳市", detail: "南山区科技园" }).complete).toBe(false);
  });

  it("fingerprints buyer + lines (any order) + amount", () => {
    const lines = [
      { sku: "A", quantity: 1, unitPrice: 100n },
      { sku: "B", quantity: 2, unitPrice: 50n },
    ];
    const f = orderFingerprint("u1", lines, 200n);
    expect(orderFingerprint("u1", [...lines].reverse(), 200n)).toBe(f);
    expect(orderFingerprint("u2", lines, 200n)).not.toBe(f);
    expect(orderFingerprint("u1", lines, 201n)).not.toBe(f);
    expect(orderFingerprint("u1", [{ sku: "A", quantity: 2, unitPrice: 100n }], 200n)).not.toBe(f);
  });

  it("normalises IPs and list values", () => {
    expect(normaliseIp("::FFFF:192.0.2.1")).toBe("192.0.2.1");
    expect(normaliseIp(" 2001:DB8::1 ")).toBe("2001:db8::1");
    expect(normaliseIp("")).toBeUndefined();
    expect(normaliseListValue("PHONE", "+86 138-0013-8000")).toBe("13800138000");
    expect(normaliseListValue("PHONE", "12345")).toBeNull();
    expect(normaliseListValue("ADDRESS_KEYWORD", " 诈骗 大厦 ")).toBe("诈骗大厦");
    expect(normaliseListValue("BUYER_ID", "  ")).toBeNull();
  });

  it("masks the phone and the address in a decision's facts", () => {
    const masked = maskedFacts({
      checkpoint: "ORDER",
      merchantId: "m",
      appId: "a",
      at: new Date("2026-12-05T00:00:00Z"),
      amount: 100n,
      phone: "13800138000",
      address: { text: "北京市北京市朝阳区建国路88号", complete: true },
    });
    expect(masked).toEqual({ checkpoint: "ORDER", amount: "100", at: "2026-12-05T00:00:00.000Z", phone: "138****8000", address: { text: "北京市北京市*********", complete: true } });
  });
});
