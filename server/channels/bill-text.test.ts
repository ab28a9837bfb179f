import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { beijingTime, columnIndex, scaledToFen, splitFirstLine, yuanToFen, yuanToScaled } from "./bill-text";

describe("bill cells", () => {
  it("converts yuan to fen on digits, and 5-decimal fees exactly, rounding half up on the magnitude", () => {
    expect(yuanToFen("1234567.89", "x")).toBe(123_456_789n);
    expect(yuanToFen("-0.01", "x")).toBe(-1n);
    expect(() => yuanToFen("0.001", "line 3")).toThrow(/line 3/);
    expect(yuanToScaled("0.04500", 5, "x")).toBe(4_500n);
    expect(yuanToScaled("-7407.4", 5, "x")).toBe(-740_740_000n);
    expect(() => yuanToScaled("0.000001", 5, "x")).toThrow(/at most 5 decimals/);
    expect(() => yuanToScaled("1e3", 5, "x")).toThrow();
    expect([4_499n, 4_500n, 4_501n, -4_499n, -4_500n, -4_501n, 0n].map((value) => scaledToFen(value, 5))).toEqual([4n, 5n, 5n, -4n, -5n, -5n, 0n]);
  });

  it("reads Beijing times and refuses anything else", () => {
    expect(beijingTime("2026-01-01 00:00:00", "x")).toEqual(new Date("2025-12-31T16:00:00Z"));
    expect(() => beijingTime("2026-01-01T00:00:00", "x")).toThrow(/not a time/);
    expect(() => beijingTime("2026-13-01 00:00:00", "x")).toThrow(/not a time/);
  });

  it("finds columns by name, aliases in order, full-width parentheses as ASCII", () => {
    const at = columnIndex(["a", " 订单金额(元) ", "总金额"], "bill");
    expect(at.required("订单金额（元）")).toBe(1);
    expect(at.required("订单金额", "总金额")).toBe(2);
    expect(at.optional("nope")).toBe(-1);
    expect(() => at.required("商户订单号")).toThrow(/lacks the column 商户订单号/);
  });

  it("splits the first line off a stream, across chunks and multi-byte characters, BOM and CR dropped", async () => {
    const bytes = Buffer.from("\uFEFF交易时间,商户号\r\nrest 1\nrest 2\n", "utf8");
    const chunks = Array.from({ length: Math.ceil(bytes.length / 4) }, (_, i) => bytes.subarray(i * 4, i * 4 + 4));
    const { line, rest } = await splitFirstLine(Readable.from(chunks));
    expect(line).toBe("交易时间,商户号");
    const restChunks: Buffer[] = [];
    for await (const chunk of rest) restChunks.push(chunk as Buffer);
    expect(Buffer.concat(restChunks).toString("utf8")).toBe("rest 1\nrest 2\n");
    expect((await splitFirstLine(Readable.from([]))).line).toBeNull();
  });
});
