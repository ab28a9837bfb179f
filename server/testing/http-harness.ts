import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { resetEnvCache } from "@/server/env";
import { apiListener, apiRoute, createMatcher, findRouteFiles, type RouteModule } from "@/server/http/api-router";
import { createApiServer } from "@/server/http/http-server";
import { type JobWorker, startWorker } from "@/server/jobs/worker";

/**
 * A real HTTP server for integration tests, serving the app's route handlers (app/api/**\/route.ts)
 * without Next's build: channel callbacks, the sandbox servers and the Open API are reached over
 * real HTTP, with real signatures, as in production. PUBLIC_BASE_URL points at it, so the sandbox's
 * notifications come back to it.
 */

export type Harness = { url: string; close(): Promise<void> };

export async function startHttpHarness(): Promise<Harness> {
  const root = process.cwd();
  const routes = findRouteFiles(root, "app/api").map((file) => apiRoute(file, () => import(`${root}/${file}`) as Promise<RouteModule>));
  const match = createMatcher(routes);
  // the production server's own listener; it serves every API route here, and answers other paths 404
  const server: Server = createApiServer(apiListener(match, (_req, res) => res.writeHead(404).end("not found"), { servedElsewhere: () => false }));
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
export function startTestWorker(): Promise<JobWorker> {
  return startWorker({ connectionString: process.env.DATABASE_URL as string, concurrency: 4, pollInterval: 50 });
}
