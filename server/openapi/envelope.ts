import { stringifyJson } from "@/server/domain/json";
import { withText } from "./response-text";

/** JSON with bigint amounts as JSON integers (OPEN-API.md: amounts are integers on the wire). */
export function jsonResponse(body: unknown, status: number, headers: Record<string, string> = {}): Response {
  const text = stringifyJson(body);
  return withText(new Response(text, { status, headers: { "content-type": "application/json", ...headers } }), text);
}

export { stringifyJson };
