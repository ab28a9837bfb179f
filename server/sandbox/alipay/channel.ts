import { createHash, randomInt } from "node:crypto";
import { minorToDecimal } from "@/server/domain/money";
import type { SandboxMerchant, SandboxTrade } from "@/server/generated/prisma/client.ts";
import type { OutboundNotification, SandboxChannel, SandboxKeys } from "../types";
import { BILL_DOWNLOAD_PATH, downloadBillFile } from "./bill";
import { handleAlipaySandboxRequest } from "./gateway";
import { AUTHORIZE_PATH, authorizePage } from "./oauth";
import { fundBillListParam, maskedBuyerLogonId, sandboxSellerEmail, sandboxSellerId } from "./merchant";
import { redirectTarget } from "../oauth-codes";
import { alipayReturnUrl } from "./return-url";
import { chinaTime, signingContent, signRsa2, type Params } from "./wire";

/**
 * Alipay's asynchronous notification of a payment: a form POST to the trade's notify_url, signed
 * with the channel's key over every non-empty field but sign and sign_type. Empty fields are never
 * sent (the SDK's checker would sign them, Alipay does not). The same notify_id on every attempt.
 * It names the seller (seller_id, seller_email) and the payer and funds as Alipay does, so that
 * merchants can apply Alipay's rule: check app_id, the amount and seller_id.
 * A trade without notify_url gets no notification (job-handlers.ts skips it).
 */
function tradeNotification(merchant: SandboxMerchant, trade: SandboxTrade, keys: SandboxKeys): OutboundNotification {
  const total = minorToDecimal(trade.amount, "CNY");
  const fields: Record<string, string | undefined> = {
    notify_time: chinaTime(new Date()),
    notify_type: "trade_status_sync",
    notify_id: createHash("sha256").update(`alipay-notify:${trade.id}`).digest("hex").slice(0, 32),
    charset: "utf-8",
    version: "1.0",
    app_id: trade.channelAppId,
    // not an ISV's call: the authorizing app is the app itself
    auth_app_id: trade.channelAppId,
    trade_no: trade.channelTradeNo,
    out_trade_no: trade.outTradeNo,
    buyer_id: trade.payerId ?? undefined,
    buyer_logon_id: trade.payerId ? maskedBuyerLogonId(trade.payerId) : undefined,
    seller_id: sandboxSellerId(merchant.channelMchId),
    seller_email: sandboxSellerEmail(merchant.channelMchId),
    trade_status: "TRADE_SUCCESS",
    total_amount: total,
    receipt_amount: total,
    invoice_amount: total,
    buyer_pay_amount: total,
    point_amount: "0.00",
    fund_bill_list: fundBillListParam(trade.amount),
    subject: trade.subject,
    gmt_create: chinaTime(trade.createdAt),
    gmt_payment: trade.paidAt ? chinaTime(trade.paidAt) : undefined,
    sign_type: "RSA2",
  };
  const params: Params = Object.fromEntries(Object.entries(fields).filter((entry): entry is [string, string] => Boolean(entry[1])));
  params.sign = signRsa2(signingContent(params, ["sign", "sign_type"]), keys.channelPrivateKeyPem);
  return {
    url: trade.notifyUrl,
    headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" },
    body: new URLSearchParams(params).toString(),
  };
}

export const alipaySandbox: SandboxChannel = {
  code: "alipay",
  // one endpoint, as Alipay's own gateway, and the bill files' download host
  async handleRequest(request, path) {
    if (path.length === 1 && path[0] === "gateway.do") return handleAlipaySandboxRequest(request);
    if (path.length === 1 && path[0] === BILL_DOWNLOAD_PATH && request.method === "GET") return downloadBillFile(request);
    if (path.join("/") === AUTHORIZE_PATH && request.method === "GET") return authorizePage(request);
    return new Response("not found", { status: 404 });
  },

  // an open-platform app in public-key mode: its APPID, the app's private key, Alipay's public key
  issueCredentials({ merchant, channel }) {
    const appId = `2021${String(randomInt(0, 1e12)).padStart(12, "0")}`;
    return {
      credentials: { appId, privateKeyPem: merchant.privateKey, alipayPublicKeyPem: channel.publicKey, sellerId: sandboxSellerId(appId) },
      channelMchId: appId,
      sandboxKeys: { channelPrivateKeyPem: channel.privateKey, merchantPublicKeyPem: merchant.publicKey },
    };
  },

  // the website and wap cashiers return to return_url, with the signed return parameters after a payment;
  // a QR code is paid in the app: nowhere to return to
  payerReturnAddress({ trade, keys, redirectUrl }) {
    // JSAPI (trade.create): the sandbox stands in for AlipayJSBridge's tradePay, whose page then carries on itself
    if (trade.tradeType === "create") return redirectTarget(redirectUrl ?? null)?.toString() ?? null;
    if (!trade.returnUrl) return null;
    if (trade.state !== "SUCCEEDED") return trade.returnUrl;
    return alipayReturnUrl({ ...trade, returnUrl: trade.returnUrl }, keys);
  },

  retryScheduleSeconds: [240, 600, 600, 3600, 7200, 21600, 54000],
  paymentNotification: ({ merchant, keys, trade }) => tradeNotification(merchant, trade, keys),
  // Alipay notifies no partial refund by default: a refund answers at once and fastpay.refund.query tells the rest
  refundNotification: () => null,
  isAcknowledged: (_status, body) => body.trim() === "success",
};
