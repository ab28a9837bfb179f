import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";

/** Per-request data every log line carries. Shared across Next's bundles through globalThis. */
export type RequestContext = { requestId: string; route?: string };

const store: AsyncLocalStorage<RequestContext> = ((globalThis as Record<string, unknown>).__paycenterRequestContext ??=
  new AsyncLocalStorage<RequestContext>()) as AsyncLocalStorage<RequestContext>;

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** Use the caller's X-Request-Id when it is sane, otherwise a new one. */
export function requestIdFrom(headers: Headers): string {
  const given = headers.get("x-request-id");
  return given && REQUEST_ID.test(given) ? given : `req_${randomUUID().replaceAll("-", "")}`;
}

export function runWithRequestContext<T>(context: RequestContext, fn: () => T): T {
  return store.run(context, fn);
}

export function currentRequestContext(): RequestContext | undefined {
  return store.getStore();
}
