import { errorResponse } from "@/server/http/error-envelope";
import { metrics } from "./metrics";
import { requestIdFrom, runWithRequestContext } from "./request-context";

/**
 * Wraps a route handler: gives the request an id (X-Request-Id in and out), runs it inside the
 * logging context, and records its latency under the route's pattern (never the raw path, so
 * order numbers do not explode the metric's cardinality). What it throws is answered with the
 * envelope of the one error translator (a bad value 400, anything unknown a logged 500).
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
        const response = withRequestId(await handler(request, ...rest), requestId);
        status = response.status;
        return response;
      } catch (error) {
        const response = errorResponse(error, requestId);
        status = response.status;
        return response;
      } finally {
        metrics.httpDuration.observe({ route, method: request.method, status: String(status) }, (performance.now() - started) / 1000);
      }
    });
  };
}

/** The answer with its request id. `Response.redirect` and `fetch` answers have immutable headers: those are copied. */
function withRequestId(response: Response, requestId: string): Response {
  try {
    response.headers.set("x-request-id", requestId);
    return response;
  } catch {
    const headers = new Headers(response.headers);
    headers.set("x-request-id", requestId);
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  }
}
