import { createSign } from "node:crypto";
import { once } from "node:events";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { checkTradeMatches } from "@/server/services/payments/check-trade-matches";
import { ChannelRejectedError, ChannelTimeoutError, ChannelUnavailableError } from "../errors";
import type { ChannelPlugin } from "../types";
import { callAlipay } from "./client";
import { alipayPlugin } from "./index";
import { alipayTestParties, rsaKeyPair } from "./fixtures/keys";

// How each kind of gateway answer (or its absence) reaches the core, against a scripted gateway.

const { alipay, ctx: baseCtx } = alipayTestParties();
const stranger = rsaKeyPair();
let ctx = baseCtx;
let script: (response: ServerResponse) => void = () => {};
const server = createServer((request, response) => {
  request.resume();
  request.on("end", () => script(response));
});

function signedBody(answer: object, privateKeyPem = alipay.privateKey): string {
  const inner = JSON.stringify(answer);
  const sign = createSign("RSA-SHA256").update(inner, "utf8").sign(privateKeyPem, "base64");
  return `{"alipay_trade_query_response":${inner},"sign":"${sign}"}`;
}

function answer(status: number, body: string) {
  script = (response) => response.writeHead(status, { "content-type": "application/json" }).end(body);
}

const query = (context = ctx) => callAlipay(context, "alipay.trade.query", { out_trade_no: "O1" }, z.object({ trade_status: z.string() }));

beforeAll(async () => {
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  ctx = { ...baseCtx, baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/gateway.do`, timeoutMs: 300 };
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe("alipay gateway calls", () => {
  it("resolve with a verified answer", async () => {
    answer(200, signedBody({ code: "10000", msg: "Success", trade_status: "TRADE_SUCCESS" }));
    await expect(query()).resolves.toEqual({ trade_status: "TRADE_SUCCESS" });
  });

  it("reject a business refusal with its sub_code", async () => {
    answer(200, signedBody({ code: "40004", msg: "Business Failed", sub_code: "ACQ.TRADE_NOT_EXIST", sub_msg: "交易不存在" }));
    await expect(query()).rejects.toMatchObject({ constructor: ChannelRejectedError, code: "ACQ.TRADE_NOT_EXIST" });
  });

  it("leave the outcome open on a system error (20000)", async () => {
    answer(200, signedBody({ code: "20000", msg: "Service Currently Unavailable", sub_code: "isp.unknow-error", sub_msg: "系统繁忙" }));
    await expect(query()).rejects.toMatchObject({ constructor: ChannelTimeoutError, code: "isp.unknow-error" });
  });

  it("leave the outcome open on an answer signed by someone else, or unreadable", async () => {
    answer(200, signedBody({ code: "10000", msg: "Success", trade_status: "TRADE_SUCCESS" }, stranger.privateKey));
    await expect(query()).rejects.toMatchObject({ constructor: ChannelTimeoutError, code: "OUTCOME_UNKNOWN" });
    answer(200, signedBody({ code: "10000", msg: "Success" }));
    await expect(query()).rejects.toMatchObject({ constructor: ChannelTimeoutError, code: "OUTCOME_UNKNOWN" });
  });

  it("are unavailable on a 5xx, and on a connection refused", async () => {
    answer(502, "Bad Gateway");
    await expect(query()).rejects.toBeInstanceOf(ChannelUnavailableError);
    const refused = { ...ctx, baseUrl: "http://127.0.0.1:1/gateway.do" };
    await expect(callAlipay(refused, "alipay.trade.query", {}, z.object({}))).rejects.toMatchObject({ constructor: ChannelUnavailableError, code: "ECONNREFUSED" });
  });

  it("never connect where the SSRF guard refuses (a private base URL, or a redirect into one): unavailable, nothing sent", async () => {
    let reached = 0;
    script = (res) => {
      reached++;
      res.writeHead(200).end("{}");
    };
    const publicOnly = { ...ctx, outbound: { trustedOrigins: [], privateNetworks: [] } };
    await expect(query(publicOnly)).rejects.toMatchObject({ constructor: ChannelUnavailableError, code: "ERR_OUTBOUND_BLOCKED" });
    expect(reached).toBe(0);

    // the gateway's own origin is allowed, the hop it redirects to is not
    const gateway = new URL(ctx.baseUrl);
    script = (res) => {
      reached++;
      res.writeHead(307, { location: `http://127.0.0.1:${gateway.port}/inside` }).end();
    };
    const redirected = { ...ctx, baseUrl: `http://localhost:${gateway.port}/gateway.do`, outbound: { trustedOrigins: [`localhost:${gateway.port}`], privateNetworks: [] } };
    await expect(query(redirected)).rejects.toMatchObject({ constructor: ChannelUnavailableError, code: "ERR_OUTBOUND_BLOCKED" });
    expect(reached).toBe(1);
  });

  it("time out when the gateway does not answer in time", async () => {
    script = () => {};
    await expect(query()).rejects.toMatchObject({ constructor: ChannelTimeoutError, code: "TIMEOUT" });
  });
});

describe("pay data the alipay plugin hands to the consumer's browser", () => {
  const order = (mode: "qr" | "pc") => ({ outTradeNo: "P1-1", amount: 100n, currency: "CNY" as const, subject: "x", expiresAt: new Date(Date.now() + 600_000), mode });
  const precreateAnswer = (qr_code: string) => {
    const inner = JSON.stringify({ code: "10000", msg: "Success", out_trade_no: "P1-1", qr_code });
    const sign = createSign("RSA-SHA256").update(inner, "utf8").sign(alipay.privateKey, "base64");
    answer(200, `{"alipay_trade_precreate_response":${inner},"sign":"${sign}"}`);
  };

  it("takes an http(s) qr_code, and refuses any other scheme even when signed", async () => {
    precreateAnswer("https://qr.alipay.com/bax01234");
    expect((await alipayPlugin.pay(ctx, order("qr"))).payData).toEqual({ type: "qr_code", codeUrl: "https://qr.alipay.com/bax01234" });
    precreateAnswer("javascript:alert(1)");
    await expect(alipayPlugin.pay(ctx, order("qr"))).rejects.toMatchObject({ constructor: ChannelTimeoutError, code: "OUTCOME_UNKNOWN" });
  });

  it("never builds a page.pay redirect on a base URL that is not http(s)", async () => {
    await expect(alipayPlugin.pay({ ...ctx, baseUrl: "javascript:alert(1)//" }, order("pc"))).rejects.toMatchObject({ constructor: ChannelUnavailableError, code: "UNSAFE_PAY_URL" });
    expect((await alipayPlugin.pay(ctx, order("pc"))).payData).toMatchObject({ type: "redirect", url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/gateway\.do\?/) });
  });
});

describe("alipay query and the seller check", () => {
  const SELLER = "2088102146225135";
  const queryAnswer = (extra: object) => {
    const inner = JSON.stringify({ code: "10000", msg: "Success", trade_no: "2026112222001", out_trade_no: "P1-1", trade_status: "TRADE_SUCCESS", total_amount: "1.00", ...extra });
    const sign = createSign("RSA-SHA256").update(inner, "utf8").sign(alipay.privateKey, "base64");
    answer(200, `{"alipay_trade_query_response":${inner},"sign":"${sign}"}`);
  };
  const ours = () => ({ ...ctx, credentials: { ...ctx.credentials, sellerId: SELLER } });
  const payment = { attemptNo: "P1-1", amount: 100n, currency: "CNY" };

  it("names no seller as Alipay answers (the answer is about the caller's own trade): nothing to hold against it", async () => {
    queryAnswer({ buyer_logon_id: "san***@sandbox.com", invoice_amount: "1.00" });
    const trade = await alipayPlugin.query(ours(), "P1-1");
    expect(trade.channelMchId).toBeUndefined();
    expect(checkTradeMatches(alipayPlugin as ChannelPlugin<unknown>, ours().credentials, payment, trade)).toBeNull();
  });

  it("reports a seller_id should one come, and the core refuses another seller's", async () => {
    queryAnswer({ seller_id: "2088000000000001" });
    const trade = await alipayPlugin.query(ours(), "P1-1");
    expect(trade.channelMchId).toBe("2088000000000001");
    expect(checkTradeMatches(alipayPlugin as ChannelPlugin<unknown>, ours().credentials, payment, trade)).toBe("merchant 2088000000000001 is not ours");
    queryAnswer({ seller_id: SELLER });
    expect(checkTradeMatches(alipayPlugin as ChannelPlugin<unknown>, ours().credentials, payment, await alipayPlugin.query(ours(), "P1-1"))).toBeNull();
  });
});
