import { parseFaults, requestFaults } from "../faults";
import { openSandboxKeys } from "../keys";
import { findSandboxMerchant } from "../trades";
import { applyTradeBill, downloadTradeBill } from "./bill";
import { addReceiver, createOrder, createReturn, deleteReceiver, queryOrder, queryReturn, unfreezeOrder } from "./profit-sharing";
import { createDomesticRefund, queryDomesticRefund } from "./refunds";
import { type MerchantSession, type Reply, type WechatpayAnswer, WechatpayApiError, type WechatpayCall } from "./reply";
import { rsaVerify, signatureHeaders, signedMessage, type WechatpayKeys, wechatpayKeys } from "./signing";
import { closeTransaction, createTransaction, queryTransaction } from "./transactions";
import { codepayTransaction, reverseTransaction } from "./codepay";

/**
 * The simulated WeChat Pay API v3: authenticates the merchant's signature, applies the merchant's
 * request faults, routes, and signs the answer with the channel's key as WeChat Pay does.
 */

const AUTH_SCHEME = "WECHATPAY2-SHA256-RSA2048";
const MAX_CLOCK_SKEW_SECONDS = 300;

type Handler = (session: MerchantSession, params: Record<string, string>) => Promise<Reply>;

const ROUTES: { method: "GET" | "POST"; pattern: string; handler: Handler }[] = [
  // before v3/pay/transactions/:mode, which it would otherwise match
  { method: "POST", pattern: "v3/pay/transactions/codepay", handler: codepayTransaction },
  { method: "POST", pattern: "v3/pay/transactions/out-trade-no/:outTradeNo/reverse", handler: reverseTransaction },
  { method: "POST", pattern: "v3/pay/transactions/:mode", handler: createTransaction },
  { method: "GET", pattern: "v3/pay/transactions/out-trade-no/:outTradeNo", handler: queryTransaction },
  { method: "POST", pattern: "v3/pay/transactions/out-trade-no/:outTradeNo/close", handler: closeTransaction },
  { method: "POST", pattern: "v3/refund/domestic/refunds", handler: createDomesticRefund },
  { method: "GET", pattern: "v3/refund/domestic/refunds/:outRefundNo", handler: queryDomesticRefund },
  { method: "POST", pattern: "v3/profitsharing/receivers/add", handler: addReceiver },
  { method: "POST", pattern: "v3/profitsharing/receivers/delete", handler: deleteReceiver },
  { method: "POST", pattern: "v3/profitsharing/orders", handler: createOrder },
  { method: "POST", pattern: "v3/profitsharing/orders/unfreeze", handler: unfreezeOrder },
  { method: "GET", pattern: "v3/profitsharing/orders/:outOrderNo", handler: queryOrder },
  { method: "POST", pattern: "v3/profitsharing/return-orders", handler: createReturn },
  { method: "GET", pattern: "v3/profitsharing/return-orders/:outReturnNo", handler: queryReturn },
  { method: "GET", pattern: "v3/bill/tradebill", handler: applyTradeBill },
  { method: "GET", pattern: "v3/billdownload/file", handler: downloadTradeBill },
];

function matchRoute(method: string, route: string[]) {
  for (const candidate of ROUTES) {
    const pattern = candidate.pattern.split("/");
    if (candidate.method !== method || pattern.length !== route.length) continue;
    const params: Record<string, string> = {};
    if (pattern.every((part, i) => (part.startsWith(":") ? ((params[part.slice(1)] = route[i]), true) : part === route[i]))) {
      return { handler: candidate.handler, params };
    }
  }
  return null;
}

export type Authorization = { mchid: string; nonce: string; timestamp: string; serialNo: string; signature: string };

/** `WECHATPAY2-SHA256-RSA2048 mchid="…",nonce_str="…",timestamp="…",serial_no="…",signature="…"` in any order. */
export function parseAuthorization(header: string | null): Authorization | null {
  if (!header?.startsWith(`${AUTH_SCHEME} `)) return null;
  const fields = Object.fromEntries([...header.slice(AUTH_SCHEME.length + 1).matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
  const { mchid, nonce_str: nonce, timestamp, serial_no: serialNo, signature } = fields;
  if (!mchid || !nonce || !timestamp || !serialNo || !signature) return null;
  return { mchid, nonce, timestamp, serialNo, signature };
}

function errorReply(status: number, code: string, message: string): Reply {
  return { status, json: { code, message } };
}

/** Answers as WeChat Pay does: JSON signed over `TIMESTAMP\nNONCE\nBODY\n`; bill files unsigned (checked by their hash). */
function answer(keys: WechatpayKeys | null, reply: Reply): WechatpayAnswer {
  if ("stream" in reply) return { status: reply.status, headers: { "Content-Type": reply.contentType }, body: reply.stream };
  const body = reply.json === undefined ? "" : JSON.stringify(reply.json);
  const headers: Record<string, string> = body ? { "Content-Type": "application/json; charset=utf-8" } : {};
  return { status: reply.status, headers: keys ? { ...headers, ...signatureHeaders(keys, body) } : headers, body };
}

export async function answerWechatpayCall(call: WechatpayCall): Promise<WechatpayAnswer> {
  const auth = parseAuthorization(call.authorization);
  if (!auth) return answer(null, errorReply(401, "SIGN_ERROR", `Authorization 缺失或不是 ${AUTH_SCHEME}`));
  const merchant = await findSandboxMerchant("wechatpay", auth.mchid);
  if (!merchant) return answer(null, errorReply(401, "SIGN_ERROR", `商户号 ${auth.mchid} 未开通`));
  const keys = wechatpayKeys(openSandboxKeys(merchant));

  if (!/^\d{1,12}$/.test(auth.timestamp) || Math.abs(Date.now() / 1000 - Number(auth.timestamp)) > MAX_CLOCK_SKEW_SECONDS) {
    return answer(keys, errorReply(401, "SIGN_ERROR", "timestamp 与当前时间相差超过 5 分钟"));
  }
  const message = signedMessage(call.method, call.pathAndQuery, auth.timestamp, auth.nonce, call.body);
  if (!rsaVerify(message, auth.signature, keys.merchantPublicKeyPem)) {
    return answer(keys, errorReply(401, "SIGN_ERROR", "签名错误"));
  }
  if ((await requestFaults(parseFaults(merchant.faults))).kind === "error") {
    return answer(keys, errorReply(500, "SYSTEM_ERROR", "系统错误"));
  }

  const route = matchRoute(call.method, call.route);
  if (!route) return answer(keys, errorReply(404, "NOT_FOUND", `没有接口 ${call.method} /${call.route.join("/")}`));
  try {
    return answer(keys, await route.handler({ merchant, keys, call }, route.params));
  } catch (error) {
    if (error instanceof WechatpayApiError) return answer(keys, errorReply(error.status, error.code, error.message));
    throw error;
  }
}
