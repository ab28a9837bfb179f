import { randomInt } from "node:crypto";
import { db } from "@/server/db";
import { loadEnv } from "@/server/env";
import type { SandboxMerchant, SandboxRefund, SandboxTrade } from "@/server/generated/prisma/client.ts";
import { parseFaults, requestFaults } from "../faults";
import { openSandboxKeys } from "../keys";
import { createRefund, createTrade, findSandboxMerchant, findTrade, findTradeById, SandboxConflict, settleRefund } from "../trades";
import { type AcpFields, acpVerify, answerBody, beijingStamp, fromBeijingStamp, signedByUnionpay } from "./wire";

/**
 * The simulated ACP gateway: frontTransReq.do (the consumer's browser posts the signed consume form,
 * the bank-card page follows), backTransReq.do (refund 04, undo 31) and queryTrans.do (00). Every
 * request is checked as UnionPay does — version, signMethod, the merchant (merId), its certificate
 * (certId) and the signature — then the merchant's faults apply, then the books change. Answers are
 * `k=v&…`, signed with signPubKeyCert.
 */

type Refusal = { respCode: string; respMsg: string };

/** queryId: the transaction's txnTime and 7 random digits (21 digits, UnionPay's length). */
export function newQueryId(txnTime: string): string {
  return `${txnTime}${String(randomInt(0, 1e7)).padStart(7, "0")}`;
}

/** traceNo (6 digits) and traceTime (MMDDhhmmss) UnionPay assigns a transaction. */
export function traceOf(queryId: string, at: Date): { traceNo: string; traceTime: string } {
  return { traceNo: queryId.slice(-6), traceTime: beijingStamp(at).slice(4) };
}

export async function readForm(request: Request): Promise<AcpFields> {
  return Object.fromEntries(new URLSearchParams(await request.text()));
}

const COMMON = ["version", "encoding", "signMethod", "txnType", "txnSubType", "bizType", "accessType", "merId", "certId", "signature"];

type Checked = { kind: "ok"; merchant: SandboxMerchant; keys: ReturnType<typeof openSandboxKeys> } | { kind: "refused"; refusal: Refusal; signWith?: { merchant: SandboxMerchant } };

/** The gateway's checks before it acts. A refusal of an unknown merchant or a bad signature is unsigned. */
async function checkRequest(fields: AcpFields): Promise<Checked> {
  for (const key of COMMON) if (!fields[key]) return { kind: "refused", refusal: { respCode: "10", respMsg: `报文格式错误[${key}]` } };
  if (fields.version !== "5.1.0") return { kind: "refused", refusal: { respCode: "10", respMsg: "版本号错误" } };
  if (fields.signMethod !== "01") return { kind: "refused", refusal: { respCode: "10", respMsg: "签名方法错误" } };
  const merchant = await findSandboxMerchant("unionpay", fields.merId);
  if (!merchant) return { kind: "refused", refusal: { respCode: "14", respMsg: "商户不存在或状态不正确" } };
  const keys = openSandboxKeys(merchant);
  if (fields.certId !== keys.merchantCertificateId) return { kind: "refused", refusal: { respCode: "11", respMsg: "验证签名失败[证书ID不匹配]" } };
  if (!acpVerify(fields, keys.merchantPublicKeyPem)) return { kind: "refused", refusal: { respCode: "11", respMsg: "验证签名失败" } };
  return { kind: "ok", merchant, keys };
}

function text(body: string, status = 200): Response {
  return new Response(body, { status, headers: { "content-type": "text/plain;charset=UTF-8" } });
}

function echo(fields: AcpFields): AcpFields {
  const kept: AcpFields = {};
  for (const key of ["version", "encoding", "bizType", "txnTime", "txnType", "txnSubType", "accessType", "merId", "orderId"]) if (fields[key]) kept[key] = fields[key];
  return kept;
}

function signedAnswer(fields: AcpFields, keys: ReturnType<typeof openSandboxKeys>): Response {
  return text(answerBody(signedByUnionpay(fields, keys)));
}

/** Runs the checks and the faults; null when the call may proceed, else the response to give. */
async function admitted(fields: AcpFields): Promise<{ merchant: SandboxMerchant; keys: ReturnType<typeof openSandboxKeys> } | Response> {
  const checked = await checkRequest(fields);
  if (checked.kind === "refused") return text(answerBody({ ...echo(fields), ...checked.refusal }));
  if ((await requestFaults(parseFaults(checked.merchant.faults))).kind === "error") return text("Service Unavailable", 503);
  return { merchant: checked.merchant, keys: checked.keys };
}

// front transaction: the consumer's browser

const ORDER_ID = /^[A-Za-z0-9]{8,40}$/;

/** frontTransReq.do: a signed consume form; the trade is booked and the browser sent to the bank-card page. */
export async function frontTrans(request: Request): Promise<Response> {
  const fields = await readForm(request);
  const page = (message: string) => new Response(`银联沙箱 · ${message}\n`, { status: 400, headers: { "content-type": "text/plain; charset=utf-8" } });
  const checked = await checkRequest(fields);
  if (checked.kind === "refused") return page(`${checked.refusal.respMsg} (${checked.refusal.respCode})`);
  if (fields.txnType !== "01" || fields.txnSubType !== "01" || fields.bizType !== "000201") return page("交易类型错误");
  if (fields.channelType !== "07" && fields.channelType !== "08") return page("渠道类型错误");
  if (!ORDER_ID.test(fields.orderId ?? "")) return page("订单号格式错误");
  const txnTime = fromBeijingStamp(fields.txnTime ?? "");
  if (!txnTime) return page("交易时间格式错误");
  if (!/^[1-9]\d{0,11}$/.test(fields.txnAmt ?? "")) return page("交易金额格式错误");
  if (fields.currencyCode !== "156") return page("币种错误");
  if (!fields.frontUrl || !fields.backUrl) return page("缺少 frontUrl/backUrl");
  const payTimeout = fields.payTimeout ? fromBeijingStamp(fields.payTimeout) : new Date(Date.now() + 15 * 60_000);
  if (!payTimeout) return page("payTimeout 格式错误");
  const subject = /commodityName=([^&}]*)/.exec(fields.riskRateInfo ?? "")?.[1] || fields.orderId;
  let trade: SandboxTrade;
  try {
    trade = await createTrade({
      sandboxMerchantId: checked.merchant.id,
      channel: "unionpay",
      outTradeNo: fields.orderId,
      channelTradeNo: newQueryId(fields.txnTime),
      channelAppId: fields.merId,
      tradeType: fields.channelType === "07" ? "pc" : "wap",
      amount: BigInt(fields.txnAmt),
      currency: "CNY",
      subject,
      notifyUrl: fields.backUrl,
      returnUrl: fields.frontUrl,
      expiresAt: payTimeout,
    });
  } catch (error) {
    if (error instanceof SandboxConflict) return page(error.reason === "TRADE_PAID" ? "订单已支付 (12)" : "重复交易 (12)");
    throw error;
  }
  return new Response(null, { status: 303, headers: { location: `${loadEnv().PUBLIC_BASE_URL}/api/sandbox/unionpay/card/${trade.channelTradeNo}` } });
}

// back transactions

async function findRefundByOrderId(merchantId: string, orderId: string): Promise<(SandboxRefund & { trade: SandboxTrade }) | null> {
  return db.sandboxRefund.findFirst({ where: { outRefundNo: orderId, trade: { sandboxMerchantId: merchantId, channel: "unionpay" } }, include: { trade: true } });
}

function sameBeijingDay(a: Date, b: Date): boolean {
  return beijingStamp(a).slice(0, 8) === beijingStamp(b).slice(0, 8);
}

/** backTransReq.do: 退货 (04/00) settles later and notifies; 消费撤销 (31/00) is immediate, same day only, whole amount. */
export async function backTrans(request: Request): Promise<Response> {
  const fields = await readForm(request);
  const gate = await admitted(fields);
  if (gate instanceof Response) return gate;
  const { merchant, keys } = gate;
  const base = echo(fields);
  const answer = (extra: AcpFields) => signedAnswer({ ...base, ...extra }, keys);
  const isRefund = fields.txnType === "04" && fields.txnSubType === "00";
  const isUndo = fields.txnType === "31" && fields.txnSubType === "00";
  if (!isRefund && !isUndo) return answer({ respCode: "40", respMsg: "交易类型不支持" });
  if (!ORDER_ID.test(fields.orderId ?? "") || !fromBeijingStamp(fields.txnTime ?? "")) return answer({ respCode: "10", respMsg: "报文格式错误[orderId/txnTime]" });
  if (!/^[1-9]\d{0,11}$/.test(fields.txnAmt ?? "")) return answer({ respCode: "10", respMsg: "报文格式错误[txnAmt]" });
  const original = await db.sandboxTrade.findUnique({ where: { channelTradeNo: fields.origQryId ?? "" } });
  if (!original || original.sandboxMerchantId !== merchant.id) return answer({ respCode: "35", respMsg: "原交易不存在" });
  const trade = (await findTradeById(original.id)) as SandboxTrade;
  if (trade.state !== "SUCCEEDED") return answer({ respCode: "36", respMsg: "原交易状态不正确" });
  const amount = BigInt(fields.txnAmt);
  if (isUndo && (amount !== trade.amount || !trade.paidAt || !sameBeijingDay(trade.paidAt, new Date()))) return answer({ respCode: "36", respMsg: "原交易不能撤销" });
  const queryId = newQueryId(fields.txnTime);
  try {
    const created = await createRefund(trade, { outRefundNo: fields.orderId, amount, notifyUrl: isRefund ? fields.backUrl : undefined, channelRefundNo: queryId });
    if (isUndo) await settleRefund(created.id, "success");
    return answer({ respCode: "00", respMsg: "成功[0000000]", queryId: created.channelRefundNo, origQryId: trade.channelTradeNo, txnAmt: fields.txnAmt });
  } catch (error) {
    if (!(error instanceof SandboxConflict)) throw error;
    if (error.reason === "REFUND_EXCEEDS" || error.reason === "REFUND_SPLIT_OUT") return answer({ respCode: "37", respMsg: "退货金额超限" });
    if (error.reason === "PARAMS_MISMATCH") return answer({ respCode: "12", respMsg: "重复交易" });
    return answer({ respCode: "36", respMsg: "原交易状态不正确" });
  }
}

/** A refund's origRespCode: 00 done, 05 still processing, 03 failed at the bank. */
function refundOrigCode(refund: SandboxRefund): Refusal {
  switch (refund.state) {
    case "SUCCEEDED":
      return { respCode: "00", respMsg: "成功" };
    case "PROCESSING":
      return { respCode: "05", respMsg: "交易处理中" };
    case "FAILED":
      return { respCode: "03", respMsg: "交易失败" };
    default:
      return refund.state satisfies never;
  }
}

/**
 * queryTrans.do (00/00): by orderId and its txnTime (the transaction's key at UnionPay). A consume the
 * payer never submitted, or one closed unpaid, does not exist at UnionPay: 34.
 */
export async function queryTrans(request: Request): Promise<Response> {
  const fields = await readForm(request);
  const gate = await admitted(fields);
  if (gate instanceof Response) return gate;
  const { merchant, keys } = gate;
  const base = echo(fields);
  const answer = (extra: AcpFields) => signedAnswer({ ...base, ...extra }, keys);
  if (fields.txnType !== "00") return answer({ respCode: "40", respMsg: "交易类型不支持" });
  if (!ORDER_ID.test(fields.orderId ?? "") || !fromBeijingStamp(fields.txnTime ?? "")) return answer({ respCode: "10", respMsg: "报文格式错误[orderId/txnTime]" });
  const notFound = () => answer({ respCode: "34", respMsg: "查无此交易" });

  const trade = await findTrade(merchant.id, fields.orderId);
  if (trade) {
    // the key is orderId + txnTime: queryId starts with the original txnTime
    if (!trade.channelTradeNo.startsWith(fields.txnTime)) return notFound();
    if (trade.state === "PENDING" || trade.state === "CLOSED") return notFound();
    const paid = trade.state === "SUCCEEDED";
    const at = trade.paidAt ?? trade.updatedAt;
    return answer({
      respCode: "00",
      respMsg: "成功[0000000]",
      txnType: "01",
      txnSubType: "01",
      origRespCode: paid ? "00" : "51",
      origRespMsg: paid ? "成功[0000000]" : "交易失败，余额不足",
      queryId: trade.channelTradeNo,
      txnAmt: trade.amount.toString(),
      currencyCode: "156",
      txnTime: trade.channelTradeNo.slice(0, 14),
      ...traceOf(trade.channelTradeNo, at),
      settleDate: beijingStamp(at).slice(4, 8),
      settleAmt: trade.amount.toString(),
      settleCurrencyCode: "156",
      accNo: trade.payerId ?? "",
    });
  }
  const refund = await findRefundByOrderId(merchant.id, fields.orderId);
  if (!refund || !refund.channelRefundNo.startsWith(fields.txnTime)) return notFound();
  const orig = refundOrigCode(refund);
  return answer({
    respCode: "00",
    respMsg: "成功[0000000]",
    txnType: refund.notifyUrl === null ? "31" : "04",
    txnSubType: "00",
    origRespCode: orig.respCode,
    origRespMsg: orig.respMsg,
    queryId: refund.channelRefundNo,
    origQryId: refund.trade.channelTradeNo,
    txnAmt: refund.amount.toString(),
    currencyCode: "156",
    txnTime: refund.channelRefundNo.slice(0, 14),
    ...traceOf(refund.channelRefundNo, refund.succeededAt ?? refund.createdAt),
  });
}
