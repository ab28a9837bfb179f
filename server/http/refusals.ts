import { AppError, type ErrorCode } from "@/server/errors";
import { requestIdFrom } from "@/server/observability/request-context";
import { errorResponse } from "./error-envelope";

/** What the API router answers itself, before or instead of a handler. */
export type Refusal =
  | { status: 404 }
  | { status: 405; allow: string[] }
  | { status: 413; limitBytes: number };

const OPEN_API = /^\/api\/v1(\/|$)/;

const CODES: Record<Refusal["status"], ErrorCode> = { 404: "NOT_FOUND", 405: "METHOD_NOT_ALLOWED", 413: "PAYLOAD_TOO_LARGE" };

function message(refusal: Refusal): string {
  if (refusal.status === 404) return "no such endpoint";
  if (refusal.status === 405) return `this endpoint answers ${refusal.allow.join(", ")}`;
  return `the body exceeds ${refusal.limitBytes} bytes`;
}

/**
 * The Open API (`/api/v1`) refuses with its envelope (OPEN-API.md: every non-2xx answer), the other
 * trees (channel callbacks, sandbox channels) in plain text, as their clients expect nothing more.
 */
export function refusalResponse(pathname: string, requestHeaders: Headers, refusal: Refusal): Response {
  const headers: Record<string, string> = refusal.status === 405 ? { allow: refusal.allow.join(", ") } : {};
  if (OPEN_API.test(pathname)) return errorResponse(new AppError(CODES[refusal.status], message(refusal)), requestIdFrom(requestHeaders), headers);
  return new Response(message(refusal), { status: refusal.status, headers: { ...headers, "content-type": "text/plain; charset=utf-8" } });
}
