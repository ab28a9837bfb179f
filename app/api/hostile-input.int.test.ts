import { randomUUID } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { db } from "@/server/db";
import { sign, stringToSign } from "@/server/domain/open-api-signature";
import { callerAs, outcome } from "@/server/testing/callers";
import { useDemoPaymentEnv } from "@/server/testing/demo-payment-env";
import { DEMO_APP } from "@/server/testing/open-api-client";
import { sandboxMerchantFor, sandboxPaymentNotification } from "@/server/testing/payment-fixtures";
import { settleTrade } from "@/server/sandbox/trades";

/**
 * The hostile requests of issue #13 (items 3, 4, 5, 8), each answered with a documented 4xx — never a
 * 500, never a partial write. The broad random sweep is open-api-fuzz.int.test.ts; this file pins
 * the exact cases.
 */
const session = vi.hoisted(() => ({ user: null as null | { id: string; email: string; name: string; platformRole: "ADMIN" | null } }));
vi.mock("@/server/auth/session", () => ({ getSessionUser: async () => session.user }));

const env = useDemoPaymentEnv();
const MALFORMED = ["%ZZ", "%", "%E0%A4%A", "%C0%AF", "%FF%FE"];

/** A signed Open API call with the raw path, body and headers given (the test client's, but nothing normalised). */
async function signed(method: string, path: string, body = "", headers: Record<string, string> = {}) {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = randomUUID().replaceAll("-", "");
  const response = await fetch(`${env.harness.url}${path}`, {
    method,
    body: method === "GET" || method === "HEAD" ? undefined : body,
    headers: {
      "content-type": "application/json",
      "x-app-id": DEMO_APP.id,
      "x-timestamp": timestamp,
      "x-nonce": nonce,
      "x-signature": sign(DEMO_APP.secret, stringToSign(method, path, timestamp, nonce, body)),
      ...headers,
    },
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text.startsWith("{") ? JSON.parse(text) : null, text };
}

const envelope = (r: { status: number; json: { error?: { code?: string; field?: string } } | null }) => [r.status, r.json?.error?.code, r.json?.error?.field];
let counter = 0;
const order = (over: Record<string, unknown> = {}) => ({ mchOrderNo: `HI${Date.now()}${counter++}`, amount: 100, subject: "hostile", ...over });

describe("ids that name nothing: 404 before any query", () => {
  it("answers NUL, half-decoded escapes and 70-digit ids with *_NOT_FOUND on every route that takes one", async () => {
    const P70 = `P${"1".repeat(69)}`;
    for (const id of ["%00", ...MALFORMED, P70, "P20261122103000123K7M2Q9X%00"]) {
      expect(envelope(await signed("GET", `/api/v1/pay-orders/${id}`)), id).toEqual([404, "ORDER_NOT_FOUND", undefined]);
      expect(envelope(await signed("POST", `/api/v1/pay-orders/${id}/close`)), id).toEqual([404, "ORDER_NOT_FOUND", undefined]);
      expect(envelope(await signed("GET", `/api/v1/refunds/${id}`)), id).toEqual([404, "REFUND_NOT_FOUND", undefined]);
      expect(envelope(await signed("POST", `/api/v1/sandbox/pay-orders/${id}/simulate`, '{"outcome":"success"}')), id).toEqual([404, "ORDER_NOT_FOUND", undefined]);
      expect(envelope(await signed("POST", `/api/v1/sandbox/refunds/${id}/simulate`, '{"outcome":"success"}')), id).toEqual([404, "REFUND_NOT_FOUND", undefined]);
      expect(envelope(await signed("GET", `/api/v1/pay-orders?mchOrderNo=${id}`)), id).toEqual([404, "ORDER_NOT_FOUND", undefined]);
      expect(envelope(await signed("GET", `/api/v1/refunds?mchRefundNo=${id}`)), id).toEqual([404, "REFUND_NOT_FOUND", undefined]);
    }
  });

  it("answers a refund of an order that does not exist 404 ORDER_NOT_FOUND, well-formed or not", async () => {
    for (const payOrderNo of ["nope", "P20261122103000123K7M2Q9XT"]) {
      const refused = await signed("POST", "/api/v1/refunds", JSON.stringify({ payOrderNo, mchRefundNo: `R${counter++}`, amount: 1 }));
      expect(envelope(refused), payOrderNo).toEqual([404, "ORDER_NOT_FOUND", "payOrderNo"]);
    }
  });
});

describe("the envelope on every /api/v1 answer", () => {
  it("404 for an unknown path, signed or not; 405 with Allow for a method a route lacks", async () => {
    expect(envelope(await signed("GET", "/api/v1/nope"))).toEqual([404, "NOT_FOUND", undefined]);
    const unsigned = await fetch(`${env.harness.url}/api/v1/pay-orders/P1/nope/deeper`, { method: "DELETE" });
    expect([unsigned.status, (await unsigned.json()).error.code]).toEqual([404, "NOT_FOUND"]);
    for (const method of ["PUT", "DELETE", "PATCH"]) {
      const refused = await signed(method, "/api/v1/pay-orders", "{}");
      expect([...envelope(refused), refused.headers.get("allow")], method).toEqual([405, "METHOD_NOT_ALLOWED", undefined, "GET, HEAD, OPTIONS, POST"]);
      expect(refused.json.requestId).toMatch(/^req_/);
    }
  });

  it("413 for a body over the limit, before or after the router's 1 MiB", async () => {
    for (const size of [100 * 1024, 2 * 1024 * 1024]) {
      const refused = await signed("POST", "/api/v1/pay-orders", JSON.stringify(order({ description: "x".repeat(size) })));
      expect(envelope(refused), String(size)).toEqual([413, "PAYLOAD_TOO_LARGE", undefined]);
    }
  });

  it("415 for a body that is not application/json in UTF-8; JSON with a UTF-8 charset is fine", async () => {
    const before = await db.payOrder.count();
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml", "application/json; charset=latin1", "application/jsonx", ""]) {
      const refused = await signed("POST", "/api/v1/pay-orders", JSON.stringify(order()), { "content-type": type });
      expect(envelope(refused), type).toEqual([415, "UNSUPPORTED_MEDIA_TYPE", undefined]);
    }
    expect(await db.payOrder.count()).toBe(before);
    const accepted = await signed("POST", "/api/v1/pay-orders", JSON.stringify(order()), { "content-type": "application/json; charset=UTF-8" });
    expect(accepted.status).toBe(201);
    // a POST without a body (close) needs no Content-Type
    expect((await signed("POST", `/api/v1/pay-orders/${accepted.json.payOrderNo}/close`, "", { "content-type": "" })).status).toBe(200);
  });

  it("keeps idempotent replays working", async () => {
    const body = JSON.stringify(order());
    const first = await signed("POST", "/api/v1/pay-orders", body, { "idempotency-key": `k-${counter}` });
    const again = await signed("POST", "/api/v1/pay-orders", body, { "idempotency-key": `k-${counter}` });
    expect([first.status, again.status, again.headers.get("idempotent-replayed"), again.json.payOrderNo]).toEqual([201, 201, "true", first.json.payOrderNo]);
  });
});

describe("strings PostgreSQL cannot store as sent", () => {
  it("refuses reserved metadata names, NUL and lone surrogates by field, and stores nothing", async () => {
    const before = await db.payOrder.count();
    const cases: [string, string][] = [
      ['"metadata":{"__proto__":{"admin":"1"}}', "metadata.__proto__"],
      ['"metadata":{"constructor":"x"}', "metadata.constructor"],
      ['"metadata":{"prototype":"x"}', "metadata.prototype"],
      ['"metadata":{"k":"\\ud800"}', "metadata.k"],
      ['"subject":"sofa\\ud83d"', "subject"],
      ['"subject":"\\udc00"', "subject"],
      ['"subject":"a\\u0000b"', "subject"],
      ['"description":"\\u0000"', "description"],
      ['"notifyUrl":"https://mall.example/\\ud800"', "notifyUrl"],
      ['"payer":{"openid":"o\\udfff"},"mode":"jsapi"', "payer.openid"],
    ];
    for (const [fields, field] of cases) {
      // a repeated key wins in JSON.parse: the hostile field replaces the valid one
      const refused = await signed("POST", "/api/v1/pay-orders", `${JSON.stringify(order()).slice(0, -1)},${fields}}`);
      expect(envelope(refused), fields).toEqual([400, "VALIDATION_FAILED", field]);
    }
    expect(await db.payOrder.count()).toBe(before);
  });
});

describe("channel callbacks from anyone", () => {
  const notify = (path: string, body: BodyInit, headers: Record<string, string> = {}) =>
    fetch(`${env.harness.url}${path}`, { method: "POST", body, headers: { "content-type": "application/json", ...headers } });

  it("stores nothing for an account id that names no account, and answers 404", async () => {
    const before = await db.channelNotification.count();
    for (const id of ["%00", ...MALFORMED, randomUUID(), "x".repeat(200)]) {
      for (const path of [`/api/notify/wechatpay/${id}`, `/api/notify/wechatpay/${id}/refund`, `/api/notify/alipay/${id}`]) {
        const response = await notify(path, "x".repeat(60_000));
        expect(response.status, path).toBe(404);
      }
    }
    expect(await db.channelNotification.count()).toBe(before);
  });

  it("refuses a body that is not text (invalid UTF-8, NUL) without a 500, keeping a record without it", async () => {
    const account = await db.channelAccount.findFirstOrThrow({ where: { appId: DEMO_APP.id, channel: "wechatpay" } });
    for (const body of [new Uint8Array([0xff, 0xfe, 0x7b, 0x7d]), new Uint8Array([0x7b, 0x00, 0x7d]), "{\"a\":\"\u0000\"}"]) {
      const response = await notify(`/api/notify/wechatpay/${account.id}`, body);
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
    }
    const stored = await db.channelNotification.findMany({ where: { channelAccountId: account.id }, orderBy: { id: "desc" }, take: 3 });
    expect(stored.map((n) => n.result)).toEqual(["INVALID_SIGNATURE", "INVALID_SIGNATURE", "INVALID_SIGNATURE"]);
    expect(stored.filter((n) => n.body === "").length).toBeGreaterThanOrEqual(2);
  });

  it("caps what a forged callback writes, stores later ones bare past the account's budget, and still takes the genuine one whole", async () => {
    const created = await env.api("/api/v1/pay-orders", { body: order({ channel: "wechatpay", mode: "native" }) });
    const attemptNo = `${created.json.payOrderNo}-1`;
    const merchant = await sandboxMerchantFor(DEMO_APP.id, "wechatpay");
    const trade = await db.sandboxTrade.findFirstOrThrow({ where: { sandboxMerchantId: merchant.id, outTradeNo: attemptNo } });
    await settleTrade(trade.id, "success");
    const genuine = await sandboxPaymentNotification(DEMO_APP.id, "wechatpay", attemptNo);
    const path = new URL(genuine.url).pathname;

    const big = await notify(path, "y".repeat(200_000), { "x-junk": "z".repeat(8000) });
    expect(big.status).toBeGreaterThanOrEqual(400);
    // (by content, not "the latest row": the sandbox's own callback for the trade may land at any moment)
    const bigRow = await db.channelNotification.findFirstOrThrow({ where: { body: { startsWith: "yyyy" } }, orderBy: { id: "desc" } });
    expect(bigRow.body.length).toBe(16 * 1024);
    expect(((bigRow.headers as Record<string, string>)["x-junk"] ?? "").length).toBe(1024);

    for (let i = 0; i < 110; i++) await notify(path, `{"forged":${i}}`);
    const last = await db.channelNotification.findFirstOrThrow({ where: { result: { not: "ACCEPTED" } }, orderBy: { id: "desc" } });
    expect([last.result, last.body, last.headers]).toEqual(["INVALID_SIGNATURE", "", {}]);

    const accepted = await fetch(genuine.url, { method: "POST", headers: genuine.headers, body: genuine.body });
    expect(accepted.status).toBeLessThan(300);
    // (the sandbox's own callback for the trade may land too: it is accepted as well)
    const kept = await db.channelNotification.findMany({ where: { attemptNo, result: "ACCEPTED" } });
    expect(kept.map((n) => n.body)).toContain(genuine.body);
  });
});

describe("tRPC and the console's routes", () => {
  it("answers NUL in the cashier's, the orders' and the refunds' inputs 400, never 500", async () => {
    const visitor = await callerAs(null);
    expect(await outcome(visitor.cashier.order({ payOrderNo: "P\u0000" }))).toBe("BAD_REQUEST");
    expect(await outcome(visitor.cashier.order({ payOrderNo: "P20261122103000123K7M2Q9X\ud800" }))).toBe("BAD_REQUEST");
    expect(await outcome(visitor.cashier.order({ payOrderNo: `P${"1".repeat(30)}` }))).toBe("NOT_FOUND");
    const owner = await callerAs("owner@demo.local");
    expect(await outcome(owner.payOrders.detail({ mchNo: "M10000001", payOrderNo: "P\u0000" }))).toBe("BAD_REQUEST");
    expect(await outcome(owner.payOrders.detail({ mchNo: "M10000001", payOrderNo: "%ZZ" }))).toBe("NOT_FOUND");
    expect(await outcome(owner.payOrders.list({ mchNo: "M10000001", q: "a\u0000" }))).toBe("BAD_REQUEST");
    expect(await outcome(owner.refunds.list({ mchNo: "M10000001", q: "\u0000" }))).toBe("BAD_REQUEST");
    expect(await outcome(owner.payOrders.list({ mchNo: "M10000001", cursor: Buffer.from("2026-01-01T00:00:00Z|\u0000").toString("base64url") }))).toBe("OK");
    const admin = await callerAs("admin@paycenter.local");
    expect(await outcome(admin.admin.callback({ id: "abc" }))).toBe("NOT_FOUND");
  });

  it("answers the licence routes for a merchant number that names nothing 404 with the envelope", async () => {
    const { GET, POST } = await import("@/app/api/merchants/[mchNo]/licence/route");
    const owner = await db.user.findUniqueOrThrow({ where: { email: "owner@demo.local" } });
    session.user = { id: owner.id, email: owner.email, name: owner.name, platformRole: null };
    try {
      for (const mchNo of ["\u0000", "%ZZ", "M1\ud800", "x".repeat(100)]) {
        const read = await GET(new Request("http://test/api/merchants/x/licence"), { params: Promise.resolve({ mchNo }) });
        expect([read.status, (await read.json()).error.code], mchNo).toEqual([404, "NOT_FOUND"]);
        const upload = await POST(new Request("http://test/api/merchants/x/licence", { method: "POST", body: "x" }), { params: Promise.resolve({ mchNo }) });
        expect(upload.status, mchNo).toBe(404);
      }
    } finally {
      session.user = null;
    }
  });
});
