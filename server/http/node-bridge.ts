import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * The bridge between node:http and the Web Request/Response a route handler speaks, for the API
 * router (api-router.ts): bodies read with a limit, answers written with their headers and cookies,
 * an oversized body refused without resetting the client.
 */

/** A request body larger than this is refused before any handler runs (theirs refuse far less). */
export const MAX_BRIDGED_BODY_BYTES = 1024 * 1024;

/**
 * The body, or null once it passes the limit (declared or streamed). It never destroys the request:
 * what is left unread is drained by refuseOversized, so the client sees the answer, not a reset.
 */
export function readBody(req: IncomingMessage): Promise<Buffer | null> {
  if (Number(req.headers["content-length"] ?? 0) > MAX_BRIDGED_BODY_BYTES) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (result: Buffer | null, error?: unknown) => {
      req.off("data", onData).off("end", onEnd).off("error", onError);
      if (error) reject(error);
      else resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BRIDGED_BODY_BYTES) return void chunks.push(chunk);
      req.pause();
      done(null);
    };
    const onEnd = () => done(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks));
    const onError = (error: unknown) => done(null, error);
    req.on("data", onData).on("end", onEnd).on("error", onError);
  });
}

/** The Web Request a handler gets; a Host header that makes no URL (`a b`, `[`) is replaced, never thrown on. */
export function toRequest(req: IncomingMessage, body: Buffer | undefined): Request {
  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) headers.append(raw[i], raw[i + 1]);
  const path = req.url ?? "/";
  let url: URL;
  try {
    url = new URL(`http://${req.headers.host ?? "localhost"}${path}`);
  } catch {
    url = new URL(`http://localhost${path}`);
  }
  return new Request(url, { method: req.method, headers, body: body && new Uint8Array(body) });
}

/** The request's headers as Web Headers, for answers written before any Request is built. */
export function headersOf(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
  return headers;
}

async function nodeHeaders(response: Response): Promise<{ headers: Record<string, string | string[]>; body: Buffer }> {
  const headers = headerRecord(response);
  const body = Buffer.from(await response.arrayBuffer());
  if (response.status !== 204 && response.status !== 304) headers["content-length"] = String(body.length);
  return { headers, body };
}

/** A body longer than this is streamed (chunked) instead of buffered: bill files run to hundreds of MB. */
export const STREAM_BODY_AFTER_BYTES = 1024 * 1024;

function headerRecord(response: Response): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, key) => {
    if (key !== "set-cookie") headers[key] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) headers["set-cookie"] = cookies;
  return headers;
}

/**
 * Writes the answer. A body up to STREAM_BODY_AFTER_BYTES goes out whole with its Content-Length;
 * a longer one is streamed as it is produced, with backpressure, and cancelled if the client leaves.
 */
export async function send(res: ServerResponse, response: Response): Promise<void> {
  const headers = headerRecord(response);
  const reader = response.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let done = !reader;
  while (reader && !done && size <= STREAM_BODY_AFTER_BYTES) {
    const next = await reader.read();
    done = next.done;
    if (next.value) {
      chunks.push(next.value);
      size += next.value.length;
    }
  }
  if (done) {
    const body = Buffer.concat(chunks);
    if (response.status !== 204 && response.status !== 304) headers["content-length"] = String(body.length);
    return void res.writeHead(response.status, headers).end(body);
  }
  const streaming = reader as ReadableStreamDefaultReader<Uint8Array>;
  res.writeHead(response.status, headers);
  const gone = new Promise<"gone">((resolve) => res.once("close", () => resolve("gone")));
  for (const chunk of chunks) res.write(chunk);
  try {
    for (;;) {
      const next = await Promise.race([streaming.read(), gone]);
      if (next === "gone") return void (await streaming.cancel().catch(() => undefined));
      if (next.done) break;
      if (!res.write(next.value)) {
        const drained = await Promise.race([new Promise<"drained">((resolve) => res.once("drain", () => resolve("drained"))), gone]);
        if (drained === "gone") return void (await streaming.cancel().catch(() => undefined));
      }
    }
  } catch (error) {
    // the status is sent: cutting the connection is the only way left to tell the client the body is incomplete
    console.error("answer body failed while streaming", error);
    return void res.destroy();
  }
  res.end();
}

/** How much of an oversized body is read (and dropped) after the 413, so the client can finish sending and read it. */
const DRAIN_BYTES = 16 * 1024 * 1024;
const DRAIN_MS = 10_000;

/**
 * Answers 413 at once, then keeps reading what the client still sends (up to DRAIN_BYTES or
 * DRAIN_MS) before closing: closing a socket with unread data resets it, and the client would see
 * EPIPE instead of the answer.
 */
export async function refuseOversized(req: IncomingMessage, res: ServerResponse, response: Response): Promise<void> {
  const { headers, body } = await nodeHeaders(response);
  res.writeHead(response.status, { ...headers, connection: "close" });
  res.write(body);
  if (req.readableEnded) return void res.end();
  let drained = 0;
  const stop = () => {
    clearTimeout(timer);
    req.socket.destroy();
  };
  const timer = setTimeout(stop, DRAIN_MS).unref();
  req.on("data", (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > DRAIN_BYTES) stop();
  });
  req.on("end", () => {
    clearTimeout(timer);
    res.end();
  });
  req.on("error", stop);
  req.resume();
}
