import { z } from "zod";

/** How one credential field is shown in the console form (generated from the plugin's zod schema). */
export type CredentialField = {
  name: string;
  /** Secret fields are write-only: never sent to the console, "set ●●●●" once stored. */
  secret: boolean;
  /** PEM keys and the like: a textarea. */
  multiline: boolean;
  required: boolean;
  /** Fixed length or bounds the schema states, as hints for the input. */
  minLength?: number;
  maxLength?: number;
};

/** Per-field display hints kept next to a plugin's credentials schema. */
export type CredentialFieldHints = Partial<Record<string, { multiline?: boolean }>>;

function unwrap(schema: z.ZodType): { inner: z.ZodType; optional: boolean } {
  let inner = schema;
  let optional = false;
  for (;;) {
    if (inner instanceof z.ZodOptional || inner instanceof z.ZodNullable || inner instanceof z.ZodDefault) {
      optional = true;
      inner = inner.unwrap() as z.ZodType;
    } else if (inner instanceof z.ZodPipe) {
      inner = inner.in as z.ZodType;
    } else {
      return { inner, optional };
    }
  }
}

/**
 * Walks a plugin's credentials schema (a zod object of strings) into form fields, in declaration
 * order. Anything but a string field is a plugin bug the console cannot render: it throws.
 */
export function credentialFields(schema: z.ZodType, secretFields: readonly string[], hints: CredentialFieldHints = {}): CredentialField[] {
  const { inner: object } = unwrap(schema);
  if (!(object instanceof z.ZodObject)) throw new Error("a credentials schema must be a zod object");
  return Object.entries(object.shape as Record<string, z.ZodType>).map(([name, field]) => {
    const { inner, optional } = unwrap(field);
    if (!(inner instanceof z.ZodString)) throw new Error(`credential field ${name} is not a string`);
    const { minLength, maxLength } = inner;
    return {
      name,
      secret: secretFields.includes(name),
      multiline: hints[name]?.multiline ?? false,
      required: !optional,
      ...(minLength !== null && minLength > 0 ? { minLength } : {}),
      ...(maxLength !== null ? { maxLength } : {}),
    };
  });
}

/** What the console may see of stored credentials: non-secret values, and which secrets are set. */
export type CredentialView = { values: Record<string, string>; secretsSet: string[] };

export function maskCredentials(credentials: Record<string, unknown>, secretFields: readonly string[]): CredentialView {
  const values: Record<string, string> = {};
  const secretsSet: string[] = [];
  for (const [name, value] of Object.entries(credentials)) {
    if (secretFields.includes(name)) {
      if (typeof value === "string" && value !== "") secretsSet.push(name);
    } else if (typeof value === "string") {
      values[name] = value;
    }
  }
  return { values, secretsSet };
}

/**
 * The credentials to validate and seal on save: the stored ones overlaid with what was submitted,
 * where a secret left blank keeps its stored value (blank = keep; secrets never reach the form).
 * Values are trimmed (a PEM's surrounding blank lines are not part of it).
 */
export function mergeCredentials(
  submitted: Record<string, string>,
  stored: Record<string, unknown> | null,
  secretFields: readonly string[],
): Record<string, string> {
  const merged: Record<string, string> = {};
  for (const [name, value] of Object.entries(stored ?? {})) if (typeof value === "string") merged[name] = value;
  for (const [name, value] of Object.entries(submitted)) {
    const trimmed = value.trim();
    if (trimmed === "" && secretFields.includes(name) && merged[name] !== undefined) continue;
    // unchanged but for surrounding blanks (a PEM's final newline): keep the stored value exactly
    if (merged[name]?.trim() === trimmed) continue;
    merged[name] = trimmed;
  }
  return merged;
}

/** Names of credential fields whose values differ (for the audit diff, never the values). */
export function changedCredentialNames(before: Record<string, unknown> | null, after: Record<string, unknown>): string[] {
  const names = new Set([...Object.keys(before ?? {}), ...Object.keys(after)]);
  return [...names].filter((name) => (before?.[name] ?? null) !== (after[name] ?? null)).sort();
}
