import { createHash, createHmac, randomInt, timingSafeEqual } from "node:crypto";
import { db } from "@/server/db";
import { loadEnv } from "@/server/env";
import type { SandboxMerchant, SandboxRefund, SandboxTrade } from "@/server/generated/prisma/client.ts";
import { openSandboxKeys } from "../keys";
import { findTradeById, settleTrade } from "../trades";
import type { OutboundNotification, SandboxChannel, SandboxKeys } from "../types";
import { fileTrans } from "./bill";
import { autoPostPage, cardPage, maskedCard, messagePage, readCardNumber } from "./card-page";
import { backTrans, frontTrans, queryTrans, traceOf } from "./gateway";
import { issueSandboxPki } from "./pki";
import { type AcpFields, beijingStamp, signedByUnionpay } from "./wire";

/** The consume result UnionPay sends to backUrl (server) and, through the browser, to frontUrl. */
function consumeResult(trade: SandboxTrade, keys: SandboxKeys): AcpFields {
  const paid = trade.state === "SUCCEEDED";
  const at = trade.paidAt ?? trade.updatedAt;
  return signedByUnionpay(
    {
      version: "5.1.0",
      encoding: "UTF-8",
      bizType: "000201",
      txnType: "01",
      txnSubType: "01",
      accessType: "0",
      merId: trade.channelAppId,
      orderId: trade.outTradeNo,
      txnTime: trade.channelTradeNo.slice(0, 14),
      txnAmt: trade.amount.toString(),
      currencyCode: "156",
      queryId: trade.channelTradeNo,
      ...traceOf(trade.channelTradeNo, at),
      settleAmt: trade.amount.toString(),
      settleCurrencyCode: "156",
      settleDate: beijingStamp(at).slice(4, 8),
      respCode: paid ? "00" : "51",
      respMsg: paid ? "成功[0000000]" : "交易失败，余额不足",
      ...(trade.payerId ? { accNo: trade.payerId, payCardType: "01", payType: "0001" } : {}),
    },
    keys,
  );
}

function form(url: string, fields: AcpFields): OutboundNotification {
  return { url, headers: { "content-type": "application/x-www-form-urlencoded; charset=UTF-8" }, body: new URLSearchParams(fields).toString() };
}

function refundResult(trade: SandboxTrade, refund: SandboxRefund, keys: SandboxKeys): AcpFields {
  const at = refund.succeededAt ?? refund.updatedAt;
  const ok = refund.state === "SUCCEEDED";
  return signedByUnionpay(
    {
      version: "5.1.0",
      encoding: "UTF-8",
      bizType: "000201",
      txnType: "04",
      txnSubType: "00",
      accessType: "0",
      merId: trade.channelAppId,
      orderId: refund.outRefundNo,
      origQryId: trade.channelTradeNo,
      txnTime: refund.channelRefundNo.slice(0, 14),
      txnAmt: refund.amount.toString(),
      currencyCode: "156",
      queryId: refund.channelRefundNo,
      ...traceOf(refund.channelRefundNo, at),
      settleAmt: refund.amount.toString(),
      settleCurrencyCode: "156",
      settleDate: beijingStamp(at).slice(4, 8),
      respCode: ok ? "00" : "03",
      respMsg: ok ? "成功[0000000]" : "交易失败",
    },
    keys,
  );
}

/** The front-return link is the trade's alone: an HMAC of its number under the merchant's channel key. */
function returnMac(trade: SandboxTrade, keys: SandboxKeys): string {
  const key = createHash("sha256").update(`unionpay-front:${keys.channelPrivateKeyPem}`).digest();
  return createHmac("sha256", key).update(trade.channelTradeNo).digest("base64url");
}

async function tradeAndKeys(channelTradeNo: string) {
  const found = await db.sandboxTrade.findUnique({ where: { channelTradeNo } });
  if (!found || found.channel !== "unionpay") return null;
  const trade = (await findTradeById(found.id)) as SandboxTrade;
  const merchant = await db.sandboxMerchant.findUniqueOrThrow({ where: { id: trade.sandboxMerchantId } });
  const account = merchant.channelAccountId
    ? await db.channelAccount.findUnique({ where: { id: merchant.channelAccountId }, select: { merchant: { select: { name: true } } } })
    : null;
  return { trade, merchant, keys: openSandboxKeys(merchant), merchantName: account?.merchant.name ?? merchant.channelMchId };
}

/** GET: the bank-card page; POST: the payer confirms (card number) or cancels. */
async function card(request: Request, channelTradeNo: string): Promise<Response> {
  const found = await tradeAndKeys(channelTradeNo);
  if (!found) return messagePage(request, (t) => t.notFound);
  const { trade, keys, merchantName } = found;
  if (request.method === "GET") {
    if (trade.state !== "PENDING") return messagePage(request, (t) => t.closed);
    return cardPage(request, trade, merchantName);
  }
  const submitted = new URLSearchParams(await request.text());
  if (submitted.get("action") === "cancel") {
    await settleTrade(trade.id, "close");
    return new Response(null, { status: 303, headers: { location: trade.returnUrl ?? "/" } });
  }
  if (trade.state !== "PENDING") return messagePage(request, (t) => t.closed);
  const cardNo = readCardNumber(submitted.get("cardNo") ?? "");
  if (!cardNo) {
    const { t } = (await import("./card-page")).pageMessages(request);
    return cardPage(request, trade, merchantName, t.badCard);
  }
  const settled = await settleTrade(trade.id, "success", maskedCard(cardNo));
  if (!trade.returnUrl) return messagePage(request, (t) => (settled.state === "SUCCEEDED" ? t.paid : t.declined));
  return autoPostPage(request, trade.returnUrl, consumeResult(settled, keys), (t) => (settled.state === "SUCCEEDED" ? t.paid : t.declined));
}

/** After the shared payer page: the signed result posted to frontUrl by the browser. */
async function frontReturn(request: Request, channelTradeNo: string): Promise<Response> {
  const found = await tradeAndKeys(channelTradeNo);
  const mac = new URL(request.url).searchParams.get("mac") ?? "";
  if (!found || !found.trade.returnUrl) return messagePage(request, (t) => t.notFound);
  const expected = Buffer.from(returnMac(found.trade, found.keys));
  const given = Buffer.from(mac);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return messagePage(request, (t) => t.notFound);
  const { trade, keys } = found;
  return autoPostPage(request, trade.returnUrl as string, consumeResult(trade, keys), (t) => (trade.state === "SUCCEEDED" ? t.paid : t.declined));
}

export const unionpaySandbox: SandboxChannel = {
  code: "unionpay",
  async handleRequest(request, path) {
    const route = path.join("/");
    if (request.method === "POST" && route === "gateway/api/frontTransReq.do") return frontTrans(request);
    if (request.method === "POST" && route === "gateway/api/backTransReq.do") return backTrans(request);
    if (request.method === "POST" && route === "gateway/api/queryTrans.do") return queryTrans(request);
    if (request.method === "POST" && (route === "filedownload" || route === "filedownload/")) return fileTrans(request);
    if (path.length === 2 && path[0] === "card" && (request.method === "GET" || request.method === "POST")) return card(request, path[1]);
    if (path.length === 2 && path[0] === "front-return" && request.method === "GET") return frontReturn(request, path[1]);
    return new Response("not found", { status: 404 });
  },

  // the merchant platform hands out: merId, the signing .pfx and its password, the root and middle certificates
  issueCredentials({ merchant, channel }) {
    const merId = `777${String(randomInt(0, 1e12)).padStart(12, "0")}`;
    const pki = issueSandboxPki(merId, { merchant, channel });
    return {
      credentials: {
        merId,
        signCertPfx: pki.merchantPfxBase64,
        signCertPassword: pki.merchantPfxPassword,
        middleCertPem: pki.middlePem,
        rootCertPem: pki.rootPem,
      },
      channelMchId: merId,
      sandboxKeys: {
        merchantPublicKeyPem: merchant.publicKey,
        channelPrivateKeyPem: channel.privateKey,
        channelCertificatePem: pki.channelCertificatePem,
        merchantCertificateId: pki.merchantCertId,
      },
    };
  },

  // after the shared payer page, the browser posts the signed result to frontUrl, as UnionPay's page does
  payerReturnAddress({ trade, keys }) {
    if (!trade.returnUrl) return null;
    return `${loadEnv().PUBLIC_BASE_URL}/api/sandbox/unionpay/front-return/${trade.channelTradeNo}?mac=${returnMac(trade, keys)}`;
  },

  // FIELD-NOTES §E: up to 5 sends, at 0, 1, 2, 4 minutes… (each interval after the previous)
  retryScheduleSeconds: [60, 120, 240, 480],
  paymentNotification: ({ keys, trade }: { merchant: SandboxMerchant; keys: SandboxKeys; trade: SandboxTrade }) => form(trade.notifyUrl, consumeResult(trade, keys)),
  refundNotification: ({ keys, trade, refund }) => (refund.notifyUrl ? form(refund.notifyUrl, refundResult(trade, refund, keys)) : null),
  // UnionPay reads only the HTTP status
  isAcknowledged: (status) => status === 200,
};
