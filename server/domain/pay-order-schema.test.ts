import { describe, expect, it } from "vitest";
import { createPayOrderSchema } from "./pay-order-schema";

const valid = { mchOrderNo: "M1", amount: 100, subject: "Sofa" };
const fieldOf = (input: unknown) => {
  const result = createPayOrderSchema.safeParse(input);
  return result.success ? null : result.error.issues[0].path.join(".");
};

describe("createPayOrderSchema", () => {
  it("fills the defaults of OPEN-API.md", () => {
    expect(createPayOrderSchema.parse(valid)).toMatchObject({ currency: "CNY", mode: "cashier", expireInSeconds: 1800 });
  });

  it("refuses text PostgreSQL cannot store or people cannot read", () => {
    expect(fieldOf({ ...valid, subject: "a\u0000b" })).toBe("subject");
    expect(fieldOf({ ...valid, description: "\u0007" })).toBe("description");
    expect(fieldOf({ ...valid, metadata: { k: "v\u0000" } })).toBe("metadata.k");
    expect(fieldOf({ ...valid, notifyUrl: "https://a.example/\u0000" })).toBe("notifyUrl");
    expect(fieldOf({ ...valid, subject: "   " })).toBe("subject");
    expect(fieldOf({ ...valid, subject: "沙发 定金\n第二行" })).toBeNull();
  });

  it("asks for what each mode needs", () => {
    expect(fieldOf({ ...valid, mode: "jsapi" })).toBe("payer.openid");
    expect(fieldOf({ ...valid, mode: "h5" })).toBe("payer.clientIp");
    expect(fieldOf({ ...valid, mode: "barcode", payer: { authCode: "12" } })).toBe("payer.authCode");
    expect(fieldOf({ ...valid, mode: "h5", payer: { clientIp: "2001:db8::1" } })).toBeNull();
  });

  it("refuses unknown fields and out-of-range amounts", () => {
    expect(fieldOf({ ...valid, extra: 1 })).toBe("");
    expect(fieldOf({ ...valid, amount: 2 ** 53 + 1 })).toBe("amount");
    expect(fieldOf({ ...valid, metadata: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, "v"])) })).toBe("metadata");
  });
});
