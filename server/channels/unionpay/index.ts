import { isRedirectUrl } from "@/server/domain/pay-data-urls";
import { ChannelRejectedError, ChannelTimeoutError, ChannelUnavailableError, ChannelUnsupportedError } from "../errors";
import type { ChannelPlugin, PayRequest, PayResult, RefundQuery, RefundRequest, TradeQuery } from "../types";
import { parseAnswer } from "./acp";
import { callAcp, checkUnionpaySignature, postForm, signedAcpRequest, type UnionpayContext } from "./client";
import { unionpayCredentialHints, unionpayCredentialsSchema, unionpaySecretFields, type UnionpayCredentials } from "./credentials";
import { downloadUnionpayBill } from "./download-bill";
import { notifyAnswer, verifyPaymentNotification, verifyRefundNotification } from "./notify";
import { backAnswer, fromTxnTime, queryAnswer, refundState, toOrderId, toTxnAmt, toTxnTime, tradeState } from "./transformers";

/** channelType: 07 internet (PC), 08 mobile. */
const CHANNEL_TYPES = { pc: "07", wap: "08" } as const;

const GATEWAY = { txnSubType: "00", bizType: "000201" };

/**
 * The txnTime of our numbers: payOrderNo and refundNo start with a letter and the Beijing time they
 * were made (P20261122103000123…): the same txnTime every time, so that a query (orderId + txnTime,
 * ACP's key of a transaction) finds the transaction without our storing anything.
 */
export function txnTimeOf(number: string): string {
  const m = /^[A-Z](\d{14})/.exec(number);
  if (!m) throw new ChannelUnsupportedError(`${number} carries no yyyyMMddHHmmss time: UnionPay needs one for orderId + txnTime`);
  fromTxnTime(m[1]);
  return m[1];
}

function orderIdOf(outTradeNo: string): string {
  try {
    return toOrderId(outTradeNo);
  } catch (error) {
    throw new ChannelUnsupportedError((error as Error).message);
  }
}

/** commodityName in riskRateInfo: braces and `&`/`=` would end the {…} value. */
function commodityName(subject: string): string {
  return subject.replace(/[{}&=]/g, " ").slice(0, 100);
}

async function pay(ctx: UnionpayContext, request: PayRequest): Promise<PayResult> {
  if (request.currency !== "CNY") throw new ChannelUnsupportedError(`UnionPay gateway payments are in CNY, not ${request.currency}`);
  if (request.mode !== "pc" && request.mode !== "wap") throw new ChannelUnsupportedError(`UnionPay has no ${request.mode} mode`);
  if (!request.returnUrl) throw new ChannelUnsupportedError("UnionPay's gateway payment needs the page to return the consumer to (frontUrl)");
  const fields = signedAcpRequest(ctx, {
    txnType: "01",
    txnSubType: "01",
    bizType: "000201",
    channelType: CHANNEL_TYPES[request.mode],
    orderId: orderIdOf(request.outTradeNo),
    txnTime: txnTimeOf(request.outTradeNo),
    txnAmt: toTxnAmt(request.amount),
    currencyCode: "156",
    frontUrl: request.returnUrl,
    backUrl: ctx.notifyUrl,
    payTimeout: toTxnTime(request.expiresAt),
    riskRateInfo: `{commodityName=${commodityName(request.subject)}}`,
  });
  const action = `${ctx.baseUrl}/frontTransReq.do`;
  // the consumer's browser posts the form there: the account's base URL, so http(s) or nothing (nothing was sent yet)
  if (!isRedirectUrl(action)) throw new ChannelUnavailableError("the gateway URL is not an http(s) URL", "UNSAFE_PAY_URL");
  return { payData: { type: "form", action, fields } };
}

async function query(ctx: UnionpayContext, outTradeNo: string): Promise<TradeQuery> {
  try {
    const answer = await callAcp(
      ctx,
      "queryTrans.do",
      { txnType: "00", ...GATEWAY, orderId: orderIdOf(outTradeNo), txnTime: txnTimeOf(outTradeNo) },
      queryAnswer,
      "query",
    );
    const state = tradeState(answer.origRespCode ?? "05");
    return {
      state,
      outTradeNo,
      channelTradeNo: answer.queryId,
      amount: answer.txnAmt,
      currency: "CNY",
      paidAt: state === "SUCCEEDED" && answer.txnTime ? fromTxnTime(answer.txnTime) : undefined,
      channelMchId: answer.merId,
      failureReason: state === "FAILED" ? `${answer.origRespMsg ?? ""} (${answer.origRespCode})` : undefined,
    };
  } catch (error) {
    if (error instanceof ChannelRejectedError && error.code === "34") return { state: "NOT_FOUND", outTradeNo };
    throw error;
  }
}

/**
 * A gateway order cannot be closed at UnionPay: one the payer never submitted does not exist there
 * and ends at its payTimeout (nothing to close); a paid one is not closed but refunded (the core's
 * query after close applies the payment). Undo (31) is left to refunds: docs/adr/0022.
 */
async function close(ctx: UnionpayContext, outTradeNo: string): Promise<void> {
  const known = await query(ctx, outTradeNo);
  if (known.state === "SUCCEEDED") throw new ChannelRejectedError(`${outTradeNo} is paid at UnionPay`, "TRADE_PAID");
}

async function queryRefund(ctx: UnionpayContext, outRefundNo: string): Promise<RefundQuery> {
  try {
    const answer = await callAcp(ctx, "queryTrans.do", { txnType: "00", ...GATEWAY, orderId: outRefundNo, txnTime: txnTimeOf(outRefundNo) }, queryAnswer, "refund query");
    const state = refundState(answer.origRespCode ?? "05");
    return {
      state,
      outRefundNo,
      channelRefundNo: answer.queryId,
      refundAmount: answer.txnAmt,
      // the query names no completion time; the moment it is first seen done stands for it
      succeededAt: state === "SUCCEEDED" ? new Date() : undefined,
      failureReason: state === "FAILED" ? `${answer.origRespMsg ?? ""} (${answer.origRespCode})` : undefined,
    };
  } catch (error) {
    if (error instanceof ChannelRejectedError && error.code === "34") return { state: "NOT_FOUND", outRefundNo };
    throw error;
  }
}

/**
 * 退货 (04): a new orderId (our refundNo), the payment's queryId (origQryId), partial amounts
 * allowed. UnionPay accepts it (respCode 00) and settles it later: the refund notification or the
 * refund query tells the outcome.
 */
async function refund(ctx: UnionpayContext, request: RefundRequest): Promise<RefundQuery> {
  if (request.currency !== "CNY") throw new ChannelUnsupportedError(`UnionPay refunds are in CNY, not ${request.currency}`);
  let origQryId = request.channelTradeNo;
  if (!origQryId) {
    const paid = await query(ctx, request.outTradeNo);
    if (paid.state !== "SUCCEEDED" || !paid.channelTradeNo) throw new ChannelRejectedError(`${request.outTradeNo} is not paid at UnionPay`, "TRADE_NOT_PAID");
    origQryId = paid.channelTradeNo;
  }
  try {
    const answer = await callAcp(
      ctx,
      "backTransReq.do",
      {
        txnType: "04",
        ...GATEWAY,
        channelType: "07",
        orderId: request.outRefundNo,
        origQryId,
        txnTime: txnTimeOf(request.outRefundNo),
        txnAmt: toTxnAmt(request.refundAmount),
        currencyCode: "156",
        backUrl: ctx.refundNotifyUrl,
      },
      backAnswer,
      "refund",
    );
    return { state: "PROCESSING", outRefundNo: request.outRefundNo, channelRefundNo: answer.queryId, refundAmount: request.refundAmount };
  } catch (error) {
    // processing / unknown (03, 04, 05): accepted or not, the refund query tells
    if (error instanceof ChannelTimeoutError && /^0[345]$/.test(error.code ?? "")) return { state: "PROCESSING", outRefundNo: request.outRefundNo };
    throw error;
  }
}

/**
 * "Test connection": a query of an order that cannot exist. UnionPay must accept our signature
 * (else it answers an unsigned refusal) and sign its answer "no such transaction" (34) with a
 * certificate that chains to the account's middle and root certificates.
 */
async function verifyCredentials(ctx: UnionpayContext, outTradeNo: string): Promise<void> {
  const orderId = `V${toTxnTime(new Date())}${outTradeNo.replace(/[^A-Za-z0-9]/g, "")}`.slice(0, 40);
  const form = signedAcpRequest(ctx, { txnType: "00", ...GATEWAY, orderId, txnTime: toTxnTime(new Date()) });
  const answer = parseAnswer(await postForm(ctx, `${ctx.baseUrl}/queryTrans.do`, form, "verify"));
  if (!answer.signature) throw new ChannelRejectedError(`UnionPay refused the request: ${answer.respMsg ?? ""} (${answer.respCode ?? "?"})`, answer.respCode);
  const refused = checkUnionpaySignature(ctx, answer);
  // our side cannot trust the answer (wrong middle or root certificate): not a refusal of our signature
  if (refused) throw new ChannelTimeoutError(`UnionPay's answer failed verification: ${refused}`, "OUTCOME_UNKNOWN");
  if (answer.merId !== ctx.credentials.merId) throw new ChannelTimeoutError(`UnionPay's answer failed verification: it names merchant ${answer.merId}`, "OUTCOME_UNKNOWN");
}

/** UnionPay ACP 5.1.0 gateway payments (网关支付): PC and mobile web, the consumer's browser posting the signed form. */
export const unionpayPlugin: ChannelPlugin<UnionpayCredentials> = {
  code: "unionpay",
  modes: ["pc", "wap"],
  credentialsSchema: unionpayCredentialsSchema,
  secretFields: unionpaySecretFields,
  credentialHints: unionpayCredentialHints,
  // UnionPay's own card page on both; it returns the consumer to frontUrl
  cashier: { modes: { desktop: ["pc"], phone: ["wap"] } },
  productionBaseUrl: "https://gateway.95516.com/gateway/api",
  sandboxPath: "/api/sandbox/unionpay/gateway/api",
  // a merchant number, no app: the merId is both
  accountIdentity: (credentials) => ({ channelAppId: credentials.merId, channelMchId: credentials.merId }),
  verifyCredentials,
  pay,
  query,
  close,
  refund,
  queryRefund: (ctx, outRefundNo) => queryRefund(ctx, outRefundNo),
  parseNotify: async (ctx, notification) => verifyPaymentNotification(ctx, notification),
  parseRefundNotify: async (ctx, notification) => verifyRefundNotification(ctx, notification),
  notifyAnswer,
  async downloadBill(ctx, date) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new ChannelRejectedError(`bill date ${date} is not YYYY-MM-DD`, "BILL_DATE");
    return downloadUnionpayBill(ctx, date);
  },
};
