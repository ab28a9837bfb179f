import { AppError } from "@/server/errors";
import { errorResponse } from "@/server/http/error-envelope";
import { requestIdFrom } from "@/server/observability/request-context";

export const dynamic = "force-dynamic";

// ANY /api/v1 or /api/v1/… that names no endpoint – 404 in the Open API's envelope (not a page), under `next dev` and the lean server alike
function noSuchEndpoint(request: Request): Response {
  return errorResponse(new AppError("NOT_FOUND", "no such endpoint"), requestIdFrom(request.headers));
}

export { noSuchEndpoint as DELETE, noSuchEndpoint as GET, noSuchEndpoint as HEAD, noSuchEndpoint as OPTIONS, noSuchEndpoint as PATCH, noSuchEndpoint as POST, noSuchEndpoint as PUT };
