import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createSign, createVerify } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChannelRejectedError, ChannelTimeoutError, ChannelUnavailableError } from "../errors";
import type { ChannelContext } from "../types";
import { callWechatpay } from "./client";
import { wechatpayPlugin } from "./index";
import type { WechatpayCredentials } from "./credentials";
import { LOOPBACK_ALLOWED } from "@/server/testing/outbound";
import { rsaKeyPair, testAccount } from "./fixtures/credentials";

/** The client against a scripted local server: signing, verification and how each failure is classed. */

const { credentials, merchantPublicKeyPem, channelPrivateKeyPem } = testAccount();
let respond: (req: IncomingMessage, res: ServerResponse) => void = () => {};
const server = createServer((req, res) => respond(req, res));
let ctx: ChannelContext<WechatpayCredentials>;

function signedHeaders(body: string, key = channelPrivateKeyPem) {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = "N0NCE";
  return {
    "Content-Type": "application/json",
    "Wechatpay-Timestamp": timestamp,
    "Wechatpay-Nonce": nonce,
    "Wechatpay-Serial": credentials.platformPublicKeyId,
    "Wechatpay-Signature": createSign("RSA-SHA256").update(`${timestamp}\n${nonce}\n${body}\n`).sign(key, "base64"),
  };
}

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/sandbox/wechatpay`;
  ctx = { channelAccountId: "ca", credentials, baseUrl, notifyUrl: "", refundNotifyUrl: "", timeoutMs: 300, outbound: LOOPBACK_ALLOWED };
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const query = () => callWechatpay(ctx, { method: "GET", path: "/v3/pay/transactions/out-trade-no/P1-1", params: { mchid: credentials.mchid } });

describe("wechatpay signed client", () => {
  it("signs METHOD, the full path with the base path and query, timestamp, nonce and body; verifies the answer", async () => {
    let authorization = "";
    let url = "";
    respond = (req, res) => {
      authorization = req.headers.authorization ?? "";
      url = req.url ?? "";
      const body = JSON.stringify({ ok: true });
      res.writeHead(200, signedHeaders(body)).end(body);
    };
    expect(await query()).toEqual({ ok: true });
    expect(url).toBe(`/api/sandbox/wechatpay/v3/pay/transactions/out-trade-no/P1-1?mchid=${credentials.mchid}`);
    const fields = Object.fromEntries([...authorization.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    expect(authorization).toMatch(/^WECHATPAY2-SHA256-RSA2048 /);
    expect(fields).toMatchObject({ mchid: credentials.mchid, serial_no: credentials.serialNo });
    const message = `GET\n${url}\n${fields.timestamp}\n${fields.nonce_str}\n\n`;
    expect(createVerify("RSA-SHA256").update(message).verify(merchantPublicKeyPem, fields.signature, "base64")).toBe(true);
  });

  it("treats an answer signed with another key as an unknown outcome", async () => {
    const otherKey = rsaKeyPair().privateKey;
    respond = (_req, res) => {
      const body = JSON.stringify({ code_url: "weixin://forged" });
      res.writeHead(200, signedHeaders(body, otherKey)).end(body);
    };
    await expect(query()).rejects.toMatchObject({ name: "ChannelTimeoutError", code: "EV3_RES_HEADER_SIGNATURE_DIGEST" });
  });

  it("classes a business error as rejected, with WeChat Pay's code", async () => {
    respond = (_req, res) => res.writeHead(404, { "Content-Type": "application/json" }).end('{"code":"ORDER_NOT_EXIST","message":"订单不存在"}');
    const error = await query().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChannelRejectedError);
    expect(error).toMatchObject({ code: "ORDER_NOT_EXIST", message: "WeChat Pay answered 404 ORDER_NOT_EXIST: 订单不存在" });
  });

  it("classes a 5xx as unavailable", async () => {
    respond = (_req, res) => res.writeHead(502).end("<html>bad gateway</html>");
    await expect(query()).rejects.toBeInstanceOf(ChannelUnavailableError);
  });

  it("times out within the call's budget when no answer comes", async () => {
    respond = () => {};
    const started = Date.now();
    await expect(query()).rejects.toBeInstanceOf(ChannelTimeoutError);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("times out when the answer starts but never ends (a budget for the whole call, not idle time)", async () => {
    respond = (_req, res) => {
      res.writeHead(200, { "Content-Type": "application/json" });
      const drip = setInterval(() => (res.destroyed ? clearInterval(drip) : res.write(" ")), 100);
    };
    await expect(query()).rejects.toBeInstanceOf(ChannelTimeoutError);
  });

  it("classes a refused connection as unavailable", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const call = callWechatpay({ ...ctx, baseUrl: `http://127.0.0.1:${port}` }, { method: "GET", path: "/v3/x" });
    await expect(call).rejects.toMatchObject({ name: "ChannelUnavailableError", code: "ECONNREFUSED" });
  });

  it("never connects where the SSRF guard refuses: unavailable, nothing sent", async () => {
    let reached = 0;
    respond = (_req, res) => {
      reached++;
      res.writeHead(500).end();
    };
    const call = callWechatpay({ ...ctx, outbound: { trustedOrigins: [], privateNetworks: [] } }, { method: "GET", path: "/v3/x" });
    await expect(call).rejects.toMatchObject({ name: "ChannelUnavailableError", code: "ERR_OUTBOUND_BLOCKED" });
    expect(reached).toBe(0);
  });
});

describe("pay data from a create answer (it reaches the consumer's browser)", () => {
  const order = (mode: "native" | "h5") => ({
    outTradeNo: "P1-1", amount: 100n, currency: "CNY" as const, subject: "x", expiresAt: new Date(Date.now() + 600_000), mode, payer: { clientIp: "203.0.113.7" },
  });
  const answering = (answer: object) => {
    respond = (_req, res) => {
      const body = JSON.stringify(answer);
      res.writeHead(200, signedHeaders(body)).end(body);
    };
  };

  it("takes an http(s) h5_url and a weixin: or http(s) code_url", async () => {
    answering({ h5_url: "https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb?prepay_id=wx1&package=2" });
    expect((await wechatpayPlugin.pay(ctx, order("h5"))).payData).toEqual({ type: "redirect", url: "https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb?prepay_id=wx1&package=2" });
    answering({ code_url: "weixin://wxpay/bizpayurl?pr=abc" });
    expect((await wechatpayPlugin.pay(ctx, order("native"))).payData).toEqual({ type: "qr_code", codeUrl: "weixin://wxpay/bizpayurl?pr=abc" });
  });

  it("refuses a script or other scheme, signed or not, as an unusable answer (outcome unknown: the order exists there)", async () => {
    for (const h5_url of ["javascript:alert(document.cookie)", "data:text/html,<script>alert(1)</script>", "java\nscript:alert(1)", "weixin://x", 42]) {
      answering({ h5_url });
      await expect(wechatpayPlugin.pay(ctx, order("h5")), String(h5_url)).rejects.toMatchObject({ name: "ChannelTimeoutError", code: "OUTCOME_UNKNOWN" });
    }
    answering({ code_url: "javascript:alert(1)" });
    await expect(wechatpayPlugin.pay(ctx, order("native"))).rejects.toMatchObject({ name: "ChannelTimeoutError", code: "OUTCOME_UNKNOWN" });
  });
});
