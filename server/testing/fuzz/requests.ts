import type { TestApp } from "@/server/testing/open-api-client";
import { HOSTILE_SEGMENTS, HOSTILE_STRINGS, hostileValue, mangle, pick, type Random } from "./random";

/** One hostile HTTP request, and what its answer must be besides "below 500, within 10 s". */
export type HttpCase = {
  area: "open-api" | "order-center" | "notify" | "sandbox" | "trpc" | "licence" | "page";
  method: string;
  /** As sent: raw, never normalised (malformed escapes stay malformed). */
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
  /** Signed as this app just before sending (a fresh timestamp and nonce). */
  signAs?: TestApp;
  /** The Open API's error envelope is promised on every non-2xx answer. */
  envelope: boolean;
};

/** Real ids of the fuzzed instance, so some requests reach past "not found". */
export type Known = { payOrderNos: string[]; refundNos: string[]; accountIds: string[]; mchNos: string[] };

const METHODS = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"];
const CONTENT_TYPES = ["application/json", "application/json; charset=utf-8", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml", "application/json; charset=latin1", ""];
const ORDER_FIELDS = ["mchOrderNo", "amount", "currency", "subject", "description", "channel", "mode", "payer", "expireInSeconds", "notifyUrl", "returnUrl", "metadata", "extra"];
const REFUND_FIELDS = ["payOrderNo", "mchRefundNo", "amount", "reason", "notifyUrl", "extra"];

function id(random: Random, real: string[]): string {
  return random() < 0.35 && real.length ? pick(random, real) : pick(random, HOSTILE_SEGMENTS);
}

function query(random: Random, name: string): string {
  if (random() < 0.5) return `${name}=${pick(random, HOSTILE_SEGMENTS)}`;
  const value = hostileValue(random);
  const text = typeof value === "string" ? value : JSON.stringify(value).slice(0, 5000);
  return `${name}=${encodeURIComponent(text.replace(/[\ud800-\udfff]/g, "x"))}`;
}

function orderBody(random: Random): Record<string, unknown> {
  return {
    mchOrderNo: `FZ${Math.floor(random() * 1e9)}`,
    amount: 100,
    subject: "fuzz",
    mode: pick(random, ["cashier", "native", "qr", "jsapi", "h5", "pc", "wap", "app", "barcode"]),
    ...(random() < 0.3 ? { channel: pick(random, ["wechatpay", "alipay", "unionpay"]) } : {}),
    ...(random() < 0.2 ? { payer: { authCode: pick(random, ["134567890123456789", "284567890123456789", "1", "13".repeat(40), "\u0000"]) } } : {}),
  };
}

/** The Open API: every route, any method, hostile ids, queries, bodies, headers; mostly signed, some not. */
export function openApiCase(random: Random, known: Known, app: TestApp): HttpCase {
  const payOrderNo = id(random, known.payOrderNos);
  const refundNo = id(random, known.refundNos);
  const [method, path, body] = pick(random, [
    ["POST", "/api/v1/pay-orders", mangle(random, orderBody(random), ORDER_FIELDS)],
    ["POST", "/api/v1/pay-orders", mangle(random, orderBody(random), ORDER_FIELDS)],
    ["GET", `/api/v1/pay-orders?${query(random, "mchOrderNo")}${random() < 0.3 ? "&sync=true" : ""}`, undefined],
    ["GET", `/api/v1/pay-orders/${payOrderNo}${random() < 0.3 ? "?sync=true" : ""}`, undefined],
    ["POST", `/api/v1/pay-orders/${payOrderNo}/close`, random() < 0.5 ? "" : mangle(random, {}, ["x"])],
    ["POST", "/api/v1/refunds", mangle(random, { payOrderNo: pick(random, [...known.payOrderNos, "P1"]), mchRefundNo: `FR${Math.floor(random() * 1e9)}`, amount: 1 }, REFUND_FIELDS)],
    ["GET", `/api/v1/refunds?${query(random, "mchRefundNo")}`, undefined],
    ["GET", `/api/v1/refunds/${refundNo}`, undefined],
    ["POST", `/api/v1/sandbox/pay-orders/${payOrderNo}/simulate`, mangle(random, { outcome: "fail" }, ["outcome", "channel", "mode"])],
    ["POST", `/api/v1/sandbox/refunds/${refundNo}/simulate`, mangle(random, { outcome: "fail" }, ["outcome"])],
    ["GET", `/api/v1/events?${query(random, "after")}&${query(random, "limit")}`, undefined],
    ["GET", `/api/v1/settlement/daily?${query(random, "date")}`, undefined],
    ["GET", `/api/v1/reconciliations?${query(random, "date")}&${query(random, "after")}&${query(random, "limit")}`, undefined],
    ["GET", `/api/v1/${pick(random, HOSTILE_SEGMENTS)}/${pick(random, HOSTILE_SEGMENTS)}`, undefined],
  ] as const);
  const other = random() < 0.1 ? pick(random, METHODS) : method;
  const headers: Record<string, string> = { "content-type": random() < 0.85 ? "application/json" : pick(random, CONTENT_TYPES) };
  const roll = random();
  if (roll < 0.05) headers["x-timestamp"] = pick(random, ["", "abc", "-1", "99999999999999", "1e3", " 12"]);
  else if (roll < 0.1) headers["x-nonce"] = pick(random, ["", "short", "!".repeat(20), "a".repeat(65)]);
  else if (roll < 0.13) headers["idempotency-key"] = pick(random, ["", "k".repeat(300), `ok-${Math.floor(random() * 20)}`]);
  else if (roll < 0.15) headers["x-request-id"] = pick(random, ["", "r".repeat(500), "req_ok_12345678"]);
  const unsigned = random() < 0.12;
  if (unsigned) headers["x-app-id"] = pick(random, ["", app.id, "app_NOPE", "'; DROP TABLE \"App\" --"]);
  return { area: "open-api", method: other, path, headers, body: other === "GET" || other === "HEAD" ? undefined : body, signAs: unsigned ? undefined : app, envelope: true };
}

/** Channel callbacks: unknown, malformed and real account ids; bodies of any kind and size. */
export function notifyCase(random: Random, known: Known): HttpCase {
  const channel = pick(random, ["wechatpay", "alipay", "unionpay", "%00", "..", "WECHATPAY"]);
  const account = id(random, known.accountIds);
  const path = `/api/notify/${channel}/${account}${random() < 0.3 ? "/refund" : ""}`;
  const body = pick(random, [
    mangle(random, { id: "evt", resource: { ciphertext: "x", nonce: "n", associated_data: "a" } }, ["id", "resource", "event_type"]),
    "trade_status=TRADE_SUCCESS&out_trade_no=P1-1&total_amount=0.01&sign=AAAA",
    "x".repeat(Math.floor(random() * 300_000)),
    Uint8Array.from([0xff, 0xfe, 0x00, 0x7b]),
  ]);
  const headers: Record<string, string> = { "content-type": pick(random, CONTENT_TYPES) };
  if (random() < 0.5) Object.assign(headers, { "wechatpay-signature": "forged", "wechatpay-timestamp": "1", "wechatpay-nonce": "n", "wechatpay-serial": "s" });
  return { area: "notify", method: random() < 0.9 ? "POST" : pick(random, METHODS), path, headers, body, envelope: false };
}

/** The sandbox's channel servers speak the channels' protocols: garbage in, their errors out. */
export function sandboxCase(random: Random): HttpCase {
  const path = pick(random, [
    `/api/sandbox/wechatpay/v3/pay/transactions/${pick(random, ["native", "jsapi", "h5", "app"])}`,
    `/api/sandbox/wechatpay/v3/pay/transactions/out-trade-no/${pick(random, HOSTILE_SEGMENTS)}`,
    `/api/sandbox/wechatpay/${pick(random, HOSTILE_SEGMENTS)}`,
    `/api/sandbox/alipay/gateway.do?${query(random, "method")}`,
    `/api/sandbox/unionpay/gateway/api/${pick(random, ["frontTransReq.do", "backTransReq.do", "queryTrans.do", ...HOSTILE_SEGMENTS])}`,
  ]);
  return { area: "sandbox", method: pick(random, ["GET", "POST", "POST", "PUT"]), path, headers: { "content-type": pick(random, CONTENT_TYPES) }, body: mangle(random, { mchid: "1", out_trade_no: "x" }, ["mchid", "amount"]), envelope: false };
}

/** A tRPC call over HTTP (GET query or POST mutation, batched or not), its input mostly hostile. */
export function trpcCase(random: Random, procedures: readonly string[], input: () => unknown): HttpCase {
  const procedure = random() < 0.95 ? pick(random, procedures) : pick(random, [...HOSTILE_SEGMENTS, "a.b.c", "cashier.order,cashier.nope"]);
  const json = random() < 0.1 ? String(pick(random, HOSTILE_STRINGS)) : JSON.stringify({ json: input() });
  const batch = random() < 0.3;
  const raw = batch ? `{"0":${json}}` : json;
  if (random() < 0.5) {
    const encoded = random() < 0.1 ? pick(random, HOSTILE_SEGMENTS) : encodeURIComponent(raw.replace(/[\ud800-\udfff]/g, "x"));
    return { area: "trpc", method: "GET", path: `/api/trpc/${procedure}?${batch ? "batch=1&" : ""}input=${encoded}`, headers: {}, envelope: false };
  }
  return { area: "trpc", method: "POST", path: `/api/trpc/${procedure}${batch ? "?batch=1" : ""}`, headers: { "content-type": pick(random, CONTENT_TYPES) }, body: raw, envelope: false };
}

/** The licence routes: hostile merchant numbers, multipart bodies that lie. */
export function licenceCase(random: Random, known: Known): HttpCase {
  const mchNo = id(random, known.mchNos);
  if (random() < 0.4) return { area: "licence", method: "GET", path: `/api/merchants/${mchNo}/licence`, headers: {}, envelope: true };
  const boundary = "fuzzboundary";
  const file = pick(random, [Buffer.from("\x89PNG\r\n\x1a\n" + "x".repeat(100)), Buffer.from("%PDF-1.4"), Buffer.from([0, 0xff, 0xfe]), Buffer.alloc(0)]);
  const name = pick(random, ["licence.png", "\u0000.png", "../../x.png", "a".repeat(500), "%ZZ.pdf", "🙂.pdf"]);
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${random() < 0.8 ? "file" : "nope"}"; filename="${name}"\r\nContent-Type: image/png\r\n\r\n`),
    file,
    Buffer.from(random() < 0.8 ? `\r\n--${boundary}--\r\n` : "\r\n--trunc"),
  ]);
  const type = random() < 0.8 ? `multipart/form-data; boundary=${boundary}` : pick(random, CONTENT_TYPES);
  return { area: "licence", method: "POST", path: `/api/merchants/${mchNo}/licence`, headers: { "content-type": type }, body, envelope: true };
}

/** The cashier pages and their QR route, by any number. */
export function pageCase(random: Random, known: Known): HttpCase {
  const payOrderNo = id(random, known.payOrderNos);
  const path = pick(random, [
    `/pay/${payOrderNo}`,
    `/pay/${payOrderNo}`,
    `/pay/P${"1".repeat(Math.floor(random() * 100))}`,
    `/pay/${payOrderNo}/qr?${query(random, "attempt")}`,
    `/pay/${payOrderNo}/qr?attempt=${payOrderNo}-1`,
    `/sandbox/${pick(random, ["wechatpay", "alipay", "%00"])}/pay/${pick(random, HOSTILE_SEGMENTS)}`,
    `/console/${pick(random, HOSTILE_SEGMENTS)}/pay-orders/${payOrderNo}`,
    `/q/${pick(random, HOSTILE_SEGMENTS)}`,
    `/q/${pick(random, HOSTILE_SEGMENTS)}/oauth?${query(random, "code")}`,
    `/q/${pick(random, HOSTILE_SEGMENTS)}/authorize`,
    `/q/${pick(random, HOSTILE_SEGMENTS)}/pay`,
    `/q/${pick(random, HOSTILE_SEGMENTS)}/result/${payOrderNo}`,
    `/sandbox/paycode/${pick(random, ["wechatpay", "alipay", "%00"])}/${pick(random, HOSTILE_SEGMENTS)}`,
  ]);
  return { area: "page", method: random() < 0.9 ? "GET" : pick(random, ["HEAD", "POST"]), path, headers: { "user-agent": pick(random, ["Mozilla/5.0 (iPhone) MicroMessenger/8.0", "Mozilla/5.0 AlipayClient", "curl/8", ""]) }, envelope: false };
}

/** next-auth's routes (production server only: they need Next.js's request scope): hostile sign-ins and paths. */
export function authCase(random: Random): HttpCase {
  const text = () => {
    const value = hostileValue(random);
    return typeof value === "string" ? value : JSON.stringify(value).slice(0, 2000);
  };
  if (random() < 0.3) return { area: "page", method: pick(random, ["GET", "POST"]), path: `/api/auth/${pick(random, ["session", "csrf", "providers", "signout", `signin/${pick(random, HOSTILE_SEGMENTS)}`, pick(random, HOSTILE_SEGMENTS)])}`, headers: {}, envelope: false };
  const body = new URLSearchParams({ csrfToken: text(), email: random() < 0.5 ? "owner@demo.local" : text(), password: text(), json: "true" }).toString();
  return { area: "page", method: "POST", path: "/api/auth/callback/credentials", headers: { "content-type": pick(random, CONTENT_TYPES.slice(2, 4)) }, body, envelope: false };
}

const ORDER_CENTER_FIELDS = ["sourceOrderNo", "type", "scene", "storeId", "buyer", "lines", "discountAmount", "shippingAmount", "payableAmount", "presale", "flow", "shippingAddress", "expireInSeconds", "openPayment", "notifyUrl", "metadata", "extra"];

function centerOrderBody(random: Random): Record<string, unknown> {
  const quantity = 1 + Math.floor(random() * 3);
  return {
    sourceOrderNo: `FZO${Math.floor(random() * 1e9)}`,
    type: "standard",
    scene: pick(random, ["mall", "store", "miniapp"]),
    buyer: { id: `U${Math.floor(random() * 100)}`, phone: "13800138000" },
    lines: [{ sku: "SKU-1", name: "fuzz", quantity, unitPrice: 100 }],
    payableAmount: quantity * 100,
  };
}

const TRADE_FIELDS = ["tradeNo", "deductMode", "couponNos", "points", "walletAmount", "channel", "mode", "payer", "extra"];

/** A trade as a business system sends it: some of coupon, points, wallet, and a channel for the rest. */
function tradeBody(random: Random) {
  return {
    tradeNo: `FZTR${Math.floor(random() * 1e9)}`,
    deductMode: pick(random, ["lock", "on_callback"]),
    ...(random() < 0.3 ? { couponNos: [`FZC${Math.floor(random() * 50)}`] } : {}),
    ...(random() < 0.5 ? { points: Math.floor(random() * 1000) } : {}),
    ...(random() < 0.5 ? { walletAmount: Math.floor(random() * 1000) } : {}),
    ...(random() < 0.5 ? { channel: "wechatpay", mode: "native" } : {}),
  };
}

/** The order center's Open API (OPEN-API.md "Order center"): every route, hostile ids, bodies and filters. */
export function orderCenterCase(random: Random, known: { orderNos: string[]; afterSaleIds: string[] }, app: TestApp): HttpCase {
  const orderNo = id(random, known.orderNos);
  const afterSaleId = id(random, known.afterSaleIds);
  const filter = pick(random, ["buyerId", "storeId", "scene", "type", "status", "sku", "placedFrom", "placedTo", "limit", "cursor", "nope"]);
  const [method, path, body] = pick(random, [
    ["POST", "/api/v1/orders", mangle(random, centerOrderBody(random), ORDER_CENTER_FIELDS)],
    ["POST", "/api/v1/orders", mangle(random, centerOrderBody(random), ORDER_CENTER_FIELDS)],
    ["GET", `/api/v1/orders/${orderNo}`, undefined],
    ["GET", `/api/v1/orders/by-source/${pick(random, HOSTILE_SEGMENTS)}`, undefined],
    ["GET", `/api/v1/orders?${query(random, filter)}`, undefined],
    ["POST", `/api/v1/orders/${orderNo}/transitions`, mangle(random, { to: "SHIPPED", carrier: "SF", trackingNo: "SF1" }, ["to", "carrier", "trackingNo", "note"])],
    ["POST", `/api/v1/orders/${orderNo}/cancel`, mangle(random, { reason: "fuzz" }, ["reason"])],
    ["POST", `/api/v1/orders/${orderNo}/after-sales`, mangle(random, { afterSaleNo: `FAS${Math.floor(random() * 1e6)}`, type: "return", amount: 1 }, ["afterSaleNo", "type", "amount", "lines", "reason"])],
    ["GET", `/api/v1/after-sales/${afterSaleId}`, undefined],
    ["POST", `/api/v1/after-sales/${afterSaleId}/${pick(random, ["approve", "reject"])}`, mangle(random, { reason: "fuzz" }, ["reason"])],
    ["POST", `/api/v1/orders/${orderNo}/split`, mangle(random, { parts: [{ lines: [{ sku: "SKU-1", quantity: 1 }] }] }, ["parts"])],
    ["POST", "/api/v1/shipments", mangle(random, { orderNos: [orderNo], carrier: "SF", trackingNo: "SF1" }, ["orderNos", "carrier", "trackingNo"])],
    ["GET", `/api/v1/orders/imports/${id(random, [])}`, undefined],
    ["POST", `/api/v1/buyers/${pick(random, ["U1", ...HOSTILE_SEGMENTS])}/portal-links`, mangle(random, {}, ["ttlSeconds", "x"])],
    ["POST", `/api/v1/orders/${orderNo}/trades`, mangle(random, tradeBody(random), TRADE_FIELDS)],
    ["POST", `/api/v1/orders/${orderNo}/trades`, mangle(random, tradeBody(random), TRADE_FIELDS)],
    ["GET", `/api/v1/trades/${pick(random, ["T20261203120000000AAAAAAAA", ...HOSTILE_SEGMENTS])}`, undefined],
  ] as const);
  const other = random() < 0.1 ? pick(random, METHODS) : method;
  const headers: Record<string, string> = { "content-type": random() < 0.9 ? "application/json" : pick(random, CONTENT_TYPES) };
  if (random() < 0.05) headers["idempotency-key"] = pick(random, ["", "k".repeat(300), `ok-${Math.floor(random() * 20)}`]);
  return { area: "order-center", method: other, path, headers, body: other === "GET" || other === "HEAD" ? undefined : body, signAs: app, envelope: true };
}

const TOP_UP_FIELDS = ["topUpNo", "amount", "extra"];
const GRANT_FIELDS = ["grantNo", "points", "reason", "extra"];
const COUPON_FIELDS = ["couponNo", "buyerId", "type", "value", "minSpend", "expiresAt", "extra"];

/** The trade center's buyer assets (OPEN-API.md "Trade center"): assets, top-ups, grants, coupons; hostile buyer ids, couponNos and bodies. */
export function buyerAssetsCase(random: Random, known: { couponNos: string[] }, app: TestApp): HttpCase {
  const buyer = pick(random, ["U1", "U2", ...HOSTILE_SEGMENTS]);
  const n = Math.floor(random() * 1e9);
  const [method, path, body] = pick(random, [
    ["GET", `/api/v1/buyers/${buyer}/assets`, undefined],
    ["POST", `/api/v1/buyers/${buyer}/wallet/top-ups`, mangle(random, { topUpNo: `FZT${n}`, amount: 100 }, TOP_UP_FIELDS)],
    ["POST", `/api/v1/buyers/${buyer}/points/grants`, mangle(random, { grantNo: `FZG${n}`, points: 10, reason: "fuzz" }, GRANT_FIELDS)],
    [
      "POST",
      "/api/v1/coupons",
      mangle(
        random,
        { couponNo: `FZC${n}`, buyerId: "U1", type: pick(random, ["amount_off", "percent_off"]), value: 10, minSpend: 0, expiresAt: new Date(Date.now() + 86_400_000).toISOString() },
        COUPON_FIELDS,
      ),
    ],
    ["GET", `/api/v1/coupons/${id(random, known.couponNos)}`, undefined],
  ] as const);
  const other = random() < 0.1 ? pick(random, METHODS) : method;
  const headers: Record<string, string> = { "content-type": random() < 0.9 ? "application/json" : pick(random, CONTENT_TYPES) };
  if (random() < 0.05) headers["idempotency-key"] = pick(random, ["", "k".repeat(300), `ok-${Math.floor(random() * 20)}`]);
  return { area: "open-api", method: other, path, headers, body: other === "GET" || other === "HEAD" ? undefined : body, signAs: app, envelope: true };
}
