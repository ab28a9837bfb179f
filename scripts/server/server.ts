// The production HTTP server (`npm start` → scripts/run.ts → node dist/server.mjs, bundled by
// build.ts). The Open API, the channel callbacks and the sandbox channels are answered by their
// route handlers directly; every other request — pages, tRPC, next-auth, health, metrics — goes to
// Next.js's own request handler, unchanged. docs/adr/0006-lean-api-server.md says why.
//
// SIGINT/SIGTERM: stop accepting requests and finish the running ones, close Next.js, stop the
// inline job worker, close the database pool, exit (scripts/run.ts then stops an embedded PostgreSQL).
import { constants } from "node:os";
import next from "next";
import { getDb } from "../../server/db.ts";
import { apiListener, apiRoute, createMatcher, type RouteModule } from "../../server/http/api-router.ts";
import { createApiServer } from "../../server/http/http-server.ts";
import { logger } from "../../server/observability/logger.ts";
import { startNode } from "../../server/start-node.ts";

const DRAIN_MS = 10_000;

/**
 * `modules`: the route modules this server answers, by file ("app/api/v1/pay-orders/route.ts");
 * `apiFiles`: every route file under app/api, the rest of which Next.js answers.
 */
export async function startServer(modules: Record<string, RouteModule>, apiFiles: string[]): Promise<void> {
  const port = Number(process.env.PORT ?? 3000);
  const node = await startNode({ stopOnSignal: false });
  const app = next({ dev: false, dir: process.cwd(), hostname: "localhost", port });
  await app.prepare();
  const handleNext = app.getRequestHandler();
  const match = createMatcher(Object.entries(modules).map(([file, module]) => apiRoute(file, () => module)));

  const nextApi = createMatcher(apiFiles.map((file) => apiRoute(file, () => ({}))));
  // every request is answered, whatever it holds (server/http/api-router.ts apiListener)
  const server = createApiServer(apiListener(match, handleNext, { servedElsewhere: (pathname) => nextApi(pathname) !== null }));
  await new Promise<void>((resolve) => server.listen(port, resolve));
  console.log(`[paycenter] listening on port ${port} (API routes: ${Object.keys(modules).length} served directly, the rest by Next.js)`);

  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down: HTTP, then the job worker, then the database pool");
    const drained = new Promise((resolve) => server.close(resolve));
    server.closeIdleConnections();
    await Promise.race([drained, new Promise((resolve) => setTimeout(resolve, DRAIN_MS).unref())]);
    server.closeAllConnections();
    await app.close();
    await node.stop();
    await getDb().$disconnect();
    process.exit(128 + constants.signals[signal]);
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void stop(signal));
}
