import { type ApiApp, loadApiApp } from "@/server/apps/app-cache";
import { redactBody, redactForLog } from "@/server/domain/request-log-redaction";
import { loadEnv } from "@/server/env";
import { logger } from "@/server/observability/logger";
import { bufferRequestLog } from "@/server/services/request-logs/request-log-buffer";
import { responseText } from "./response-text";

/**
 * The Open API's request log hook (docs/adr/0030). authenticate() notes the app and the raw body once it
 * knows the app (and whether the signature held); openApiRoute calls recordApiRequest with the answer.
 * The row is built and buffered after the response has left the hot path (a cloned body read in the
 * background); a request whose X-App-Id names no app is nobody's and is not logged.
 */

type Note = { app: Pick<ApiApp, "id" | "merchantId">; raw: string; signType: string | null; verified: boolean };

const notes = new WeakMap<Request, Note>();

/** authenticate(): the app is known (not yet verified). */
export function noteRequestApp(request: Request, app: Pick<ApiApp, "id" | "merchantId">, raw: string, signType: string | null): void {
  notes.set(request, { app: { id: app.id, merchantId: app.merchantId }, raw, signType, verified: false });
}

/** authenticate(): the signature, timestamp and nonce held. */
export function noteRequestVerified(request: Request): void {
  const note = notes.get(request);
  if (note) note.verified = true;
}

type Meta = { requestId: string; route: string; startedAt: number };

/** Records one answered Open API request; never waits for the log, never throws. */
export function recordApiRequest(request: Request, response: Response, meta: Meta): void {
  if (loadEnv().REQUEST_LOG_DAYS === 0) return;
  const latencyMs = Math.max(0, Math.round(performance.now() - meta.startedAt));
  const note = notes.get(request);
  const appId = note?.app.id ?? request.headers.get("x-app-id") ?? "";
  if (appId.length === 0 || appId.length > 64) return;
  const text = responseText(response);
  void build(request, response.status, text, meta, latencyMs, note, appId).catch((error) => logger.warn({ err: error }, "request log row not built"));
}

async function build(request: Request, status: number, answerText: string | Promise<string>, meta: Meta, latencyMs: number, note: Note | undefined, appId: string) {
  const app = note?.app ?? (await loadApiApp(appId));
  if (!app) return;
  const text = await answerText;
  let answer: unknown = null;
  try {
    answer = text ? JSON.parse(text) : null;
  } catch {
    answer = null;
  }
  const url = new URL(request.url);
  const requestBody = note ? redactBody(note.raw) : null;
  const errorCode = status >= 400 ? stringAt(answer, "error", "code") : null;
  const ids = { answer: answer as Record<string, unknown> | null, request: requestBody as Record<string, unknown> | null, path: url.pathname };
  bufferRequestLog({
    appId: app.id,
    merchantId: app.merchantId,
    requestId: meta.requestId,
    method: request.method,
    path: (url.pathname + url.search).slice(0, 512),
    route: meta.route,
    status,
    latencyMs,
    errorCode: errorCode?.slice(0, 64) ?? null,
    idempotencyKey: request.method === "POST" ? (request.headers.get("idempotency-key")?.slice(0, 255) ?? null) : null,
    authenticated: note?.verified ?? false,
    signType: note?.signType ?? null,
    payOrderNo: identifier(ids, "payOrderNo", /\/pay-orders\/(P[0-9A-Z]{10,40})(?:\/|$)/),
    refundNo: identifier(ids, "refundNo", /\/refunds\/(F[0-9A-Z]{10,40})(?:\/|$)/),
    orderNo: identifier(ids, "orderNo", /\/orders\/(O[0-9A-Z]{10,40})(?:\/|$)/),
    requestBody,
    responseBody: text.length > 65_536 ? { _truncated: true, _length: text.length } : answer === null ? null : redactForLog(answer),
    createdAt: new Date(Date.now() - latencyMs),
  });
}

function stringAt(value: unknown, ...path: string[]): string | null {
  let at = value;
  for (const key of path) at = at && typeof at === "object" ? (at as Record<string, unknown>)[key] : undefined;
  return typeof at === "string" ? at : null;
}

/** The object a request is about: in its answer, its body or its path (to find its webhook deliveries). */
function identifier(ids: { answer: Record<string, unknown> | null; request: Record<string, unknown> | null; path: string }, key: string, inPath: RegExp): string | null {
  const found = stringAt(ids.answer, key) ?? stringAt(ids.request, key) ?? inPath.exec(ids.path)?.[1] ?? null;
  return found && found.length <= 64 ? found : null;
}
