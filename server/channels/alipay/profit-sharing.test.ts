import { describe, expect, it } from "vitest";
import { ChannelRejectedError } from "../errors";
import type { SplitRequest } from "../types";
import { relationBizContent, settleBizContent, settleQueryAnswer, toSettleQueryResult } from "./profit-sharing";

const split: SplitRequest = {
  outTradeNo: "P1-1",
  channelTradeNo: "2026050122001400000000000001",
  outOrderNo: "S1",
  receivers: [{ type: "userId", account: "2088101126708402", amount: 1_999n, description: "分给合作方" }],
  finish: false,
  currency: "CNY",
};

describe("alipay profit-sharing requests", () => {
  it("settles in yuan, exactly, royalty_mode sync, royalty_finish only when finishing", () => {
    expect(settleBizContent(split)).toEqual({
      out_request_no: "S1",
      trade_no: split.channelTradeNo,
      royalty_parameters: [{ royalty_type: "transfer", trans_in_type: "userId", trans_in: "2088101126708402", amount: "19.99", desc: "分给合作方" }],
      royalty_mode: "sync",
    });
    expect(settleBizContent({ ...split, receivers: [{ ...split.receivers[0], amount: 100_000_000_001n }], finish: true })).toMatchObject({
      royalty_parameters: [{ amount: "1000000000.01" }],
      extend_params: { royalty_finish: "true" },
    });
    expect(() => settleBizContent({ ...split, receivers: [{ ...split.receivers[0], amount: 0n }] })).toThrow(ChannelRejectedError);
    expect(() => settleBizContent({ ...split, receivers: [{ ...split.receivers[0], type: "MERCHANT_ID" }] })).toThrow(ChannelRejectedError);
  });

  it("binds one receiver per relation request, with a fresh request number", () => {
    const a = relationBizContent({ type: "loginName", account: "a@example.com", name: "张三", relationType: "PARTNER" });
    const b = relationBizContent({ type: "loginName", account: "a@example.com", relationType: "CUSTOM", customRelation: "渠道" });
    expect(a.receiver_list).toEqual([{ type: "loginName", account: "a@example.com", name: "张三", memo: "PARTNER" }]);
    expect(b.receiver_list).toEqual([{ type: "loginName", account: "a@example.com", memo: "渠道" }]);
    expect(a.out_request_no).not.toBe(b.out_request_no);
  });
});

describe("alipay settle.query answer", () => {
  it("maps transfer details: SUCCESS, FAIL → CLOSED, PROCESSING → PENDING (the order still processing)", () => {
    const answer = settleQueryAnswer.parse({
      out_request_no: "S1",
      royalty_detail_list: [
        { operation_type: "transfer", trans_in: "2088A", trans_in_type: "userId", amount: "0.01", state: "SUCCESS", execute_dt: "2026-05-01 12:00:00", detail_id: "D1" },
        { operation_type: "transfer", trans_in: "2088B", trans_in_type: "userId", amount: "12.30", state: "FAIL", error_code: "TXN_RESULT_ACCOUNT_STATUS_NOT_VALID", execute_dt: "2026-05-01 12:00:00" },
        { operation_type: "replenish", trans_in: "2088C", amount: "1.00", state: "SUCCESS" },
      ],
    });
    expect(toSettleQueryResult(answer)).toEqual({
      state: "FINISHED",
      receivers: [
        { type: "userId", account: "2088A", amount: 1n, result: "SUCCESS", failReason: undefined, detailId: "D1", finishedAt: new Date("2026-05-01T04:00:00Z") },
        { type: "userId", account: "2088B", amount: 1_230n, result: "CLOSED", failReason: "TXN_RESULT_ACCOUNT_STATUS_NOT_VALID", detailId: undefined, finishedAt: new Date("2026-05-01T04:00:00Z") },
      ],
    });
    const pending = settleQueryAnswer.parse({ royalty_detail_list: [{ operation_type: "transfer", trans_in: "2088A", amount: "1.00", state: "PROCESSING" }] });
    expect(toSettleQueryResult(pending)).toMatchObject({ state: "PROCESSING", receivers: [{ result: "PENDING", finishedAt: undefined }] });
  });
});
