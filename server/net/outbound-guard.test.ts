import { createServer, get as httpGet, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fetch } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blockedReason, checkOutboundUrl, guardedDispatcher, guardedNodeAgents, type OutboundPolicy } from "./outbound-guard";

/** A server on loopback that records who called, and how it was addressed. */
let server: Server;
let port: number;
const hits: { host: string | undefined; url: string | undefined }[] = [];

beforeAll(async () => {
  server = createServer((request: IncomingMessage, response) => {
    hits.push({ host: request.headers.host, url: request.url });
    if (request.url === "/redirect") {
      response.writeHead(302, { location: `http://127.0.0.1:${port}/inside` }).end();
      return;
    }
    response.writeHead(200, { "content-type": "text/plain" }).end("reached");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const PUBLIC_ONLY: OutboundPolicy = { trustedOrigins: [], privateNetworks: [] };
const LOOPBACK: OutboundPolicy = { trustedOrigins: [], privateNetworks: ["127.0.0.0/8", "::1/128"] };
/** A DNS server that answers `answers` in turn (the last one from then on). */
function dns(...answers: string[][]): OutboundPolicy["resolve"] {
  let call = 0;
  return async () => answers[Math.min(call++, answers.length - 1)];
}

async function hitsDuring(action: () => Promise<unknown>): Promise<number> {
  const before = hits.length;
  await action().catch(() => undefined);
  return hits.length - before;
}

describe("checking a URL", () => {
  it("refuses every spelling of a loopback, private or metadata host", async () => {
    for (const url of [
      "http://127.0.0.1/", "http://2130706433/", "http://0x7f000001/", "http://0x7f.0.0.1/", "http://0177.0.0.1/", "http://017700000001/", "http://127.1/",
      "http://0.0.0.0/", "http://0/", "http://[::]/", "http://[::1]/", "http://[::ffff:127.0.0.1]/", "http://[0:0:0:0:0:ffff:7f00:1]/", "http://[::ffff:a9fe:a9fe]/",
      "http://169.254.169.254/latest/meta-data/", "http://[fd00:ec2::254]/", "http://100.100.100.200/", "http://[64:ff9b::a9fe:a9fe]/", "http://10.0.0.8:8080/",
      "http://localhost/", "http://LOCALHOST:8080/", "http://user:pass@127.0.0.1/",
    ]) {
      expect(await checkOutboundUrl(url, PUBLIC_ONLY), url).toBe("the host resolves to a private or loopback address");
    }
  });

  it("refuses other schemes, and names that do not resolve", async () => {
    for (const url of ["javascript:alert(1)", "file:///etc/passwd", "ftp://8.8.8.8/", "gopher://8.8.8.8/"]) expect(await checkOutboundUrl(url, PUBLIC_ONLY), url).toBe("only http and https");
    expect(await checkOutboundUrl("not a url", PUBLIC_ONLY)).toBe("not a URL");
    expect(await checkOutboundUrl("http://nowhere.invalid/", PUBLIC_ONLY)).toBe("the host does not resolve");
  });

  it("refuses a name if any of its addresses is private, and accepts public ones", async () => {
    expect(await checkOutboundUrl("https://mixed.example/", { ...PUBLIC_ONLY, resolve: dns(["93.184.216.34", "10.0.0.1"]) })).toMatch(/private/);
    expect(await checkOutboundUrl("https://public.example/", { ...PUBLIC_ONLY, resolve: dns(["93.184.216.34", "2606:2800:220:1::1"]) })).toBeNull();
    expect(await checkOutboundUrl("https://8.8.8.8/hook", PUBLIC_ONLY)).toBeNull();
  });

  it("lets through the operator's networks and PayCenter's own origin", async () => {
    expect(await checkOutboundUrl(`http://127.0.0.1:${port}/`, LOOPBACK)).toBeNull();
    expect(await checkOutboundUrl("http://[::ffff:127.0.0.1]/", LOOPBACK)).toBeNull();
    expect(await checkOutboundUrl("http://10.0.0.8/", LOOPBACK)).toMatch(/private/);
    expect(await checkOutboundUrl("http://169.254.169.254/", LOOPBACK)).toMatch(/private/);
    const own: OutboundPolicy = { trustedOrigins: ["localhost:3000"], privateNetworks: [] };
    expect(await checkOutboundUrl("http://localhost:3000/api/sandbox/alipay/gateway.do", own)).toBeNull();
    expect(await checkOutboundUrl("http://localhost:3001/", own)).toMatch(/private/);
  });
});

describe("connecting (undici: webhooks, alipay-sdk)", () => {
  const post = (url: string, policy: OutboundPolicy, redirect: "manual" | "follow" = "manual") =>
    fetch(url, { method: "POST", body: "{}", redirect, dispatcher: guardedDispatcher(policy) });

  it("never opens a connection to a refused address", async () => {
    const sent = await hitsDuring(async () => {
      const failure = await post(`http://127.0.0.1:${port}/hook`, PUBLIC_ONLY).catch((error: unknown) => error);
      expect(blockedReason(failure)).toMatch(/private or loopback.*127\.0\.0\.1/);
    });
    expect(sent).toBe(0);
    expect(await hitsDuring(() => post(`http://[::ffff:7f00:1]:${port}/hook`, PUBLIC_ONLY))).toBe(0);
    expect(await hitsDuring(() => post(`http://2130706433:${port}/hook`, PUBLIC_ONLY))).toBe(0);
  });

  it("resolves once and connects to the address it checked (DNS rebinding)", async () => {
    // public when the URL is checked, loopback when the connection is made: refused at the connection
    const rebinding: OutboundPolicy = { ...PUBLIC_ONLY, resolve: dns(["93.184.216.34"], ["127.0.0.1"]) };
    const url = `http://rebind.example:${port}/hook`;
    expect(await checkOutboundUrl(url, rebinding)).toBeNull();
    expect(await hitsDuring(() => post(url, rebinding))).toBe(0);

    // where the answer is allowed, the socket goes to that very address: this name exists in no real DNS
    const pinned: OutboundPolicy = { ...LOOPBACK, resolve: dns(["127.0.0.1"]) };
    const response = await post(`http://pinned.invalid:${port}/hook`, pinned);
    expect(await response.text()).toBe("reached");
    expect(hits.at(-1)).toEqual({ host: `pinned.invalid:${port}`, url: "/hook" });
  });

  it("checks every redirect hop again", async () => {
    const onlyTheFirstHop: OutboundPolicy = { trustedOrigins: [`localhost:${port}`], privateNetworks: [] };
    const followed = await hitsDuring(async () => {
      const failure = await post(`http://localhost:${port}/redirect`, onlyTheFirstHop, "follow").catch((error: unknown) => error);
      expect(blockedReason(failure)).toMatch(/127\.0\.0\.1/);
    });
    expect(followed).toBe(1); // the redirect itself, not /inside
    expect(hits.at(-1)?.url).toBe("/redirect");
  });
});

describe("connecting (node:http agents: axios under wechatpay-axios-plugin)", () => {
  const get = (url: string, policy: OutboundPolicy) =>
    new Promise<{ data: string }>((resolve, reject) => {
      httpGet(url, { agent: guardedNodeAgents(policy).httpAgent }, async (response) => {
        let data = "";
        for await (const chunk of response) data += chunk;
        resolve({ data });
      }).on("error", reject);
    });

  it("refuses a loopback target and any name that resolves to one, before connecting", async () => {
    expect(await hitsDuring(() => get(`http://127.0.0.1:${port}/v3`, PUBLIC_ONLY))).toBe(0);
    const failure = await get(`http://rebind.example:${port}/v3`, { ...PUBLIC_ONLY, resolve: dns(["127.0.0.1"]) }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: "ERR_OUTBOUND_BLOCKED" });
  });

  it("connects to the checked address where allowed", async () => {
    const response = await get(`http://pinned.invalid:${port}/v3`, { ...LOOPBACK, resolve: dns(["127.0.0.1"]) });
    expect(response.data).toBe("reached");
    expect(hits.at(-1)).toEqual({ host: `pinned.invalid:${port}`, url: "/v3" });
  });
});
