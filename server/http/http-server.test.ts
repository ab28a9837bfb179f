import type { Server } from "node:http";
import { type AddressInfo, connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiServer, KEEP_ALIVE_TIMEOUT_MS } from "./http-server";

/** Sends raw bytes and reads the whole answer (the server closes the connection). */
function raw(port: number, request: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1", () => socket.end(request));
    let text = "";
    socket.on("data", (chunk) => (text += chunk)).on("close", () => resolve(text));
  });
}

describe("the API server, before any listener runs", () => {
  let server: Server;
  let port: number;
  beforeAll(async () => {
    server = createApiServer((_req, res) => res.writeHead(200).end("ok"));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("keeps idle connections longer than the clients and balancers that reuse them", () => {
    expect(server.keepAliveTimeout).toBe(KEEP_ALIVE_TIMEOUT_MS);
    expect(server.headersTimeout).toBeGreaterThan(KEEP_ALIVE_TIMEOUT_MS);
  });

  it("answers headers past 16 KiB with 431 and the envelope, a request that does not parse with 400 and the envelope", async () => {
    const long = await raw(port, `GET /api/v1/events?after=${"a".repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`);
    expect(long).toMatch(/^HTTP\/1\.1 431 /);
    expect(JSON.parse(long.slice(long.indexOf("{"))).error.code).toBe("HEADERS_TOO_LARGE");
    const garbage = await raw(port, "NOT HTTP AT ALL\r\n\r\n");
    expect(garbage).toMatch(/^HTTP\/1\.1 400 /);
    const body = JSON.parse(garbage.slice(garbage.indexOf("{")));
    expect([body.error.code, typeof body.requestId]).toEqual(["VALIDATION_FAILED", "string"]);
    // and it goes on serving
    expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toBe("ok");
  });
});
