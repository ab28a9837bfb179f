import type { AppError } from "@/server/errors";
import { toAppError } from "@/server/to-app-error";

/** The Open API's error envelope (OPEN-API.md): `{"error":{"code","message","field"},"requestId"}`. */
export function errorEnvelope(error: AppError, requestId: string) {
  return { error: { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}), ...(error.ruleId ? { ruleId: error.ruleId } : {}) }, requestId };
}

/** Any thrown value as the envelope, with its status, X-Request-Id and Retry-After (429). */
export function errorResponse(error: unknown, requestId: string, headers: Record<string, string> = {}): Response {
  const appError = toAppError(error);
  const all: Record<string, string> = { ...headers, "x-request-id": requestId };
  if (appError.retryAfter !== undefined) all["retry-after"] = String(appError.retryAfter);
  return Response.json(errorEnvelope(appError, requestId), { status: appError.status, headers: all });
}
