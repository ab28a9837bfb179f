import type { z } from "zod";
import { fieldName, findUnsafeText, unsafeTextMessage } from "@/server/domain/storable-text";
import { AppError } from "@/server/errors";
import { errorResponse } from "@/server/http/error-envelope";
import { logger } from "@/server/observability/logger";
import { metrics } from "@/server/observability/metrics";
import { requestIdFrom, runWithRequestContext } from "@/server/observability/request-context";
import type { ApiApp } from "@/server/apps/app-cache";
import { validationError } from "@/server/to-app-error";
import { authenticate } from "./authenticate";
import { jsonResponse, stringifyJson } from "./envelope";
import { spendRateLimit, stampRateLimitHeaders } from "./rate-limit";
import { claimIdempotencyKey, parseIdempotencyKey, requestHash, settleIdempotencyKey } from "./idempotency";
import { recordApiRequest } from "./request-log";

/** Bodies larger than this are refused before anything is parsed. */
export const MAX_BODY_BYTES = 64 * 1024;

export type OpenApiResult = { status: number; body: unknown; headers?: Record<string, string> };

export type OpenApiContext<Body> = {
  app: ApiApp;
  body: Body;
  params: Record<string, string>;
  url: URL;
  requestId: string;
};

type Options<Schema extends z.ZodType | undefined> = {
  /** Route pattern for metrics and logs, e.g. "/api/v1/pay-orders/[payOrderNo]". */
  route: string;
  /** zod schema of the JSON body (POST); omit for GET. */
  body?: Schema;
  /** A larger body limit for bulk routes (imports), at most the contract's 1 MiB; default MAX_BODY_BYTES. */
  maxBodyBytes?: number;
};

async function readBody(request: Request, MAX_BODY_BYTES: number): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw new AppError("PAYLOAD_TOO_LARGE", `the body exceeds ${MAX_BODY_BYTES} bytes`);
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw new AppError("PAYLOAD_TOO_LARGE", `the body exceeds ${MAX_BODY_BYTES} bytes`);
    }
    chunks.push(value);
  }
  const bytes = Buffer.concat(chunks);
  const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  return text;
}

/** `application/json`, with no parameter but an optional UTF-8 charset (OPEN-API.md: 415 otherwise). */
const JSON_MEDIA_TYPE = /^application\/json\s*(;\s*charset\s*=\s*"?utf-?8"?\s*)?$/i;

function checkMediaType(request: Request, raw: string): void {
  if (raw === "" || JSON_MEDIA_TYPE.test(request.headers.get("content-type")?.trim() ?? "")) return;
  throw new AppError("UNSUPPORTED_MEDIA_TYPE", "send the body as application/json in UTF-8");
}

/** The body as JSON whose every string and key PostgreSQL can store as sent (no NUL, no lone surrogate, no `__proto__`). */
function parseJson(raw: string): unknown {
  if (raw.trim() === "") throw new AppError("VALIDATION_FAILED", "the body must be a JSON object");
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new AppError("VALIDATION_FAILED", "the body is not valid JSON");
  }
  const unsafe = findUnsafeText(value);
  if (unsafe) {
    const field = fieldName(unsafe.path) || undefined;
    const message = unsafeTextMessage(unsafe);
    throw new AppError("VALIDATION_FAILED", field ? `${field}: ${message}` : message, { field });
  }
  return value;
}

/**
 * An Open API route handler, composed of the contract's steps: request id → body (size-limited,
 * UTF-8) → signature, timestamp, nonce, app and merchant status → Idempotency-Key (POST) → JSON +
 * zod validation → the use case. Every failure is the documented envelope; nothing becomes a 500
 * unless it is a bug, and even then the client sees only a generic error and the request id.
 */
export function openApiRoute<Schema extends z.ZodType | undefined = undefined>(
  options: Options<Schema>,
  run: (ctx: OpenApiContext<Schema extends z.ZodType ? z.infer<Schema> : undefined>) => Promise<OpenApiResult>,
) {
  const route = async (request: Request, routeContext?: { params?: Promise<Record<string, string | string[]>> }): Promise<Response> => {
    const requestId = requestIdFrom(request.headers);
    const started = performance.now();
    return runWithRequestContext({ requestId, route: options.route }, async () => {
      let response: Response;
      try {
        response = await handle(request, requestId, routeContext);
      } catch (error) {
        response = errorResponse(error, requestId);
      }
      response.headers.set("x-request-id", requestId);
      stampRateLimitHeaders(request, response);
      recordApiRequest(request, response, { requestId, route: options.route, startedAt: started });
      metrics.httpDuration.observe(
        { route: options.route, method: request.method, status: String(response.status) },
        (performance.now() - started) / 1000,
      );
      if (response.status >= 500) logger.warn({ status: response.status }, "Open API answered a server error");
      return response;
    });
  };
  // the options stay readable on the handler: the OpenAPI document's test checks its request schemas are these very objects
  return Object.assign(route, { openApi: options });

  async function handle(request: Request, requestId: string, routeContext?: { params?: Promise<Record<string, string | string[]>> }) {
    let raw: string;
    try {
      raw = await readBody(request, Math.min(options.maxBodyBytes ?? MAX_BODY_BYTES, 1024 * 1024));
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError("VALIDATION_FAILED", "the body is not valid UTF-8");
    }
    checkMediaType(request, raw);
    const app = await authenticate(request, raw);
    await spendRateLimit(request, app);
    const url = new URL(request.url);
    const params = Object.fromEntries(
      Object.entries((await routeContext?.params) ?? {}).map(([k, v]) => [k, Array.isArray(v) ? v.join("/") : v]),
    );

    const idempotencyKey = request.method === "POST" ? parseIdempotencyKey(request.headers.get("idempotency-key")) : null;
    if (idempotencyKey) {
      const claim = await claimIdempotencyKey(app.id, idempotencyKey, request.method, url.pathname, requestHash(request.method, url.pathname, raw));
      if ("replay" in claim) {
        return jsonResponse(claim.replay.body, claim.replay.status, { "idempotent-replayed": "true" });
      }
    }

    let result: OpenApiResult;
    try {
      let body: unknown;
      if (options.body) {
        const parsed = options.body.safeParse(parseJson(raw));
        if (!parsed.success) throw validationError(parsed.error);
        body = parsed.data;
      }
      result = await run({ app, body: body as never, params, url, requestId });
    } catch (error) {
      if (idempotencyKey) {
        const failed = errorResponse(error, requestId);
        await settleIdempotencyKey(app.id, idempotencyKey, { status: failed.status, body: await failed.clone().json() });
        return failed;
      }
      throw error;
    }
    if (idempotencyKey) {
      await settleIdempotencyKey(app.id, idempotencyKey, { status: result.status, body: JSON.parse(stringifyJson(result.body)) });
    }
    return jsonResponse(result.body, result.status, result.headers);
  }
}
