import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiRoute, createMatcher, MAX_BRIDGED_BODY_BYTES, type RouteModule, serveRoute } from "./api-router";

const module: RouteModule = {
  dynamic: "force-dynamic",
  GET: async (request: Request, { params }: { params: Promise<Record<string, unknown>> }) =>
    Response.json({ url: request.url, params: await params, nonce: request.headers.get("x-nonce") }, { headers: { "set-cookie": "a=1" } }),
  POST: async (request: Request) => new Response(await request.text(), { status: 201, headers: { "content-type": "text/plain" } }),
  DELETE: () => new Response(null, { status: 204 }),
};

const routes = [
  apiRoute("app/api/v1/pay-orders/[payOrderNo]/route.ts", () => module),
  apiRoute("app/api/v1/pay-orders/export/route.ts", () => ({ GET: () => new Response("static") })),
  apiRoute("app/api/sandbox/wechatpay/[...path]/route.ts", () => module),
  apiRoute("app/api/sandbox/alipay/gateway.do/route.ts", () => module),
];
const match = createMatcher(routes);

describe("matching a path to a route file", () => {
  it("decodes params, prefers static segments and splits catch-alls", () => {
    expect(match("/api/v1/pay-orders/P%2012")?.params).toEqual({ payOrderNo: "P 12" });
    expect(match("/api/v1/pay-orders/export")?.route.file).toBe("app/api/v1/pay-orders/export/route.ts");
    expect(match("/api/sandbox/wechatpay/v3/pay/transactions%2Fx")?.params).toEqual({ path: ["v3", "pay", "transactions/x"] });
    expect(match("/api/sandbox/alipay/gateway.do")?.params).toEqual({});
    expect([match("/api/sandbox/alipay/gatewayXdo"), match("/api/v1/pay-orders/P1/"), match("/api/v1/pay-orders")]).toEqual([null, null, null]);
  });
});

describe("serving a route handler over node:http", () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      const found = match((req.url ?? "/").split("?")[0]);
      if (found) void serveRoute(req, res, found);
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it("hands the handler a Web Request (URL, headers, params) and writes its Response", async () => {
    const response = await fetch(`${base}/api/v1/pay-orders/P1?sync=true`, { headers: { "X-Nonce": "n1" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("set-cookie")).toBe("a=1");
    expect(await response.json()).toEqual({ url: `${base}/api/v1/pay-orders/P1?sync=true`, params: { payOrderNo: "P1" }, nonce: "n1" });
    const posted = await fetch(`${base}/api/v1/pay-orders/P1`, { method: "POST", body: "体" });
    expect([posted.status, await posted.text(), posted.headers.get("content-length")]).toEqual([201, "体", "3"]);
  });

  it("answers HEAD with GET, OPTIONS with what is allowed, other methods 405, as Next.js does", async () => {
    const head = await fetch(`${base}/api/v1/pay-orders/P1`, { method: "HEAD" });
    expect([head.status, await head.text()]).toEqual([200, ""]);
    const options = await fetch(`${base}/api/v1/pay-orders/P1`, { method: "OPTIONS" });
    expect([options.status, options.headers.get("allow")]).toEqual([204, "DELETE, GET, HEAD, OPTIONS, POST"]);
    expect((await fetch(`${base}/api/v1/pay-orders/P1`, { method: "PUT" })).status).toBe(405);
    const deleted = await fetch(`${base}/api/v1/pay-orders/P1`, { method: "DELETE" });
    expect([deleted.status, deleted.headers.get("content-length")]).toEqual([204, null]);
  });

  it("refuses a body larger than any handler accepts before running it", async () => {
    const response = await fetch(`${base}/api/v1/pay-orders/P1`, { method: "POST", body: "x".repeat(MAX_BRIDGED_BODY_BYTES + 1) });
    expect(response.status).toBe(413);
  });
});
