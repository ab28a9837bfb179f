import { describe, expect, it } from "vitest";
import { createSplitSchema, receiverCreateSchema, ruleCreateSchema } from "./profit-sharing-schema";

const receiver = { channelAccountId: "0193a1b2-0000-7000-8000-000000000001", type: "MERCHANT_ID", account: "1900000109", name: "门店A", relationType: "STORE" };

describe("receiver create", () => {
  it("takes a receiver and requires a custom relation of at most 10 characters only for CUSTOM", () => {
    expect(receiverCreateSchema.safeParse(receiver).success).toBe(true);
    expect(receiverCreateSchema.safeParse({ ...receiver, relationType: "CUSTOM" }).success).toBe(false);
    expect(receiverCreateSchema.safeParse({ ...receiver, relationType: "CUSTOM", customRelation: "合作伙伴" }).success).toBe(true);
    expect(receiverCreateSchema.safeParse({ ...receiver, relationType: "CUSTOM", customRelation: "12345678901" }).success).toBe(false);
    expect(receiverCreateSchema.safeParse({ ...receiver, customRelation: "x" }).success).toBe(false);
    expect(receiverCreateSchema.safeParse({ ...receiver, relationType: "FRIEND" }).success).toBe(false);
    expect(receiverCreateSchema.safeParse({ ...receiver, account: "  " }).success).toBe(false);
    expect(receiverCreateSchema.safeParse({ ...receiver, account: "a\u0000b" }).success).toBe(false);
  });
});

describe("rule create", () => {
  const base = { appId: "app_X", name: "平台抽成", receiverId: "0193a1b2-0000-7000-8000-000000000002" };
  it("needs a ratio (1–3000 bps) for RATIO and an amount for FIXED, and what its match names", () => {
    expect(ruleCreateSchema.safeParse({ ...base, mode: "RATIO", ratioBps: 1000 }).success).toBe(true);
    expect(ruleCreateSchema.safeParse({ ...base, mode: "RATIO" }).success).toBe(false);
    expect(ruleCreateSchema.safeParse({ ...base, mode: "RATIO", ratioBps: 3001 }).success).toBe(false);
    expect(ruleCreateSchema.safeParse({ ...base, mode: "FIXED", amount: 100 }).data?.amount).toBe(100n);
    expect(ruleCreateSchema.safeParse({ ...base, mode: "FIXED", amount: 1.5 }).success).toBe(false);
    expect(ruleCreateSchema.safeParse({ ...base, mode: "FIXED", amount: 100, ratioBps: 10 }).success).toBe(false);
    expect(ruleCreateSchema.safeParse({ ...base, mode: "RATIO", ratioBps: 10, match: "STORE" }).success).toBe(false);
    expect(ruleCreateSchema.safeParse({ ...base, mode: "RATIO", ratioBps: 10, match: "STORE", storeId: "S1" }).success).toBe(true);
    expect(ruleCreateSchema.safeParse({ ...base, mode: "RATIO", ratioBps: 10, match: "METADATA", metadataKey: "k" }).success).toBe(false);
    expect(ruleCreateSchema.safeParse({ ...base, mode: "RATIO", ratioBps: 10, match: "METADATA", metadataKey: "k", metadataValue: "v" }).success).toBe(true);
  });
});

describe("split body", () => {
  const line = { receiverId: "0193a1b2-0000-7000-8000-000000000002", amount: 100 };
  it("takes 1–50 receivers with integer fen, an outSplitNo in WeChat's alphabet, and finish false by default", () => {
    const ok = createSplitSchema.parse({ outSplitNo: "s-1|a*b@c_d", receivers: [line] });
    expect(ok.finish).toBe(false);
    expect(ok.receivers[0].amount).toBe(100n);
    expect(createSplitSchema.safeParse({ outSplitNo: "", receivers: [line] }).success).toBe(false);
    expect(createSplitSchema.safeParse({ outSplitNo: "a".repeat(65), receivers: [line] }).success).toBe(false);
    expect(createSplitSchema.safeParse({ outSplitNo: "a b", receivers: [line] }).success).toBe(false);
    expect(createSplitSchema.safeParse({ outSplitNo: "a", receivers: [] }).success).toBe(false);
    expect(createSplitSchema.safeParse({ outSplitNo: "a", receivers: [{ ...line, amount: 0 }] }).success).toBe(false);
    expect(createSplitSchema.safeParse({ outSplitNo: "a", receivers: [{ ...line, amount: "100" }] }).success).toBe(false);
    expect(createSplitSchema.safeParse({ outSplitNo: "a", receivers: [{ ...line, description: "x".repeat(81) }] }).success).toBe(false);
    expect(createSplitSchema.safeParse({ outSplitNo: "a", receivers: [line, line] }).success).toBe(false);
    expect(createSplitSchema.safeParse({ outSplitNo: "a", receivers: Array.from({ length: 51 }, (_, i) => ({ ...line, receiverId: `r${i}` })) }).success).toBe(false);
    expect(createSplitSchema.safeParse({ outSplitNo: "a", receivers: [line], extra: 1 }).success).toBe(false);
  });
});
