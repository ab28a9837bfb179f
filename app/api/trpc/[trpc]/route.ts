import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { createTRPCContext } from "@/server/trpc/context";
import { appRouter } from "@/server/trpc/root";
import { withRouteMetrics } from "@/server/observability/route";

// GET|POST /api/trpc/[procedure] – the console's and the cashier's API
const handler = withRouteMetrics("/api/trpc", (request: Request) =>
  fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    createContext: ({ resHeaders }) => createTRPCContext({ headers: request.headers, resHeaders }),
  }),
);

export { handler as GET, handler as POST };
