import { describe, expect, it } from "vitest";
import { REDACTED, changedFields, redact } from "./redact";

describe("redact", () => {
  it("hides secret-looking fields at any depth and keeps the rest", () => {
    const out = redact({
      name: "Shop",
      secretEnc: "abc",
      credentials: { mchid: "1900", apiV3Key: "k" },
      nested: [{ privateKeyPem: "-----BEGIN", serialNo: "S1" }],
      amount: 100n,
      bankAccount: null,
    });
    expect(out).toEqual({
      name: "Shop",
      secretEnc: REDACTED,
      credentials: REDACTED,
      nested: [{ privateKeyPem: REDACTED, serialNo: "S1" }],
      amount: "100",
      bankAccount: null,
    });
  });
  it("lists changed fields", () => {
    expect(changedFields({ a: 1, b: 2 }, { a: 1, b: 3, c: 4 })).toEqual(["b", "c"]);
    expect(changedFields(null, { a: 1 })).toEqual(["a"]);
  });
});
