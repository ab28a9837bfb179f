import { requestIdFrom } from "@/server/observability/request-context";
import { openApiDocumentJson } from "@/server/openapi/spec/document";

export const dynamic = "force-dynamic";

// GET /api/v1/openapi.json – the OpenAPI 3.1 document of the Open API (public, unsigned, cached; rendered from the validators' zod schemas)
export function GET(request: Request): Response {
  const { json, etag } = openApiDocumentJson();
  const headers = {
    "content-type": "application/json",
    "cache-control": "public, max-age=300",
    etag,
    "access-control-allow-origin": "*",
    "x-request-id": requestIdFrom(request.headers),
  };
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  return new Response(json, { status: 200, headers });
}
