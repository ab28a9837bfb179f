import { describe, expect, it } from "vitest";
import {
  fenToYuan,
  fromAlipayTime,
  REFUND_STATUSES,
  refundState,
  toAlipayTime,
  TRADE_STATUSES,
  tradeQueryAnswer,
  tradeState,
  yuanToFen,
} from "./transformers";

describe("alipay trade_status", () => {
  it("maps every status", () => {
    expect(Object.fromEntries(TRADE_STATUSES.map((status) => [status, tradeState(status)]))).toEqual({
      WAIT_BUYER_PAY: "PENDING",
      TRADE_CLOSED: "CLOSED",
      TRADE_SUCCESS: "SUCCEEDED",
      TRADE_FINISHED: "SUCCEEDED",
    });
  });
});

describe("alipay refund_status", () => {
  it("maps every status, and its absence to NOT_FOUND", () => {
    expect(Object.fromEntries(REFUND_STATUSES.map((status) => [status, refundState(status)]))).toEqual({
      REFUND_SUCCESS: "SUCCEEDED",
      REFUND_PROCESSING: "PROCESSING",
      REFUND_FAIL: "FAILED",
    });
    expect(refundState(undefined)).toBe("NOT_FOUND");
  });
});

describe("alipay amounts", () => {
  it("reads yuan strings as exact fen", () => {
    expect(yuanToFen("19.99")).toBe(1999n);
    expect(yuanToFen("0.01")).toBe(1n);
    expect(yuanToFen("0.1")).toBe(10n);
    expect(yuanToFen("128")).toBe(12800n);
    expect(yuanToFen("100000000.00")).toBe(10_000_000_000n);
  });

  it("refuses what is not a non-negative amount with at most 2 decimals", () => {
    for (const bad of ["1.234", "-1.00", "", "1e2", "abc", "1,00", "0.001"]) expect(() => yuanToFen(bad), bad).toThrow(RangeError);
  });

  it("writes fen as yuan with 2 decimals", () => {
    expect(fenToYuan(1999n)).toBe("19.99");
    expect(fenToYuan(1n)).toBe("0.01");
    expect(fenToYuan(12800n)).toBe("128.00");
    expect(() => fenToYuan(-1n)).toThrow(RangeError);
  });

  it("refuses an answer whose amount is not exact", () => {
    const answer = { trade_no: "T", out_trade_no: "O", trade_status: "TRADE_SUCCESS" };
    expect(tradeQueryAnswer.parse({ ...answer, total_amount: "19.99" }).total_amount).toBe(1999n);
    expect(tradeQueryAnswer.safeParse({ ...answer, total_amount: "19.999" }).success).toBe(false);
    expect(tradeQueryAnswer.safeParse({ ...answer, total_amount: "19.99", trade_status: "TRADE_PAID" }).success).toBe(false);
  });
});

describe("alipay times", () => {
  it("are China time (GMT+8)", () => {
    expect(toAlipayTime(new Date("2026-11-22T16:30:05Z"))).toBe("2026-11-23 00:30:05");
    expect(fromAlipayTime("2026-11-23 00:30:05").toISOString()).toBe("2026-11-22T16:30:05.000Z");
    for (const bad of ["2026-11-23T00:30:05", "2026-11-23", "2026-13-01 00:00:00"]) expect(() => fromAlipayTime(bad), bad).toThrow(RangeError);
  });
});
