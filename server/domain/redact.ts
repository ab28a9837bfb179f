/**
 * Redaction for audit snapshots: any field whose name looks like a secret is replaced by a marker,
 * at any depth, so an audit diff can say "the API v3 key changed" without ever holding the key.
 */
const SECRET_FIELD = /secret|password|privatekey|private_key|apikey|api_v3_key|apiv3key|token|credential|bankaccount|\bpem\b/i;

export const REDACTED = "[redacted]";

export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([key, field]) => [
        key,
        SECRET_FIELD.test(key) ? (field === null || field === undefined ? field : REDACTED) : redact(field),
      ]),
    );
  }
  return value;
}

/** The fields whose values differ between two snapshots (shallow), for a compact audit diff. */
export function changedFields(before: Record<string, unknown> | null, after: Record<string, unknown> | null): string[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  return [...keys].filter((key) => JSON.stringify(before?.[key]) !== JSON.stringify(after?.[key])).sort();
}
