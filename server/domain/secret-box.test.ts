import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { keyId, needsReseal, open, parseKey, seal } from "./secret-box";

const key = () => randomBytes(32);

describe("secret-box", () => {
  it("seals and opens with the same key and context", () => {
    const ring = { current: key(), previous: [] };
    const sealed = seal(ring, "sk_test_abc", "app-secret:app_1");
    expect(sealed).toMatch(/^v1\.[0-9a-f]{8}\./);
    expect(sealed).not.toContain("sk_test_abc");
    expect(open(ring, sealed, "app-secret:app_1")).toBe("sk_test_abc");
  });

  it("uses a fresh IV each time", () => {
    const ring = { current: key(), previous: [] };
    expect(seal(ring, "same")).not.toBe(seal(ring, "same"));
  });

  it("refuses another context, a tampered envelope and an unknown key", () => {
    const ring = { current: key(), previous: [] };
    const sealed = seal(ring, "secret", "row-1");
    expect(() => open(ring, sealed, "row-2")).toThrow();
    const tampered = sealed.slice(0, -2) + (sealed.endsWith("A") ? "BB" : "AA");
    expect(() => open(ring, tampered, "row-1")).toThrow();
    expect(() => open({ current: key(), previous: [] }, sealed, "row-1")).toThrow(/no key/);
    expect(() => open(ring, "garbage", "row-1")).toThrow(/not a sealed secret/);
  });

  it("opens values sealed with a retired key and says they need resealing", () => {
    const old = key();
    const sealed = seal({ current: old, previous: [] }, "secret");
    const ring = { current: key(), previous: [old] };
    expect(open(ring, sealed)).toBe("secret");
    expect(needsReseal(ring, sealed)).toBe(true);
    expect(needsReseal(ring, seal(ring, "x"))).toBe(false);
  });

  it("parses 32-byte keys from hex or base64 only", () => {
    const raw = key();
    expect(keyId(parseKey(raw.toString("hex")))).toBe(keyId(raw));
    expect(keyId(parseKey(raw.toString("base64")))).toBe(keyId(raw));
    expect(() => parseKey("short")).toThrow(/32 bytes/);
  });
});
