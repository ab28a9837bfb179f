import { randomBytes } from "node:crypto";
import { z } from "zod";
import { ChannelRejectedError, ChannelUnsupportedError, SPLIT_NOT_FOUND } from "../errors";
import type { ProfitSharingSupport, SplitReceiverBinding, SplitReceiverResult, SplitRequest, SplitResult } from "../types";
import { type AlipayContext, callAlipay } from "./client";
import type { AlipayCredentials } from "./credentials";
import { fenToYuan, fromAlipayTime, yuanToFen } from "./transformers";

/**
 * Alipay profit sharing (分账, ../shared/FIELD-NOTES.md §C2): relations (alipay.trade.royalty.relation
 * .bind / .unbind), alipay.trade.order.settle in sync mode (the answer is the result: FINISHED at
 * once), alipay.trade.order.settle.query. Unfreezing is a settle without receivers that finishes the
 * trade (royalty_finish). No return API: a refund's refund_royalty_parameters take money back from
 * receivers, so `returnSplit` is left out (docs/profit-sharing.md).
 */

export const ALIPAY_RECEIVER_TYPES = ["userId", "loginName", "openId"] as const;

function checkType(type: string): void {
  if (!(ALIPAY_RECEIVER_TYPES as readonly string[]).includes(type)) throw new ChannelRejectedError(`Alipay has no receiver type ${type}`, "isv.invalid_arguments");
}

/** A relation request's own number (Alipay asks for one; binding twice is harmless). */
function relationRequestNo(): string {
  return `rel${Date.now()}${randomBytes(6).toString("hex")}`;
}

export function relationBizContent(receiver: SplitReceiverBinding) {
  checkType(receiver.type);
  return {
    receiver_list: [
      {
        type: receiver.type,
        account: receiver.account,
        ...(receiver.name ? { name: receiver.name } : {}),
        ...(receiver.customRelation || receiver.relationType ? { memo: receiver.customRelation || receiver.relationType } : {}),
      },
    ],
    out_request_no: relationRequestNo(),
  };
}

export function settleBizContent(request: SplitRequest) {
  if (request.currency !== "CNY") throw new ChannelUnsupportedError(`Alipay splits CNY, not ${request.currency}`);
  return {
    out_request_no: request.outOrderNo,
    trade_no: request.channelTradeNo,
    royalty_parameters: request.receivers.map((receiver) => {
      checkType(receiver.type);
      if (receiver.amount <= 0n) throw new ChannelRejectedError(`split amount ${receiver.amount} is not positive`, "isv.invalid_arguments");
      return {
        royalty_type: "transfer",
        trans_in_type: receiver.type,
        trans_in: receiver.account,
        amount: fenToYuan(receiver.amount),
        desc: Array.from(receiver.description).slice(0, 200).join(""),
      };
    }),
    royalty_mode: "sync",
    ...(request.finish ? { extend_params: { royalty_finish: "true" } } : {}),
  };
}

const relationAnswer = z.object({ result_code: z.string().optional() });
const settleAnswer = z.object({ trade_no: z.string(), settle_no: z.string().optional() });

const DETAIL_STATES = { SUCCESS: "SUCCESS", FAIL: "CLOSED", PROCESSING: "PENDING" } as const;

export const settleQueryAnswer = z.object({
  out_request_no: z.string().optional(),
  operation_dt: z.string().optional(),
  royalty_detail_list: z
    .array(
      z.object({
        operation_type: z.string(),
        trans_in: z.string().optional(),
        trans_in_type: z.string().optional(),
        amount: z.string(),
        state: z.enum(["SUCCESS", "FAIL", "PROCESSING"]),
        execute_dt: z.string().optional(),
        detail_id: z.string().optional(),
        error_code: z.string().optional(),
        error_desc: z.string().optional(),
      }),
    )
    .default([]),
});

export function toSettleQueryResult(answer: z.infer<typeof settleQueryAnswer>): SplitResult {
  const receivers = answer.royalty_detail_list
    .filter((detail) => detail.operation_type === "transfer")
    .map(
      (detail): SplitReceiverResult => ({
        type: detail.trans_in_type ?? "userId",
        account: detail.trans_in ?? "",
        amount: yuanToFen(detail.amount),
        result: DETAIL_STATES[detail.state],
        failReason: detail.state === "FAIL" ? detail.error_code || detail.error_desc || "FAIL" : undefined,
        detailId: detail.detail_id,
        finishedAt: detail.state !== "PROCESSING" && detail.execute_dt ? fromAlipayTime(detail.execute_dt) : undefined,
      }),
    );
  return { state: receivers.some((receiver) => receiver.result === "PENDING") ? "PROCESSING" : "FINISHED", receivers };
}

function notFound(error: unknown): unknown {
  return error instanceof ChannelRejectedError && error.code === "ACQ.TRADE_NOT_EXIST" ? new ChannelRejectedError(error.message, SPLIT_NOT_FOUND, { cause: error }) : error;
}

async function settle(ctx: AlipayContext, request: SplitRequest): Promise<SplitResult> {
  const answer = await callAlipay(ctx, "alipay.trade.order.settle", settleBizContent(request), settleAnswer);
  // royalty_mode sync: the answer is the outcome, every receiver paid
  const now = new Date();
  return {
    state: "FINISHED",
    channelOrderId: answer.settle_no,
    receivers: request.receivers.map((receiver) => ({ type: receiver.type, account: receiver.account, amount: receiver.amount, result: "SUCCESS", finishedAt: now })),
  };
}

export const alipayProfitSharing: ProfitSharingSupport<AlipayCredentials> = {
  receiverTypes: ALIPAY_RECEIVER_TYPES,

  async bindReceiver(ctx, receiver) {
    await callAlipay(ctx, "alipay.trade.royalty.relation.bind", relationBizContent(receiver), relationAnswer);
  },

  async unbindReceiver(ctx, receiver) {
    await callAlipay(ctx, "alipay.trade.royalty.relation.unbind", relationBizContent(receiver), relationAnswer);
  },

  async split(ctx, request) {
    if (request.receivers.length === 0) throw new ChannelRejectedError("a split needs receivers (unfreeze releases the rest)", "isv.invalid_arguments");
    try {
      return await settle(ctx, request);
    } catch (error) {
      throw notFound(error);
    }
  },

  async querySplit(ctx, { outOrderNo, channelTradeNo }) {
    try {
      const answer = await callAlipay(ctx, "alipay.trade.order.settle.query", { out_request_no: outOrderNo, trade_no: channelTradeNo }, settleQueryAnswer);
      return toSettleQueryResult(answer);
    } catch (error) {
      throw notFound(error);
    }
  },

  async unfreeze(ctx, { outOrderNo, outTradeNo, channelTradeNo }) {
    try {
      return await settle(ctx, { outOrderNo, outTradeNo, channelTradeNo, receivers: [], finish: true, currency: "CNY" });
    } catch (error) {
      throw notFound(error);
    }
  },
};
