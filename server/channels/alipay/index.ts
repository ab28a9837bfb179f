import { isRedirectUrl } from "@/server/domain/pay-data-urls";
import { ChannelRejectedError, ChannelUnavailableError, ChannelUnsupportedError } from "../errors";
import type { ChannelPlugin, PayRequest, PayResult, RefundQuery, RefundRequest, TradeQuery } from "../types";
import { alipayPageUrl, callAlipay, isTradeNotExist, type AlipayContext } from "./client";
import { downloadAlipayBill } from "./download-bill";
import { alipayCredentialHints, alipayCredentialsSchema, alipayLiveCredentialsSchema, alipaySecretFields, type AlipayCredentials } from "./credentials";
import { notifyAnswer, verifyTradeNotification } from "./notify";
import { alipayPayerIdentity } from "./payer-identity";
import { alipayProfitSharing } from "./profit-sharing";
import { cancelTrade, tradePay } from "./trade-pay";
import {
  closeAnswer,
  createAnswer,
  fenToYuan,
  precreateAnswer,
  refundAnswer,
  refundQueryAnswer,
  refundState,
  toAlipayTime,
  tradeQueryAnswer,
  tradeState,
} from "./transformers";

/** The browser-redirect modes: the consumer's browser goes straight to Alipay's own cashier. */
const PAGE_PAY = {
  pc: { method: "alipay.trade.page.pay", productCode: "FAST_INSTANT_TRADE_PAY" },
  wap: { method: "alipay.trade.wap.pay", productCode: "QUICK_WAP_WAY" },
} as const;

function requireCny(currency: string): void {
  if (currency !== "CNY") throw new ChannelUnsupportedError(`Alipay trades are in CNY, not ${currency}`);
}

async function pay(ctx: AlipayContext, request: PayRequest): Promise<PayResult> {
  requireCny(request.currency);
  const trade = {
    out_trade_no: request.outTradeNo,
    total_amount: fenToYuan(request.amount),
    subject: request.subject,
    body: request.description || undefined,
    time_expire: toAlipayTime(request.expiresAt),
    // frozen for profit sharing (分账) until settled or finished
    ...(request.profitSharing ? { extend_params: { royalty_freeze: "true" } } : {}),
  };
  if (request.mode === "qr") {
    // the trade exists at Alipay only once the QR code is scanned
    const answer = await callAlipay(ctx, "alipay.trade.precreate", trade, precreateAnswer, { notifyUrl: ctx.notifyUrl });
    return { payData: { type: "qr_code", codeUrl: answer.qr_code } };
  }
  if (request.mode === "jsapi") {
    // in the Alipay app (the aggregated QR code): the buyer from auth_base, then AlipayJSBridge tradePay with trade_no
    const buyer = request.payer?.openid;
    if (!buyer) throw new ChannelRejectedError("jsapi needs the buyer's id (payer.openid)", "MISSING_BUYER");
    const buyerField = /^2088\d{12}$/.test(buyer) ? { buyer_id: buyer } : { buyer_open_id: buyer };
    const answer = await callAlipay(ctx, "alipay.trade.create", { ...trade, product_code: "JSAPI_PAY", ...buyerField }, createAnswer, { notifyUrl: ctx.notifyUrl });
    return { payData: { type: "jsapi", params: { tradeNO: answer.trade_no } } };
  }
  if (request.mode === "pc" || request.mode === "wap") {
    const { method, productCode } = PAGE_PAY[request.mode];
    const url = alipayPageUrl(ctx, method, { ...trade, product_code: productCode }, { notifyUrl: ctx.notifyUrl, returnUrl: request.returnUrl });
    // the consumer's browser goes there: built on the account's base URL, so http(s) or nothing (nothing was sent yet)
    if (!isRedirectUrl(url)) throw new ChannelUnavailableError("the gateway URL is not an http(s) URL", "UNSAFE_PAY_URL");
    return { payData: { type: "redirect", url } };
  }
  if (request.mode === "barcode") return tradePay(ctx, request);
  throw new ChannelUnsupportedError(`Alipay has no ${request.mode} mode`);
}

async function query(ctx: AlipayContext, outTradeNo: string): Promise<TradeQuery> {
  try {
    const answer = await callAlipay(ctx, "alipay.trade.query", { out_trade_no: outTradeNo }, tradeQueryAnswer);
    return {
      state: tradeState(answer.trade_status),
      outTradeNo: answer.out_trade_no,
      channelTradeNo: answer.trade_no,
      amount: answer.total_amount,
      currency: "CNY",
      paidAt: answer.send_pay_date,
      // checked against the account's seller id by the core, as for a notification
      channelMchId: answer.seller_id,
    };
  } catch (error) {
    if (isTradeNotExist(error)) return { state: "NOT_FOUND", outTradeNo };
    throw error;
  }
}

async function close(ctx: AlipayContext, outTradeNo: string): Promise<void> {
  try {
    await callAlipay(ctx, "alipay.trade.close", { out_trade_no: outTradeNo }, closeAnswer);
  } catch (error) {
    if (!isTradeNotExist(error)) throw error;
  }
}

async function queryRefund(ctx: AlipayContext, outRefundNo: string, outTradeNo: string): Promise<RefundQuery> {
  try {
    const answer = await callAlipay(
      ctx,
      "alipay.trade.fastpay.refund.query",
      { out_trade_no: outTradeNo, out_request_no: outRefundNo, query_options: ["gmt_refund_pay"] },
      refundQueryAnswer,
    );
    return { state: refundState(answer.refund_status), outRefundNo, refundAmount: answer.refund_amount, succeededAt: answer.gmt_refund_pay };
  } catch (error) {
    if (isTradeNotExist(error)) return { state: "NOT_FOUND", outRefundNo };
    throw error;
  }
}

async function refund(ctx: AlipayContext, request: RefundRequest): Promise<RefundQuery> {
  requireCny(request.currency);
  const answer = await callAlipay(ctx, "alipay.trade.refund", {
    out_trade_no: request.outTradeNo,
    refund_amount: fenToYuan(request.refundAmount),
    out_request_no: request.outRefundNo,
    refund_reason: request.reason || undefined,
  }, refundAnswer);
  if (answer.fund_change === "Y") {
    return { state: "SUCCEEDED", outRefundNo: request.outRefundNo, refundAmount: request.refundAmount, succeededAt: answer.gmt_refund_pay };
  }
  // a repeat of a handled request: the refund query tells; accepted but not visible yet: still processing
  const known = await queryRefund(ctx, request.outRefundNo, request.outTradeNo);
  return known.state === "NOT_FOUND" ? { state: "PROCESSING", outRefundNo: request.outRefundNo } : known;
}

/** Alipay OpenAPI (gateway, RSA2): face-to-face QR (precreate), PC website and mobile website payments, JSAPI (trade.create) in the Alipay app. */
export const alipayPlugin: ChannelPlugin<AlipayCredentials> = {
  code: "alipay",
  modes: ["qr", "pc", "wap", "barcode", "jsapi"],
  credentialsSchema: alipayCredentialsSchema,
  liveCredentialsSchema: alipayLiveCredentialsSchema,
  secretFields: alipaySecretFields,
  credentialHints: alipayCredentialHints,
  // its own website cashier (page.pay) on a desktop, else a precreate QR; wap.pay on a phone. Both return to return_url.
  cashier: { modes: { desktop: ["pc", "qr"], phone: ["wap"] }, payerApp: "alipay" },
  productionBaseUrl: "https://openapi.alipay.com/gateway.do",
  sandboxPath: "/api/sandbox/alipay/gateway.do",
  // Alipay's query answers carry no app_id (they are about the caller's trades); notifications do,
  // and name the seller (PID), which accounts saved before it was asked for may not know
  accountIdentity: (credentials) => ({ channelAppId: credentials.appId, ...(credentials.sellerId ? { channelMchId: credentials.sellerId } : {}) }),
  pay,
  query,
  close,
  refund,
  queryRefund,
  parseNotify: async (ctx, notification) => verifyTradeNotification(ctx, notification),
  parseRefundNotify: async () => {
    throw new ChannelUnsupportedError("Alipay sends no refund notifications: a refund answers at once, fastpay.refund.query tells the rest");
  },
  notifyAnswer,
  async downloadBill(ctx, date) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new ChannelRejectedError(`bill date ${date} is not YYYY-MM-DD`, "isv.invalid_arguments");
    return downloadAlipayBill(ctx, date);
  },
  profitSharing: alipayProfitSharing,
  reverse: cancelTrade,
  payerIdentity: alipayPayerIdentity,
};
