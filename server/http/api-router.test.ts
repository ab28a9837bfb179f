import { createServer, type Server } from "node:http";
import { type AddressInfo, connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiListener, apiRoute, createMatcher, hasMalformedEscape, type RouteModule } from "./api-router";
import { MAX_BRIDGED_BODY_BYTES } from "./node-bridge";

const module: RouteModule = {
  dynamic: "force-dynamic",
  GET: async (request: Request, { params }: { params: Promise<Record<string, unknown>> }) =>
    Response.json({ url: request.url, params: await params, nonce: request.headers.get("x-nonce") }, { headers: { "set-cookie": "a=1" } }),
  POST: async (request: Request) => new Response(await request.text(), { status: 201, headers: { "content-type": "text/plain" } }),
  DELETE: () => new Response(null, { status: 204 }),
};

const catchAll: RouteModule = { GET: async (_r: Request, { params }: { params: Promise<Record<string, unknown>> }) => Response.json({ catchAll: await params }) };

const routes = [
  apiRoute("app/api/v1/[[...path]]/route.ts", () => catchAll),
  apiRoute("app/api/v1/pay-orders/[payOrderNo]/route.ts", () => module),
  apiRoute("app/api/v1/pay-orders/export/route.ts", () => ({ GET: () => new Response("static") })),
  apiRoute("app/api/v1/boom/route.ts", () => ({ GET: () => Promise.reject(new Error("a bug")) })),
  apiRoute("app/api/sandbox/wechatpay/[...path]/route.ts", () => module),
  apiRoute("app/api/sandbox/alipay/gateway.do/route.ts", () => module),
];
const match = createMatcher(routes);

describe("matching a path to a route file", () => {
  it("decodes params, prefers static segments, then dynamic ones, then catch-alls", () => {
    expect(match("/api/v1/pay-orders/P%2012")?.params).toEqual({ payOrderNo: "P 12" });
    expect(match("/api/v1/pay-orders/export")?.route.file).toBe("app/api/v1/pay-orders/export/route.ts");
    expect(match("/api/v1/pay-orders/P1/close")?.route.file).toBe("app/api/v1/[[...path]]/route.ts");
    expect(match("/api/sandbox/wechatpay/v3/pay/transactions%2Fx")?.params).toEqual({ path: ["v3", "pay", "transactions/x"] });
    expect(match("/api/sandbox/alipay/gateway.do")?.params).toEqual({});
    expect([match("/api/sandbox/alipay/gatewayXdo"), match("/api/sandbox/wechatpay"), match("/api/v1x")]).toEqual([null, null, null]);
    expect([match("/api/v1")?.params, match("/api/v1/")?.params, match("/api/v1/a/b")?.params]).toEqual([{ path: [""] }, { path: [""] }, { path: ["a", "b"] }]);
  });

  it("leaves a segment that does not decode as sent, instead of throwing", () => {
    for (const raw of ["%ZZ", "%", "%E0%A4%A", "%C0%AF", "%FF%FE"]) {
      expect(match(`/api/v1/pay-orders/${raw}`)?.params, raw).toEqual({ payOrderNo: raw });
      expect(hasMalformedEscape(`/pay/${raw}`), raw).toBe(true);
    }
    expect(match("/api/v1/pay-orders/%00")?.params).toEqual({ payOrderNo: "\u0000" });
    expect(hasMalformedEscape("/pay/P%20%E4%BD%93")).toBe(false);
  });
});

describe("serving route handlers over node:http", () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer(apiListener(match, (_req, res) => res.writeHead(404).end("next")));
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

  it("answers HEAD with GET and OPTIONS with what is allowed, as Next.js does; another method 405 with Allow, in the envelope under /api/v1", async () => {
    const head = await fetch(`${base}/api/v1/pay-orders/P1`, { method: "HEAD" });
    expect([head.status, await head.text()]).toEqual([200, ""]);
    const options = await fetch(`${base}/api/v1/pay-orders/P1`, { method: "OPTIONS" });
    expect([options.status, options.headers.get("allow")]).toEqual([204, "DELETE, GET, HEAD, OPTIONS, POST"]);
    for (const method of ["PUT", "PATCH"]) {
      const refused = await fetch(`${base}/api/v1/pay-orders/P1`, { method, body: "{}" });
      const body = await refused.json();
      expect([refused.status, refused.headers.get("allow"), body.error.code], method).toEqual([405, "DELETE, GET, HEAD, OPTIONS, POST", "METHOD_NOT_ALLOWED"]);
      expect(body.requestId).toMatch(/^req_/);
    }
    const sandbox = await fetch(`${base}/api/sandbox/alipay/gateway.do`, { method: "PUT" });
    expect([sandbox.status, sandbox.headers.get("content-type"), sandbox.headers.get("allow")]).toEqual([405, "text/plain; charset=utf-8", "DELETE, GET, HEAD, OPTIONS, POST"]);
    const deleted = await fetch(`${base}/api/v1/pay-orders/P1`, { method: "DELETE" });
    expect([deleted.status, deleted.headers.get("content-length")]).toEqual([204, null]);
  });

  it("refuses a body over 1 MiB with the envelope, and reads on until the client is done, so it sees the answer instead of a reset", async () => {
    // a slow client: it reads the 413 first, only then sends its 3 MiB; every write must still land
    const { port } = server.address() as AddressInfo;
    const socket = connect(port, "127.0.0.1");
    const errors: string[] = [];
    socket.on("error", (error: NodeJS.ErrnoException) => errors.push(error.code ?? error.message));
    let answer = "";
    const answered = new Promise<void>((resolve) => socket.on("data", (chunk) => ((answer += chunk), answer.includes("}") && resolve())));
    const closed = new Promise<void>((resolve) => socket.on("close", () => resolve()));
    socket.write(`POST /api/v1/pay-orders/P1 HTTP/1.1\r\nHost: x\r\nContent-Length: ${3 * MAX_BRIDGED_BODY_BYTES}\r\n\r\n`);
    await answered;
    const chunk = Buffer.alloc(64 * 1024, "x");
    for (let sent = 0; sent < 3 * MAX_BRIDGED_BODY_BYTES && !errors.length; sent += chunk.length) {
      await new Promise<void>((resolve) => socket.write(chunk, () => resolve()));
    }
    await closed;
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(JSON.parse(answer.slice(answer.indexOf("{"))).error.code).toBe("PAYLOAD_TOO_LARGE");
    expect(errors).toEqual([]);

    const response = await fetch(`${base}/api/v1/pay-orders/P1`, { method: "POST", body: Buffer.alloc(2 * MAX_BRIDGED_BODY_BYTES, "x") });
    expect([response.status, (await response.json()).error.code]).toEqual([413, "PAYLOAD_TOO_LARGE"]);
  });

  it("answers 404 with the envelope for an unknown /api/v1 path, 400 for a path that does not decode, 500 for a handler's bug — and goes on serving", async () => {
    expect((await fetch(`${base}/api/v1/nope`)).status).toBe(200); // the catch-all route of this test answers
    for (const raw of ["%ZZ", "%", "%E0%A4%A", "%C0%AF", "%FF%FE"]) {
      expect((await fetch(`${base}/pay/${raw}`)).status, raw).toBe(400);
      expect((await (await fetch(`${base}/api/v1/pay-orders/${raw}`)).json()).params, raw).toEqual({ payOrderNo: raw });
    }
    // a Host header that makes no URL is the client's problem, not a 500
    const { port } = server.address() as AddressInfo;
    const raw = await new Promise<string>((resolve) => {
      const socket = connect(port, "127.0.0.1", () => socket.end("GET /api/v1/pay-orders/P1 HTTP/1.1\r\nHost: a b[\r\nConnection: close\r\n\r\n"));
      let text = "";
      socket.on("data", (chunk) => (text += chunk)).on("close", () => resolve(text));
    });
    expect(raw).toMatch(/^HTTP\/1\.1 200 /);
    const star = await new Promise<string>((resolve) => {
      const socket = connect(port, "127.0.0.1", () => socket.end("OPTIONS * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
      let text = "";
      socket.on("data", (chunk) => (text += chunk)).on("close", () => resolve(text));
    });
    expect(star).toMatch(/^HTTP\/1\.1 400 /);
    const bug = await fetch(`${base}/api/v1/boom`);
    expect([bug.status, (await bug.json()).error.code]).toEqual([500, "INTERNAL_ERROR"]);
    expect((await fetch(`${base}/elsewhere`)).status).toBe(404);
  });
});

describe("what the listener answers before handing a request on", () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    // the fallback stands in for Next.js: it echoes the body it receives
    const fallback = async (req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      res.writeHead(200, { "content-type": "text/plain" }).end(Buffer.concat(chunks));
    };
    server = createServer(apiListener(match, fallback, { servedElsewhere: (pathname) => pathname.startsWith("/api/trpc/") }));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it("answers an /api path no route file names with the envelope's 404, and hands on the ones Next.js serves", async () => {
    for (const path of ["/api/nope", "/api", "/api/merchants/%ZZ/licence"]) {
      const response = await fetch(`${base}${path}`, { method: "POST", body: "x" });
      expect([response.status, (await response.json()).error.code], path).toEqual([404, "NOT_FOUND"]);
    }
    expect((await fetch(`${base}/api/notify/x`)).headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect((await fetch(`${base}/api/trpc/viewer.me`)).status).toBe(200);
  });

  it("answers a form POST to a page whose multipart body does not parse 400, and hands a good one on with its body intact", async () => {
    const bad = await fetch(`${base}/pay/P1`, { method: "POST", headers: { "content-type": "multipart/form-data; boundary=x" }, body: "garbage" });
    expect(bad.status).toBe(400);
    const form = new FormData();
    form.set("name", "体".repeat(20_000));
    form.set("file", new Blob([new Uint8Array(200_000).fill(7)]), "a.bin");
    const request = new Request(`${base}/pay/P1`, { method: "POST", body: form });
    const sent = Buffer.from(await request.clone().arrayBuffer());
    const good = await fetch(request);
    expect(good.status).toBe(200);
    expect(Buffer.from(await good.arrayBuffer()).equals(sent)).toBe(true);
    expect((await fetch(`${base}/pay/P1`, { method: "POST", headers: { "content-type": "multipart/form-data; boundary=x" }, body: "x".repeat(2 * 1024 * 1024) })).status).toBe(413);
    expect((await fetch(`${base}/pay/P1`, { method: "POST", body: "plain" })).status).toBe(200);
  });
});
