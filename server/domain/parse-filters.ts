import type { z } from "zod";

/**
 * A list page's filters from its query string, keeping every valid one: a field that does not parse
 * (an amount "abc") is left out of the query and named in `invalid`, so the page can keep what was typed
 * and say which field is wrong, instead of dropping all filters at once.
 */
export function parseFilters<S extends z.ZodType<Record<string, unknown>>>(
  schema: S,
  raw: Record<string, string | undefined>,
): { filters: z.infer<S>; invalid: string[] } {
  const first = schema.safeParse(raw);
  if (first.success) return { filters: first.data, invalid: [] };
  const invalid = [...new Set(first.error.issues.map((issue) => String(issue.path[0] ?? "")))].filter(Boolean);
  const kept = Object.fromEntries(Object.entries(raw).filter(([key]) => !invalid.includes(key)));
  const second = schema.safeParse(kept);
  return { filters: second.success ? second.data : schema.parse({}), invalid };
}
