import { randomUUID } from "node:crypto";
import { createServer, type RequestListener, type Server } from "node:http";
import type { Duplex } from "node:stream";
import { AppError } from "@/server/errors";
import { errorEnvelope } from "./error-envelope";

/**
 * How long an idle keep-alive connection stays open. Node's default (5 s) is barely above the 4 s
 * that undici and most pools keep an idle socket: under load the server can close a socket in the
 * instant the client reuses it, and that request gets ECONNRESET without an answer (seen in CI's
 * fuzzer). Above every client's and load balancer's idle timeout (nginx 60 s, AWS ALB 60 s), only
 * the client closes idle connections.
 */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;

/**
 * What Node's HTTP parser refuses before any listener runs — headers past 16 KiB (a very long URL),
 * a request line or header that does not parse — answered with the Open API's envelope instead of
 * Node's bare "HTTP/1.1 400 Bad Request": every answer a client can get carries a code it can read.
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (!socket.writable || (error.code === "ECONNRESET" || error.code === "EPIPE")) return void socket.destroy();
  const requestId = `req_${randomUUID().replaceAll("-", "")}`;
  const [status, appError] =
    error.code === "HPE_HEADER_OVERFLOW"
      ? [431, new AppError("HEADERS_TOO_LARGE", "the request line and headers may take 16 KiB at most")]
      : error.code === "ERR_HTTP_REQUEST_TIMEOUT" || error.code === "HPE_HEADERS_TIMEOUT"
        ? [408, null]
        : [400, new AppError("VALIDATION_FAILED", "the request does not parse as HTTP/1.1")];
  if (!appError) return void socket.end("HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n");
  const body = JSON.stringify(errorEnvelope(appError, requestId));
  const reason = status === 431 ? "Request Header Fields Too Large" : "Bad Request";
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nX-Request-Id: ${requestId}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** The HTTP server of the web node and of the integration tests' harness. */
export function createApiServer(listener: RequestListener): Server {
  const server = createServer(listener);
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  // headers must be allowed to arrive on a kept-alive socket for as long as it is kept
  server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000;
  server.on("clientError", answerClientError);
  return server;
}
