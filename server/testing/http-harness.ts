import { readdirSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { Runner } from "graphile-worker";
import { resetEnvCache } from "@/server/env";
import { startWorker } from "@/server/jobs/worker";

/**
 * A real HTTP server for integration tests, serving the app's route handlers (app/api/**\/route.ts)
 * without Next's build: channel callbacks, the sandbox servers and the Open API are reached over
 * real HTTP, with real signatures, as in production. PUBLIC_BASE_URL points at it, so the sandbox's
 * notifications come back to it.
 */

type Route = { pattern: RegExp; params: string[]; file: string };

const APP_API = path.join(process.cwd(), "app", "api");

function discoverRoutes(dir = APP_API, prefix = "/api"): Route[] {
  const routes: Route[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      routes.push(...discoverRoutes(path.join(dir, entry.name), `${prefix}/${entry.name}`));
    } else if (entry.name === "route.ts") {
      const params: string[] = [];
      const source = prefix
        .split("/")
        .map((segment) => {
          const catchAll = /^\[\.\.\.(\w+)\]$/.exec(segment);
          if (catchAll) return params.push(catchAll[1]), "(.+)";
          const param = /^\[(\w+)\]$/.exec(segment);
          if (param) return params.push(param[1]), "([^/]+)";
          return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
        })
        .join("/");
      routes.push({ pattern: new RegExp(`^${source}$`), params, file: path.join(dir, entry.name) });
    }
  }
  // static segments before dynamic ones, as Next matches
  return routes.sort((a, b) => a.params.length - b.params.length);
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export type Harness = { url: string; close(): Promise<void> };

export async function startHttpHarness(): Promise<Harness> {
  const routes = discoverRoutes();
  const server: Server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const route = routes.find((r) => r.pattern.test(url.pathname));
      if (!route) {
        res.writeHead(404).end("not found");
        return;
      }
      const match = route.pattern.exec(url.pathname) as RegExpExecArray;
      // decoded, as Next.js hands route params to handlers
      const params = Object.fromEntries(
        route.params.map((name, i) => [name, route.pattern.source.includes("(.+)") && i === route.params.length - 1 ? match[i + 1].split("/").map(decodeURIComponent) : decodeURIComponent(match[i + 1])]),
      );
      const module = (await import(route.file)) as Record<string, (req: Request, ctx: unknown) => Promise<Response>>;
      const handler = module[req.method ?? "GET"];
      if (!handler) {
        res.writeHead(405).end();
        return;
      }
      const body = req.method === "GET" || req.method === "HEAD" ? undefined : new Uint8Array(await readBody(req));
      const headers = new Headers();
      for (const [key, value] of Object.entries(req.headers)) {
        if (typeof value === "string") headers.set(key, value);
        else if (Array.isArray(value)) for (const v of value) headers.append(key, v);
      }
      const request = new Request(new URL(req.url ?? "/", `http://${req.headers.host}`), { method: req.method, headers, body });
      const response = await handler(request, { params: Promise.resolve(params) });
      const out = Buffer.from(await response.arrayBuffer());
      res.writeHead(response.status, Object.fromEntries(response.headers.entries()));
      res.end(out);
    } catch (error) {
      res.writeHead(599).end(`harness error: ${(error as Error).stack}`);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  process.env.PUBLIC_BASE_URL = url;
  resetEnvCache();
  return {
    url,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The job worker, polling fast, for tests that need jobs (sandbox notifications, status sync) to run. */
export function startTestWorker(): Promise<Runner> {
  return startWorker({ connectionString: process.env.DATABASE_URL as string, concurrency: 4, pollInterval: 50 });
}
