import { db } from "@/server/db";
import { minorToDecimal } from "@/server/domain/money";
import { loadEnv } from "@/server/env";
import type { SandboxMerchant, SandboxRefund, SandboxTrade } from "@/server/generated/prisma/client.ts";
import { closeTrade, createRefund, createTrade, findTrade, findTradeById, newChannelTradeNo, SandboxConflict, settleRefund } from "../trades";
import { billDownloadUrlQuery } from "./bill";
import { barCodePay, cancel as cancelBarCode } from "./bar-code";
import { orderBiz, readBiz, Refusal, refundBiz, refundQueryBiz, tradeBiz } from "./biz-content";
import { fundBills, maskedBuyerLogonId } from "./merchant";
import { oauthToken } from "./oauth";
import { bindRelation, settle, settleQuery, unbindRelation } from "./profit-sharing";
import { chinaTime, type Answer, type Params } from "./wire";

/**
 * What the simulated Alipay gateway does for each method, on the shared sandbox books. Transport
 * (parameters, signatures, faults, the HTTP answer) is in gateway.ts.
 */

export type GatewayCall = { merchant: SandboxMerchant; params: Params };
export type Outcome = { kind: "answer"; answer: Answer } | { kind: "redirect"; location: string };

const SUCCESS = { code: "10000", msg: "Success" };

const CONFLICTS: Record<SandboxConflict["reason"], [subCode: string, subMsg: string]> = {
  TRADE_PAID: ["ACQ.TRADE_HAS_SUCCESS", "交易已被支付"],
  TRADE_CLOSED: ["ACQ.TRADE_HAS_CLOSE", "交易已经关闭"],
  TRADE_NOT_FOUND: ["ACQ.TRADE_NOT_EXIST", "交易不存在"],
  PARAMS_MISMATCH: ["ACQ.CONTEXT_INCONSISTENT", "交易信息被篡改"],
  REFUND_EXCEEDS: ["ACQ.REFUND_AMT_NOT_EQUAL_TOTAL", "退款金额超限"],
  REFUND_SPLIT_OUT: ["ACQ.SELLER_BALANCE_NOT_ENOUGH", "卖家余额不足，部分资金已分账"],
  TRADE_NOT_PAID: ["ACQ.TRADE_STATUS_ERROR", "交易状态不合法"],
};

function refusal(reason: SandboxConflict["reason"]): Refusal {
  return new Refusal(...CONFLICTS[reason]);
}

async function onBooks<T>(change: () => Promise<T>): Promise<T> {
  try {
    return await change();
  } catch (error) {
    throw error instanceof SandboxConflict ? refusal(error.reason) : error;
  }
}

// trades as Alipay shows them

/** Expiry when the merchant gives no time_expire: the longest Alipay allows (15 days). */
const DEFAULT_EXPIRY_MS = 15 * 24 * 3600_000;

/** The sandbox payer page: what the QR code encodes and where the cashier redirects lead. */
function payerPageUrl(trade: SandboxTrade): string {
  return `${loadEnv().PUBLIC_BASE_URL}/sandbox/alipay/pay/${trade.channelTradeNo}`;
}

/**
 * A precreated trade exists at Alipay only once its QR code is scanned; the books keep no scan,
 * so the payer's answer (paid or declined) counts as the scan.
 */
function knownToAlipay(trade: SandboxTrade): boolean {
  return trade.tradeType !== "precreate" || trade.state === "SUCCEEDED" || trade.state === "FAILED";
}

/** Alipay closes a trade on expiry, on the merchant's close, and after a full refund; it has no failed state. */
function tradeStatus(trade: SandboxTrade): string {
  switch (trade.state) {
    case "PENDING":
      return "WAIT_BUYER_PAY";
    case "SUCCEEDED":
      return trade.refundedAmount === trade.amount ? "TRADE_CLOSED" : "TRADE_SUCCESS";
    case "CLOSED":
    case "FAILED":
      return "TRADE_CLOSED";
    default:
      return trade.state satisfies never;
  }
}

function refundStatus(refund: SandboxRefund): string {
  switch (refund.state) {
    case "PROCESSING":
      return "REFUND_PROCESSING";
    case "SUCCEEDED":
      return "REFUND_SUCCESS";
    case "FAILED":
      return "REFUND_FAIL";
    default:
      return refund.state satisfies never;
  }
}

const yuanOf = (fen: bigint) => minorToDecimal(fen, "CNY");

async function lookupTrade(merchantId: string, ref: { out_trade_no?: string; trade_no?: string }): Promise<SandboxTrade | null> {
  if (!ref.trade_no) return findTrade(merchantId, ref.out_trade_no as string);
  const trade = await db.sandboxTrade.findUnique({ where: { channelTradeNo: ref.trade_no } });
  return trade?.sandboxMerchantId === merchantId ? findTradeById(trade.id) : null;
}

async function knownTrade(merchantId: string, ref: { out_trade_no?: string; trade_no?: string }): Promise<SandboxTrade> {
  const trade = await lookupTrade(merchantId, ref);
  if (!trade || !knownToAlipay(trade)) throw refusal("TRADE_NOT_FOUND");
  return trade;
}

async function openTrade(call: GatewayCall, tradeType: "precreate" | "page" | "wap" | "create", productCode?: string): Promise<SandboxTrade> {
  const biz = readBiz(orderBiz, call.params);
  if (productCode && biz.product_code !== productCode) throw new Refusal("ACQ.INVALID_PARAMETER", `参数无效: product_code 应为 ${productCode}`);
  if (tradeType === "create" && !biz.buyer_id && !biz.buyer_open_id) throw new Refusal("ACQ.INVALID_PARAMETER", "参数无效: buyer_id 和 buyer_open_id 不能同时为空");
  return onBooks(() =>
    createTrade({
      sandboxMerchantId: call.merchant.id,
      channel: "alipay",
      outTradeNo: biz.out_trade_no,
      channelTradeNo: newChannelTradeNo(""),
      channelAppId: call.params.app_id,
      tradeType,
      amount: biz.total_amount,
      currency: "CNY",
      subject: biz.subject,
      notifyUrl: call.params.notify_url ?? "",
      returnUrl: call.params.return_url || null,
      expiresAt: biz.time_expire ?? new Date(Date.now() + DEFAULT_EXPIRY_MS),
      profitSharing: biz.extend_params?.royalty_freeze === "true",
    }),
  );
}

// methods

async function precreate(call: GatewayCall): Promise<Answer> {
  const trade = await openTrade(call, "precreate");
  return { ...SUCCESS, out_trade_no: trade.outTradeNo, qr_code: payerPageUrl(trade) };
}

/** alipay.trade.create (JSAPI_PAY): the trade exists at once; the page pays it with AlipayJSBridge tradePay(trade_no). */
async function create(call: GatewayCall): Promise<Answer> {
  const trade = await openTrade(call, "create", "JSAPI_PAY");
  return { ...SUCCESS, out_trade_no: trade.outTradeNo, trade_no: trade.channelTradeNo };
}

/** page.pay and wap.pay: the consumer's browser arrives at Alipay's cashier, here the sandbox payer page. */
async function cashier(call: GatewayCall, tradeType: "page" | "wap", productCode: string): Promise<Outcome> {
  const trade = await openTrade(call, tradeType, productCode);
  return { kind: "redirect", location: payerPageUrl(trade) };
}

/**
 * As alipay.trade.query answers: the buyer and the amounts once paid; fund_bill_list only when
 * query_options asks for it; no seller (the answer is about the calling app's own trade).
 */
async function query(call: GatewayCall): Promise<Answer> {
  const biz = readBiz(tradeBiz, call.params);
  const trade = await knownTrade(call.merchant.id, biz);
  const paid = trade.paidAt !== null;
  return {
    ...SUCCESS,
    trade_no: trade.channelTradeNo,
    out_trade_no: trade.outTradeNo,
    buyer_logon_id: trade.payerId ? maskedBuyerLogonId(trade.payerId) : undefined,
    trade_status: tradeStatus(trade),
    total_amount: yuanOf(trade.amount),
    buyer_pay_amount: paid ? yuanOf(trade.amount) : undefined,
    point_amount: paid ? "0.00" : undefined,
    invoice_amount: paid ? yuanOf(trade.amount) : undefined,
    receipt_amount: paid ? yuanOf(trade.amount) : undefined,
    send_pay_date: trade.paidAt ? chinaTime(trade.paidAt) : undefined,
    buyer_user_id: trade.payerId ?? undefined,
    fund_bill_list: paid && biz.query_options?.includes("fund_bill_list") ? fundBills(trade.amount) : undefined,
  };
}

/** An unscanned precreated trade is closed in the books (its QR code can no longer be paid), yet Alipay never knew it. */
async function close(call: GatewayCall): Promise<Answer> {
  const trade = await lookupTrade(call.merchant.id, readBiz(tradeBiz, call.params));
  if (!trade) throw refusal("TRADE_NOT_FOUND");
  if (trade.state === "SUCCEEDED") throw new Refusal("ACQ.TRADE_STATUS_ERROR", "交易状态不合法");
  await onBooks(() => closeTrade(call.merchant.id, trade.outTradeNo));
  if (!knownToAlipay(trade)) throw refusal("TRADE_NOT_FOUND");
  return { ...SUCCESS, trade_no: trade.channelTradeNo, out_trade_no: trade.outTradeNo };
}

/**
 * Alipay refunds at once: a new out_request_no moves the money in this call (fund_change Y); a
 * repeat answers the same without moving it again (fund_change N).
 */
async function refund(call: GatewayCall): Promise<Answer> {
  const biz = readBiz(refundBiz, call.params);
  const trade = await knownTrade(call.merchant.id, biz);
  // without out_request_no, Alipay files the refund under the out_trade_no
  const outRequestNo = biz.out_request_no ?? trade.outTradeNo;
  const repeated = await db.sandboxRefund.findUnique({ where: { tradeId_outRefundNo: { tradeId: trade.id, outRefundNo: outRequestNo } } });
  if (repeated && repeated.amount !== biz.refund_amount) throw new Refusal("ACQ.DISCORDANT_REPEAT_REQUEST", "请求信息不一致");
  const done =
    repeated ??
    (await onBooks(async () => {
      const created = await createRefund(trade, {
        outRefundNo: outRequestNo,
        amount: biz.refund_amount,
        reason: biz.refund_reason,
        channelRefundNo: newChannelTradeNo(""),
      });
      return settleRefund(created.id, "success");
    }));
  const after = (await findTradeById(trade.id)) as SandboxTrade;
  return {
    ...SUCCESS,
    trade_no: trade.channelTradeNo,
    out_trade_no: trade.outTradeNo,
    fund_change: repeated ? "N" : "Y",
    refund_fee: yuanOf(after.refundedAmount),
    gmt_refund_pay: done.succeededAt ? chinaTime(done.succeededAt) : undefined,
    buyer_user_id: trade.payerId ?? undefined,
  };
}

/** A refund request Alipay does not know is answered with success and no refund fields. */
async function refundQuery(call: GatewayCall): Promise<Answer> {
  const biz = readBiz(refundQueryBiz, call.params);
  const trade = await knownTrade(call.merchant.id, biz);
  const found = await db.sandboxRefund.findUnique({ where: { tradeId_outRefundNo: { tradeId: trade.id, outRefundNo: biz.out_request_no } } });
  const answer = { ...SUCCESS, trade_no: trade.channelTradeNo, out_trade_no: trade.outTradeNo };
  if (!found) return answer;
  const withPayTime = biz.query_options?.includes("gmt_refund_pay") && found.succeededAt;
  return {
    ...answer,
    out_request_no: found.outRefundNo,
    total_amount: yuanOf(trade.amount),
    refund_amount: yuanOf(found.amount),
    refund_status: refundStatus(found),
    gmt_refund_pay: withPayTime ? chinaTime(withPayTime) : undefined,
  };
}

const answered = (method: (call: GatewayCall) => Promise<Answer>) => async (call: GatewayCall): Promise<Outcome> => ({
  kind: "answer",
  answer: await method(call),
});

const METHODS: Record<string, (call: GatewayCall) => Promise<Outcome>> = {
  "alipay.trade.precreate": answered(precreate),
  "alipay.trade.create": answered(create),
  "alipay.system.oauth.token": answered(oauthToken),
  "alipay.trade.page.pay": (call) => cashier(call, "page", "FAST_INSTANT_TRADE_PAY"),
  "alipay.trade.wap.pay": (call) => cashier(call, "wap", "QUICK_WAP_WAY"),
  "alipay.trade.query": answered(query),
  "alipay.trade.close": answered(close),
  "alipay.trade.refund": answered(refund),
  "alipay.trade.fastpay.refund.query": answered(refundQuery),
  "alipay.trade.royalty.relation.bind": answered(bindRelation),
  "alipay.trade.royalty.relation.unbind": answered(unbindRelation),
  "alipay.trade.order.settle": answered(settle),
  "alipay.trade.order.settle.query": answered(settleQuery),
  "alipay.trade.pay": answered(barCodePay),
  "alipay.trade.cancel": answered(cancelBarCode),
  "alipay.data.dataservice.bill.downloadurl.query": answered(async (call) => ({ ...SUCCESS, ...(await billDownloadUrlQuery(call.merchant, call.params)) })),
};

/** Methods the consumer's browser calls: their answers are pages, not JSON. */
export function isBrowserMethod(method: string): boolean {
  return method === "alipay.trade.page.pay" || method === "alipay.trade.wap.pay";
}

export function isGatewayMethod(method: string): boolean {
  return Object.hasOwn(METHODS, method);
}

export async function runMethod(call: GatewayCall): Promise<Outcome> {
  try {
    return await METHODS[call.params.method](call);
  } catch (error) {
    if (error instanceof Refusal) return { kind: "answer", answer: error.answer };
    throw error;
  }
}
