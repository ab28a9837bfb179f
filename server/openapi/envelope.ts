import { ZodError } from "zod";
import { ChannelError, ChannelRejectedError } from "@/server/channels/errors";
import { stringifyJson } from "@/server/domain/json";
import { AppError } from "@/server/errors";
import { logger } from "@/server/observability/logger";

/** The Open API's error envelope (OPEN-API.md): `{"error":{"code","message","field"},"requestId"}`. */
export function errorResponse(error: unknown, requestId: string): Response {
  const appError = toAppError(error);
  const headers: Record<string, string> = { "x-request-id": requestId };
  if (appError.retryAfter !== undefined) headers["retry-after"] = String(appError.retryAfter);
  const body = {
    error: { code: appError.code, message: appError.message, ...(appError.field ? { field: appError.field } : {}) },
    requestId,
  };
  return Response.json(body, { status: appError.status, headers });
}

/** Anything that is not an AppError is logged and becomes a generic 500 (never its message or stack). */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof ZodError) return validationError(error);
  if (error instanceof ChannelRejectedError) return new AppError("CHANNEL_ERROR", `the channel refused: ${error.message}`);
  if (error instanceof ChannelError) return new AppError("CHANNEL_UNAVAILABLE", "the channel could not be reached; try again");
  logger.error({ err: error }, "unexpected error in the Open API");
  return new AppError("INTERNAL_ERROR", "internal error");
}

/** The first zod issue, with its dotted path as `field`. */
export function validationError(error: ZodError): AppError {
  const issue = error.issues[0];
  const field = issue?.path.map(String).join(".") || undefined;
  return new AppError("VALIDATION_FAILED", issue ? `${field ? `${field}: ` : ""}${issue.message}` : "invalid request", { field });
}

/** JSON with bigint amounts as JSON integers (OPEN-API.md: amounts are integers on the wire). */
export function jsonResponse(body: unknown, status: number, headers: Record<string, string> = {}): Response {
  return new Response(stringifyJson(body), { status, headers: { "content-type": "application/json", ...headers } });
}

export { stringifyJson };
