import type { SandboxRefund, SandboxTrade } from "@/server/generated/prisma/client.ts";

/** How the simulated WeChat Pay writes its objects (Transaction, Refund) from the sandbox books. */

/** RFC 3339 in Beijing time: `2026-05-01T12:00:00+08:00`. */
export function wechatTime(date: Date): string {
  return `${new Date(date.getTime() + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
}

export const TRADE_TYPES = { native: "NATIVE", jsapi: "JSAPI", h5: "MWEB", app: "APP" } as const;
export type SandboxTradeType = keyof typeof TRADE_TYPES;

export function isTradeType(value: string): value is SandboxTradeType {
  return value in TRADE_TYPES;
}

/** The prepay_id of a JSAPI / App trade: stable, so a repeated create answers the same one. */
export function prepayIdOf(trade: Pick<SandboxTrade, "id">): string {
  return `wx${trade.id.replaceAll("-", "")}`;
}

type TradeStateWire = { trade_state: string; trade_state_desc: string };

export function tradeStateOf(trade: SandboxTrade): TradeStateWire {
  // 付款码 trades: waiting for the payer's password, and reversed by the merchant
  if (trade.tradeType === "codepay" && trade.state === "PENDING") return { trade_state: "USERPAYING", trade_state_desc: "需要用户输入支付密码" };
  if (trade.tradeType === "codepay" && trade.state === "CLOSED" && trade.stateDetail === "REVERSED") return { trade_state: "REVOKED", trade_state_desc: "已撤销" };
  switch (trade.state) {
    case "PENDING":
      return { trade_state: "NOTPAY", trade_state_desc: "订单未支付" };
    case "SUCCEEDED":
      return trade.refundedAmount > 0n
        ? { trade_state: "REFUND", trade_state_desc: "转入退款" }
        : { trade_state: "SUCCESS", trade_state_desc: "支付成功" };
    case "CLOSED":
      return { trade_state: "CLOSED", trade_state_desc: trade.stateDetail ?? "订单已关闭" };
    case "FAILED":
      return { trade_state: "PAYERROR", trade_state_desc: trade.stateDetail ?? "支付失败" };
    default:
      throw new Error(`unknown sandbox trade state ${trade.state satisfies never}`);
  }
}

/** The Transaction object of the query API and of TRANSACTION.SUCCESS notifications. */
export function transactionOf(trade: SandboxTrade, mchid: string, state: TradeStateWire = tradeStateOf(trade)) {
  const total = Number(trade.amount);
  const paidAt = trade.state === "SUCCEEDED" ? trade.paidAt : null;
  return {
    appid: trade.channelAppId,
    mchid,
    out_trade_no: trade.outTradeNo,
    transaction_id: paidAt ? trade.channelTradeNo : undefined,
    trade_type: trade.tradeType === "codepay" ? "MICROPAY" : TRADE_TYPES[trade.tradeType as SandboxTradeType],
    ...state,
    bank_type: paidAt ? "OTHERS" : undefined,
    success_time: paidAt ? wechatTime(paidAt) : undefined,
    payer: paidAt ? { openid: trade.payerId ?? "" } : undefined,
    amount: paidAt
      ? { total, payer_total: total, currency: trade.currency, payer_currency: trade.currency }
      : { total, currency: trade.currency },
  };
}

const REFUND_STATUS = { PROCESSING: "PROCESSING", SUCCEEDED: "SUCCESS", FAILED: "ABNORMAL" } as const satisfies Record<SandboxRefund["state"], string>;

/** The Refund object of the refund APIs. */
export function refundOf(refund: SandboxRefund, trade: SandboxTrade) {
  const total = Number(trade.amount);
  const amount = Number(refund.amount);
  return {
    refund_id: refund.channelRefundNo,
    out_refund_no: refund.outRefundNo,
    transaction_id: trade.channelTradeNo,
    out_trade_no: trade.outTradeNo,
    channel: "ORIGINAL",
    user_received_account: "支付用户零钱",
    success_time: refund.succeededAt ? wechatTime(refund.succeededAt) : undefined,
    create_time: wechatTime(refund.createdAt),
    status: REFUND_STATUS[refund.state],
    funds_account: "AVAILABLE",
    amount: {
      total,
      refund: amount,
      payer_total: total,
      payer_refund: amount,
      settlement_total: total,
      settlement_refund: amount,
      discount_refund: 0,
      currency: trade.currency,
      refund_fee: 0,
    },
  };
}

/** The plaintext of a REFUND.* notification: `refund_status` instead of `status`, fewer amounts. */
export function refundNotificationOf(refund: SandboxRefund, trade: SandboxTrade, mchid: string) {
  const wire = refundOf(refund, trade);
  return {
    mchid,
    out_trade_no: wire.out_trade_no,
    transaction_id: wire.transaction_id,
    out_refund_no: wire.out_refund_no,
    refund_id: wire.refund_id,
    refund_status: wire.status,
    success_time: wire.success_time,
    user_received_account: wire.user_received_account,
    amount: { total: wire.amount.total, refund: wire.amount.refund, payer_total: wire.amount.payer_total, payer_refund: wire.amount.payer_refund },
  };
}
