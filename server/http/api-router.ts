import { readdirSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";

/**
 * Serves app/api/**\/route.ts handlers from a plain node:http server, the way Next.js calls them
 * (Web Request in, Web Response out, `{ params }` as a promise, HEAD and OPTIONS implemented
 * automatically, 405 otherwise). Used by the production server (scripts/server) for its hot paths
 * and by the integration tests' HTTP harness.
 */

type Params = Record<string, string | string[]>;
type Handler = (request: Request, context: { params: Promise<Params> }) => Response | Promise<Response>;
/** A route module's exports (GET, POST, …, and Next's segment config, which is ignored here). */
export type RouteModule = Record<string, unknown>;

export type ApiRoute = { file: string; pattern: RegExp; params: string[]; catchAll: boolean; load: () => RouteModule | Promise<RouteModule> };
export type RouteMatch = { route: ApiRoute; params: Params };

const METHODS = ["GET", "HEAD", "OPTIONS", "POST", "PUT", "DELETE", "PATCH"];

/** A request body larger than this is refused before any handler runs (theirs refuse far less). */
export const MAX_BRIDGED_BODY_BYTES = 1024 * 1024;

/** Route files under `dir` (e.g. "app/api/v1"), as paths relative to `root`. */
export function findRouteFiles(root: string, dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return findRouteFiles(root, relative);
    return entry.name === "route.ts" ? [relative] : [];
  });
}

/** The route a file defines: "app/api/v1/pay-orders/[payOrderNo]/route.ts" → /api/v1/pay-orders/([^/]+). */
export function apiRoute(file: string, load: ApiRoute["load"]): ApiRoute {
  const params: string[] = [];
  let catchAll = false;
  const source = path.posix
    .dirname(file)
    .replace(/^app/, "")
    .split("/")
    .map((segment) => {
      const rest = /^\[\.\.\.(\w+)\]$/.exec(segment);
      if (rest) return params.push(rest[1]), (catchAll = true), "(.+)";
      const param = /^\[(\w+)\]$/.exec(segment);
      if (param) return params.push(param[1]), "([^/]+)";
      return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    })
    .join("/");
  return { file, pattern: new RegExp(`^${source}$`), params, catchAll, load };
}

/** Finds the route for a path; static routes win over dynamic ones, as in Next.js. Params are decoded. */
export function createMatcher(routes: ApiRoute[]): (pathname: string) => RouteMatch | null {
  const ordered = [...routes].sort((a, b) => a.params.length - b.params.length);
  return (pathname) => {
    for (const route of ordered) {
      const match = route.pattern.exec(pathname);
      if (!match) continue;
      const params: Params = {};
      route.params.forEach((name, i) => {
        const value = match[i + 1];
        params[name] = route.catchAll && i === route.params.length - 1 ? value.split("/").map(decodeURIComponent) : decodeURIComponent(value);
      });
      return { route, params };
    }
    return null;
  };
}

/** What Next.js answers for a method the module does not export: HEAD runs GET, OPTIONS lists what is allowed, else 405. */
function handlerFor(module: RouteModule, method: string): Handler {
  const own = (name: string) => (typeof module[name] === "function" ? (module[name] as Handler) : undefined);
  const handler = own(method) ?? (method === "HEAD" ? own("GET") : undefined);
  if (handler) return handler;
  if (method === "OPTIONS") {
    const allowed = new Set(["OPTIONS", ...METHODS.filter((m) => own(m))]);
    if (allowed.has("GET")) allowed.add("HEAD");
    return () => new Response(null, { status: 204, headers: { Allow: [...allowed].sort().join(", ") } });
  }
  return () => new Response(null, { status: 405 });
}

async function readBody(req: IncomingMessage): Promise<Buffer | null> {
  if (Number(req.headers["content-length"] ?? 0) > MAX_BRIDGED_BODY_BYTES) return null;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BRIDGED_BODY_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
}

function toRequest(req: IncomingMessage, body: Buffer | undefined): Request {
  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) headers.append(raw[i], raw[i + 1]);
  const url = `http://${req.headers.host ?? "localhost"}${req.url ?? "/"}`;
  return new Request(url, { method: req.method, headers, body: body && new Uint8Array(body) });
}

async function send(res: ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, key) => {
    if (key !== "set-cookie") headers[key] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) headers["set-cookie"] = cookies;
  const body = Buffer.from(await response.arrayBuffer());
  if (response.status !== 204 && response.status !== 304) headers["content-length"] = String(body.length);
  res.writeHead(response.status, headers).end(body);
}

/** Runs the matched route's handler for a Node request and writes its answer. */
export async function serveRoute(req: IncomingMessage, res: ServerResponse, { route, params }: RouteMatch): Promise<void> {
  const method = req.method ?? "GET";
  const handler = handlerFor(await route.load(), method);
  const body = method === "GET" || method === "HEAD" ? undefined : await readBody(req);
  if (body === null) {
    res.writeHead(413, { "content-type": "text/plain", connection: "close" }).end("payload too large");
    return;
  }
  await send(res, await handler(toRequest(req, body), { params: Promise.resolve(params) }));
}
