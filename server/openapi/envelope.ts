import { stringifyJson } from "@/server/domain/json";

/** JSON with bigint amounts as JSON integers (OPEN-API.md: amounts are integers on the wire). */
export function jsonResponse(body: unknown, status: number, headers: Record<string, string> = {}): Response {
  return new Response(stringifyJson(body), { status, headers: { "content-type": "application/json", ...headers } });
}

export { stringifyJson };
