import { db } from "@/server/db";
import { minorToDecimal } from "@/server/domain/money";
import type { SandboxSplitOrder, SandboxTrade } from "@/server/generated/prisma/client.ts";
import {
  addSplitReceiver,
  createSplit,
  deleteSplitReceiver,
  SplitRefusal,
  type SplitRefusalReason,
  type SplitStyle,
  splitLines,
  unfreezeTrade,
} from "../profit-sharing";
import { findTradeById } from "../trades";
import { readBiz, Refusal, relationBiz, settleBiz, settleQueryBiz } from "./biz-content";
import { sandboxSellerId } from "./merchant";
import type { GatewayCall } from "./methods";
import { chinaTime, type Answer } from "./wire";

/**
 * The simulated Alipay's profit sharing: relations bind / unbind, alipay.trade.order.settle in
 * royalty_mode sync (settled within the call; a receiver without a relation refuses the request),
 * royalty_finish (with or without receivers) releasing the rest, and settle.query.
 */

const SUCCESS = { code: "10000", msg: "Success" };

const REFUSALS: Record<SplitRefusalReason, [subCode: string, subMsg: string]> = {
  TRADE_NOT_FOUND: ["ACQ.TRADE_NOT_EXIST", "交易不存在"],
  TRADE_NOT_PAID: ["ACQ.TRADE_STATUS_ERROR", "交易状态不合法"],
  NOT_SHARING: ["ACQ.TRADE_SETTLE_ERROR", "交易未冻结分账资金，不支持分账"],
  TOO_EARLY: ["ACQ.SYSTEM_ERROR", "系统繁忙"],
  ORDER_PROCESSING: ["ACQ.SYSTEM_ERROR", "系统繁忙"],
  FINISHED: ["ACQ.TRADE_SETTLE_ERROR", "交易已完结分账，不能再分账"],
  RECEIVER_COUNT: ["ACQ.INVALID_PARAMETER", "参数无效: royalty_parameters 为空或超过 50 个"],
  DUPLICATE_RECEIVER: ["ACQ.INVALID_PARAMETER", "参数无效: 分账收入方重复"],
  TOO_MANY_SPLITS: ["ACQ.TRADE_SETTLE_ERROR", "该交易分账次数已达上限"],
  NO_RELATION: ["ACQ.TRADE_SETTLE_ERROR", "分账收入方未绑定分账关系"],
  RATIO_EXCEEDED: ["ACQ.ALLOC_AMOUNT_VALIDATE_ERROR", "分账金额超过最大可分账比例"],
  NOT_ENOUGH: ["ACQ.ALLOC_AMOUNT_VALIDATE_ERROR", "分账金额超过可分账金额"],
  PARAMS_MISMATCH: ["ACQ.DISCORDANT_REPEAT_REQUEST", "请求信息不一致"],
  ORDER_NOT_FOUND: ["ACQ.TRADE_NOT_EXIST", "分账请求不存在"],
  NOT_MERCHANT_RECEIVER: ["ACQ.INVALID_PARAMETER", "参数无效"],
  RETURN_EXCEEDS: ["ACQ.INVALID_PARAMETER", "参数无效"],
};

async function onBooks<T>(step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof SplitRefusal) throw new Refusal(...REFUSALS[error.reason]);
    throw error;
  }
}

const style = (call: GatewayCall): SplitStyle => ({ settle: "sync", unbound: "refuse", merchantAccount: sandboxSellerId(call.params.app_id), delayed: false });

export async function bindRelation(call: GatewayCall): Promise<Answer> {
  const biz = readBiz(relationBiz, call.params);
  for (const receiver of biz.receiver_list) {
    await addSplitReceiver(call.merchant.id, { type: receiver.type, account: receiver.account, name: receiver.name, relationType: receiver.memo });
  }
  return { ...SUCCESS, result_code: "SUCCESS" };
}

export async function unbindRelation(call: GatewayCall): Promise<Answer> {
  const biz = readBiz(relationBiz, call.params);
  for (const receiver of biz.receiver_list) await deleteSplitReceiver(call.merchant.id, receiver);
  return { ...SUCCESS, result_code: "SUCCESS" };
}

async function paidTrade(call: GatewayCall, tradeNo: string): Promise<SandboxTrade> {
  const found = await db.sandboxTrade.findUnique({ where: { channelTradeNo: tradeNo } });
  const trade = found?.sandboxMerchantId === call.merchant.id ? await findTradeById(found.id) : null;
  if (!trade) throw new Refusal(...REFUSALS.TRADE_NOT_FOUND);
  return trade;
}

export async function settle(call: GatewayCall): Promise<Answer> {
  const biz = readBiz(settleBiz, call.params);
  if (biz.royalty_mode === "async") throw new Refusal("ACQ.INVALID_PARAMETER", "参数无效: 沙箱仅支持 royalty_mode=sync");
  const trade = await paidTrade(call, biz.trade_no);
  const finish = biz.extend_params?.royalty_finish === "true";
  if (biz.royalty_parameters.length === 0 && !finish) throw new Refusal("ACQ.INVALID_PARAMETER", "参数无效: royalty_parameters 不能为空");
  const order = await onBooks(() =>
    biz.royalty_parameters.length === 0
      ? unfreezeTrade(trade, biz.out_request_no, "分账完结", style(call))
      : createSplit(
          trade,
          {
            outOrderNo: biz.out_request_no,
            receivers: biz.royalty_parameters.map((p) => ({ type: p.trans_in_type ?? "userId", account: p.trans_in, amount: p.amount, description: p.desc ?? "" })),
            finish,
          },
          style(call),
        ),
  );
  return { ...SUCCESS, trade_no: trade.channelTradeNo, settle_no: order.channelOrderId };
}

function detailsOf(order: SandboxSplitOrder, transOut: string): Record<string, string>[] {
  return splitLines(order).map((line) => ({
    operation_type: "transfer",
    execute_dt: chinaTime(line.finishedAt ? new Date(line.finishedAt) : order.createdAt),
    trans_out: transOut,
    trans_out_type: "userId",
    trans_in: line.account,
    trans_in_type: line.type,
    amount: minorToDecimal(BigInt(line.amount), "CNY"),
    state: line.result === "SUCCESS" ? "SUCCESS" : line.result === "CLOSED" ? "FAIL" : "PROCESSING",
    detail_id: line.detailId,
    ...(line.failReason ? { error_code: line.failReason, error_desc: line.failReason } : {}),
  }));
}

export async function settleQuery(call: GatewayCall): Promise<Answer> {
  const biz = readBiz(settleQueryBiz, call.params);
  if (!biz.settle_no && !(biz.out_request_no && biz.trade_no)) throw new Refusal("ACQ.INVALID_PARAMETER", "参数无效: settle_no 或 out_request_no + trade_no 必填");
  const order = await db.sandboxSplitOrder.findFirst({
    where: {
      trade: { sandboxMerchantId: call.merchant.id, ...(biz.trade_no ? { channelTradeNo: biz.trade_no } : {}) },
      ...(biz.settle_no ? { channelOrderId: biz.settle_no } : {}),
      ...(biz.out_request_no ? { outOrderNo: biz.out_request_no } : {}),
    },
  });
  if (!order) throw new Refusal(...REFUSALS.ORDER_NOT_FOUND);
  return {
    ...SUCCESS,
    out_request_no: order.outOrderNo,
    operation_dt: chinaTime(order.finishedAt ?? order.createdAt),
    royalty_detail_list: detailsOf(order, sandboxSellerId(call.params.app_id)),
  };
}
