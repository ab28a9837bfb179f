import { AppError, type ErrorCode } from "@/server/errors";
import { requestIdFrom } from "@/server/observability/request-context";
import { errorResponse } from "./error-envelope";

/** What the API router answers itself, before or instead of a handler. */
export type Refusal =
  | { status: 404 }
  | { status: 405; allow: string[] }
  | { status: 413; limitBytes: number };

/** The Open API, and the other JSON routes under /api but the channels' (callbacks, sandbox): their refusals are the envelope. */
const ENVELOPED = /^\/api(?!\/(notify|sandbox)\/)(\/|$)/;

const CODES: Record<Refusal["status"], ErrorCode> = { 404: "NOT_FOUND", 405: "METHOD_NOT_ALLOWED", 413: "PAYLOAD_TOO_LARGE" };

function message(refusal: Refusal): string {
  if (refusal.status === 404) return "no such endpoint";
  if (refusal.status === 405) return `this endpoint answers ${refusal.allow.join(", ")}`;
  return `the body exceeds ${refusal.limitBytes} bytes`;
}

/**
 * The Open API (`/api/v1`, and the other JSON routes under /api) refuses with its envelope (OPEN-API.md:
 * every non-2xx answer); channel callbacks and the sandbox channels in plain text, as channels expect.
 */
export function refusalResponse(pathname: string, requestHeaders: Headers, refusal: Refusal): Response {
  const headers: Record<string, string> = refusal.status === 405 ? { allow: refusal.allow.join(", ") } : {};
  if (ENVELOPED.test(pathname)) return errorResponse(new AppError(CODES[refusal.status], message(refusal)), requestIdFrom(requestHeaders), headers);
  return new Response(message(refusal), { status: refusal.status, headers: { ...headers, "content-type": "text/plain; charset=utf-8" } });
}

/**
 * A path whose percent-encoding does not decode (`%ZZ`, `%C0%AF`) and that no lean route took: it
 * names nothing. Under /api the envelope's 404 (the licence route's clients read JSON), pages a 400.
 */
export function malformedPathResponse(pathname: string, requestHeaders: Headers): Response {
  if (/^\/api(\/|$)/.test(pathname)) return errorResponse(new AppError("NOT_FOUND", "no such resource: the path does not decode"), requestIdFrom(requestHeaders));
  return new Response("malformed percent-encoding in the path", { status: 400, headers: { "content-type": "text/plain; charset=utf-8" } });
}
