// The console tables' query strings: filters and cursors live in the URL.

/** Query string of the current filters with some keys changed (undefined drops a key). */
export function withParams(params: Record<string, string | undefined>, changes: Record<string, string | undefined>): string {
  const merged = { ...params, ...changes };
  const search = new URLSearchParams(Object.entries(merged).filter((e): e is [string, string] => !!e[1]));
  const text = search.toString();
  return text ? `?${text}` : "";
}

/** A page's searchParams as plain strings (a repeated key: its first value). */
export function flatParams(raw: Record<string, string | string[] | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
}

/** A YYYY-MM-DD filter value, or undefined for anything else (what the exports accept). */
export function dateOnly(value: string | undefined): string | undefined {
  return value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined;
}
