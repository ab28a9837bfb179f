import { createServer, type RequestListener, type Server } from "node:http";

/**
 * How long an idle keep-alive connection stays open. Node's default (5 s) is barely above the 4 s
 * that undici and most pools keep an idle socket: under load the server can close a socket in the
 * instant the client reuses it, and that request gets ECONNRESET without an answer (seen in CI's
 * fuzzer). Above every client's and load balancer's idle timeout (nginx 60 s, AWS ALB 60 s), only
 * the client closes idle connections.
 */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;

/** The HTTP server of the web node and of the integration tests' harness. */
export function createApiServer(listener: RequestListener): Server {
  const server = createServer(listener);
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  // headers must be allowed to arrive on a kept-alive socket for as long as it is kept
  server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000;
  return server;
}
