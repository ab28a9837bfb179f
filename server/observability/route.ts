import { logger } from "./logger";
import { metrics } from "./metrics";
import { requestIdFrom, runWithRequestContext } from "./request-context";

/**
 * Wraps a route handler: gives the request an id (X-Request-Id in and out), runs it inside the
 * logging context, and records its latency under the route's pattern (never the raw path, so
 * order numbers do not explode the metric's cardinality).
 */
export function withRouteMetrics<Args extends unknown[]>(
  route: string,
  handler: (request: Request, ...rest: Args) => Promise<Response> | Response,
) {
  return async (request: Request, ...rest: Args): Promise<Response> => {
    const requestId = requestIdFrom(request.headers);
    const started = performance.now();
    return runWithRequestContext({ requestId, route }, async () => {
      let status = 500;
      try {
        const response = await handler(request, ...rest);
        status = response.status;
        response.headers.set("x-request-id", requestId);
        return response;
      } catch (error) {
        logger.error({ err: error }, "route handler failed");
        return Response.json(
          { error: { code: "INTERNAL_ERROR", message: "Internal error" }, requestId },
          { status: 500, headers: { "x-request-id": requestId } },
        );
      } finally {
        metrics.httpDuration.observe({ route, method: request.method, status: String(status) }, (performance.now() - started) / 1000);
      }
    });
  };
}
