import { readdirSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { logger } from "@/server/observability/logger";
import { requestIdFrom } from "@/server/observability/request-context";
import { refuseMalformedFormPost } from "./form-post-guard";
import { headersOf, MAX_BRIDGED_BODY_BYTES, readBody, refuseOversized, send, toRequest } from "./node-bridge";
import { malformedPathResponse, type Refusal, refusalResponse } from "./refusals";

/**
 * Serves app/api/**\/route.ts handlers from a plain node:http server, the way Next.js calls them
 * (Web Request in, Web Response out, `{ params }` as a promise, HEAD and OPTIONS implemented
 * automatically, 405 otherwise). Used by the production server (scripts/server) for its hot paths
 * and by the integration tests' HTTP harness. What it answers itself (405, 413) is the Open API's
 * envelope under /api/v1 (refusals.ts); no input makes it throw or leave a socket unanswered.
 */

type Params = Record<string, string | string[]>;
type Handler = (request: Request, context: { params: Promise<Params> }) => Response | Promise<Response>;
/** A route module's exports (GET, POST, …, and Next's segment config, which is ignored here). */
export type RouteModule = Record<string, unknown>;

export type ApiRoute = { file: string; pattern: RegExp; params: string[]; catchAll: boolean; load: () => RouteModule | Promise<RouteModule> };
export type RouteMatch = { route: ApiRoute; params: Params };

const METHODS = ["GET", "HEAD", "OPTIONS", "POST", "PUT", "DELETE", "PATCH"];

/** Route files under `dir` (e.g. "app/api/v1"), as paths relative to `root`. */
export function findRouteFiles(root: string, dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return findRouteFiles(root, relative);
    return entry.name === "route.ts" ? [relative] : [];
  });
}

/**
 * The route a file defines: "app/api/v1/pay-orders/[payOrderNo]/route.ts" → /api/v1/pay-orders/([^/]+);
 * a catch-all `[...path]` takes one or more segments, an optional one `[[...path]]` none as well.
 */
export function apiRoute(file: string, load: ApiRoute["load"]): ApiRoute {
  const params: string[] = [];
  let catchAll = false;
  const source = path.posix
    .dirname(file)
    .replace(/^app/, "")
    .split("/")
    .map((segment, i) => {
      const optional = /^\[\[\.\.\.(\w+)\]\]$/.exec(segment);
      if (optional) return params.push(optional[1]), (catchAll = true), "(?:/(.*))?";
      const rest = /^\[\.\.\.(\w+)\]$/.exec(segment);
      if (rest) return params.push(rest[1]), (catchAll = true), "/(.+)";
      const param = /^\[(\w+)\]$/.exec(segment);
      if (param) return params.push(param[1]), "/([^/]+)";
      return (i === 0 ? "" : "/") + segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    })
    .join("");
  return { file, pattern: new RegExp(`^${source}$`), params, catchAll, load };
}

/** A path segment decoded; one that is not valid percent-encoding stays as sent (it names nothing, so its handler answers 404). */
function decodeSegment(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** True when a path holds an escape that does not decode (`%ZZ`, `%`, `%C0%AF`): no page or route can be named by it. */
export function hasMalformedEscape(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    return true;
  }
}

/** Finds the route for a raw (undecoded) path; static routes win over dynamic ones and catch-alls come last, as in Next.js. Params are decoded. */
export function createMatcher(routes: ApiRoute[]): (pathname: string) => RouteMatch | null {
  const rank = (route: ApiRoute) => (route.catchAll ? 1000 : 0) + route.params.length;
  const ordered = [...routes].sort((a, b) => rank(a) - rank(b));
  return (pathname) => {
    for (const route of ordered) {
      const match = route.pattern.exec(pathname);
      if (!match) continue;
      const params: Params = {};
      route.params.forEach((name, i) => {
        const value = match[i + 1] ?? "";
        params[name] = route.catchAll && i === route.params.length - 1 ? value.split("/").map(decodeSegment) : decodeSegment(value);
      });
      return { route, params };
    }
    return null;
  };
}

/** What Next.js answers for a method the module does not export: HEAD runs GET, OPTIONS lists what is allowed, else 405 (with Allow). */
function handlerFor(module: RouteModule, method: string): Handler | Refusal {
  const own = (name: string) => (typeof module[name] === "function" ? (module[name] as Handler) : undefined);
  const handler = own(method) ?? (method === "HEAD" ? own("GET") : undefined);
  if (handler) return handler;
  const allowed = new Set(["OPTIONS", ...METHODS.filter((m) => own(m))]);
  if (allowed.has("GET")) allowed.add("HEAD");
  const allow = [...allowed].sort();
  if (method === "OPTIONS") return () => new Response(null, { status: 204, headers: { Allow: allow.join(", ") } });
  return { status: 405, allow };
}

/** Runs the matched route's handler for a Node request and writes its answer. */
export async function serveRoute(req: IncomingMessage, res: ServerResponse, { route, params }: RouteMatch): Promise<void> {
  const method = req.method ?? "GET";
  const pathname = (req.url ?? "/").split("?", 1)[0];
  const handler = handlerFor(await route.load(), method);
  if (typeof handler !== "function") return send(res, refusalResponse(pathname, headersOf(req), handler));
  const body = method === "GET" || method === "HEAD" ? undefined : await readBody(req);
  if (body === null) return refuseOversized(req, res, refusalResponse(pathname, headersOf(req), { status: 413, limitBytes: MAX_BRIDGED_BODY_BYTES }));
  await send(res, await handler(toRequest(req, body), { params: Promise.resolve(params) }));
}

type Listener = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

type ListenerOptions = {
  /** Whether a path under /api names a route served by `fallback` (Next.js's own route handlers); others are 404 here. */
  servedElsewhere?: (pathname: string) => boolean;
};

/**
 * The request listener of the production server and of the tests' HTTP harness: a lean route's
 * handler, else `fallback` (Next.js; the harness answers 404). Answered here instead, never handed
 * on: a path that does not decode, an /api path no route file names (the envelope's 404, not a page),
 * a form POST to a page that does not parse (form-post-guard.ts). No exception leaves a request unanswered.
 */
export function apiListener(
  match: (pathname: string) => RouteMatch | null,
  fallback: (req: IncomingMessage, res: ServerResponse) => unknown,
  options: ListenerOptions = {},
): Listener {
  return async (req, res) => {
    try {
      const pathname = (req.url ?? "/").split("?", 1)[0];
      const found = match(pathname);
      if (found) return await serveRoute(req, res, found);
      // `OPTIONS *` and other targets that are no path (Next.js fails on them); absolute URLs Next.js redirects
      if (!/^(\/|https?:\/\/)/i.test(pathname)) return await send(res, new Response("the request target must be a path", { status: 400 }));
      if (hasMalformedEscape(pathname)) return await send(res, malformedPathResponse(pathname, headersOf(req)));
      const api = /^\/api(\/|$)/.test(pathname);
      if (api && options.servedElsewhere && !options.servedElsewhere(pathname)) return await send(res, refusalResponse(pathname, headersOf(req), { status: 404 }));
      const refused = api ? null : await refuseMalformedFormPost(req);
      if (refused) return await send(res, refused);
      await fallback(req, res);
    } catch (error) {
      logger.error({ err: error, method: req.method, url: req.url?.slice(0, 200) }, "request failed outside its handler");
      answerFailure(req, res);
    }
  };
}

/**
 * The last resort when serving a request threw (a bug, never input): a generic 500 (the envelope
 * under /api/v1), or the socket closed if the answer had begun. Never throws itself.
 */
function answerFailure(req: IncomingMessage, res: ServerResponse): void {
  try {
    if (res.headersSent) return void res.destroy();
    const pathname = (req.url ?? "/").split("?", 1)[0];
    const body = /^\/api\/v1(\/|$)/.test(pathname)
      ? JSON.stringify({ error: { code: "INTERNAL_ERROR", message: "internal error" }, requestId: requestIdFrom(headersOf(req)) })
      : "internal error";
    res.writeHead(500, { "content-type": body.startsWith("{") ? "application/json" : "text/plain", connection: "close" }).end(body);
  } catch {
    res.destroy();
  }
}
