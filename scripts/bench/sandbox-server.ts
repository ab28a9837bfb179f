// The built-in sandbox's channel API in a process of its own, for `npm run bench`: the same route module
// as PayCenter's /api/sandbox/{channel}/… (app/api/sandbox/[channel]/[...path]/route.ts → server/sandbox),
// behind the production server's own listener, on SANDBOX_PORT (0: any free port). Its books are the
// sandbox tables of the same database (SandboxMerchant, SandboxTrade…: where the in-process sandbox keeps
// them, so callbacks, payer pages and status queries keep working); its pool is its own. The bench points
// the channel accounts' baseUrl here, so what it measures of a channel-backed create is PayCenter's own
// cost plus a network call, as in production, not the simulated channel's signature checks and inserts.
//
// Prints `<url> <pid>` once listening (run with `node --import tsx`, the pid is this process: the bench
// counts its CPU apart from the server's); serves until SIGINT/SIGTERM.
import type { AddressInfo } from "node:net";
import { apiListener, apiRoute, createMatcher, type RouteModule } from "../../server/http/api-router.ts";
import { createApiServer } from "../../server/http/http-server.ts";

const SANDBOX_ROUTE = "app/api/sandbox/[channel]/[...path]/route.ts";

/** The sandbox's HTTP API on `port`; everything else answers 404. */
export async function startSandboxServer(port = 0): Promise<{ url: string; close(): Promise<void> }> {
  // imported once: a loader called per request would go through tsx's module hooks (another thread) every time
  const module = (await import(`../../${SANDBOX_ROUTE}`)) as RouteModule;
  const match = createMatcher([apiRoute(SANDBOX_ROUTE, () => module)]);
  const server = createApiServer(apiListener(match, (_req, res) => res.writeHead(404).end("not found"), { servedElsewhere: () => false }));
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      await new Promise((resolve) => server.close(resolve));
      const { getDb } = await import("../../server/db.ts");
      await getDb().$disconnect();
    },
  };
}

if (import.meta.filename === process.argv[1]) {
  const sandbox = await startSandboxServer(Number(process.env.SANDBOX_PORT ?? 0));
  console.log(`${sandbox.url} ${process.pid}`);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => void sandbox.close().finally(() => process.exit(0)));
  }
}
