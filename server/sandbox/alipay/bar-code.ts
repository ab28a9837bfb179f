import { z } from "zod";
import { minorToDecimal } from "@/server/domain/money";
import type { SandboxTrade } from "@/server/generated/prisma/client.ts";
import { INSUFFICIENT, PayCodeRefused, payByCode, reverseTrade } from "../barcode-trades";
import { newChannelTradeNo, SandboxConflict } from "../trades";
import { orderBiz, readBiz, Refusal, tradeBiz } from "./biz-content";
import { fundBills, maskedBuyerLogonId } from "./merchant";
import { chinaTime, type Answer } from "./wire";
import type { GatewayCall } from "./methods";

/**
 * 当面付 · 条码支付 on the shared books (server/sandbox/barcode-trades.ts): alipay.trade.pay with
 * scene=bar_code, and alipay.trade.cancel. Answers as Alipay documents them: 10000 paid; 10003
 * 等待用户付款 while the payer confirms; 40004 declined (ACQ.BUYER_BALANCE_NOT_ENOUGH) or a bad code
 * (ACQ.PAYMENT_AUTH_CODE_INVALID); 20000 / ACQ.SYSTEM_ERROR when the outcome is unknown. Cancel:
 * action close (unpaid) or refund (paid: the money goes back), retry_flag N.
 */

/** Alipay auto-closes an unpaid bar-code trade after this long when the merchant gives no time_expire. */
const DEFAULT_EXPIRY_MS = 3 * 60_000;

const payBiz = orderBiz.extend({ scene: z.enum(["bar_code", "wave_code"]), auth_code: z.string().min(1).max(64) });

const CODE_REFUSALS = {
  invalid: ["ACQ.PAYMENT_AUTH_CODE_INVALID", "支付失败，获取顾客账户信息失败，请顾客刷新付款码后重新收款"],
  expired: ["ACQ.PAYMENT_AUTH_CODE_INVALID", "付款码已过期，请顾客刷新付款码后重新收款"],
  used: ["ACQ.PAYMENT_AUTH_CODE_INVALID", "付款码已使用，请顾客刷新付款码后重新收款"],
} as const;

const yuanOf = (fen: bigint) => minorToDecimal(fen, "CNY");

function tradeFields(trade: SandboxTrade) {
  return {
    trade_no: trade.channelTradeNo,
    out_trade_no: trade.outTradeNo,
    buyer_logon_id: trade.payerId ? maskedBuyerLogonId(trade.payerId) : undefined,
    total_amount: yuanOf(trade.amount),
    buyer_user_id: trade.payerId ?? undefined,
  };
}

export async function barCodePay(call: GatewayCall): Promise<Answer> {
  const biz = readBiz(payBiz, call.params);
  let paid;
  try {
    paid = await payByCode(
      "alipay",
      {
        sandboxMerchantId: call.merchant.id,
        outTradeNo: biz.out_trade_no,
        channelTradeNo: newChannelTradeNo(""),
        channelAppId: call.params.app_id,
        tradeType: "bar_code",
        amount: biz.total_amount,
        currency: "CNY",
        subject: biz.subject,
        notifyUrl: call.params.notify_url ?? "",
        returnUrl: null,
        expiresAt: biz.time_expire ?? new Date(Date.now() + DEFAULT_EXPIRY_MS),
        profitSharing: biz.extend_params?.royalty_freeze === "true",
      },
      biz.auth_code,
    );
  } catch (error) {
    if (error instanceof PayCodeRefused) throw new Refusal(CODE_REFUSALS[error.reason][0], CODE_REFUSALS[error.reason][1]);
    if (error instanceof SandboxConflict) throw new Refusal(error.reason === "TRADE_CLOSED" ? "ACQ.TRADE_HAS_CLOSE" : "ACQ.CONTEXT_INCONSISTENT", error.message);
    throw error;
  }
  const { trade, answer } = paid;
  switch (answer) {
    case "PAID":
      return {
        code: "10000",
        msg: "Success",
        ...tradeFields(trade),
        receipt_amount: yuanOf(trade.amount),
        buyer_pay_amount: yuanOf(trade.amount),
        gmt_payment: trade.paidAt ? chinaTime(trade.paidAt) : undefined,
        fund_bill_list: fundBills(trade.amount),
      };
    case "USERPAYING":
      return { code: "10003", msg: "等待用户付款", ...tradeFields(trade) };
    case "DECLINED":
      throw trade.stateDetail === INSUFFICIENT
        ? new Refusal("ACQ.BUYER_BALANCE_NOT_ENOUGH", "买家余额不足")
        : new Refusal("ACQ.PAYMENT_FAIL", trade.stateDetail ?? "支付失败");
    case "SYSTEM_ERROR":
      return { code: "20000", msg: "Service Currently Unavailable", sub_code: "ACQ.SYSTEM_ERROR", sub_msg: "系统错误" };
    default:
      throw new Error(`unknown answer ${answer satisfies never}`);
  }
}

export async function cancel(call: GatewayCall): Promise<Answer> {
  const biz = readBiz(tradeBiz, call.params);
  if (!biz.out_trade_no) throw new Refusal("ACQ.INVALID_PARAMETER", "参数无效: out_trade_no");
  let reversed;
  try {
    reversed = await reverseTrade(call.merchant.id, biz.out_trade_no);
  } catch (error) {
    if (error instanceof SandboxConflict) throw new Refusal("ACQ.TRADE_STATUS_ERROR", error.message);
    throw error;
  }
  if (!reversed) throw new Refusal("ACQ.TRADE_NOT_EXIST", "交易不存在");
  return {
    code: "10000",
    msg: "Success",
    trade_no: reversed.trade.channelTradeNo,
    out_trade_no: reversed.trade.outTradeNo,
    retry_flag: "N",
    action: reversed.refunded ? "refund" : "close",
    gmt_refund_pay: reversed.refunded ? chinaTime(new Date()) : undefined,
  };
}
