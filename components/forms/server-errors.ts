import type { FieldValues, Path, UseFormSetError } from "react-hook-form";

type Translate = { (key: string, values?: Record<string, string>): string; has(key: string): boolean };

/** A message key of `formErrors.*` translated; anything else (a channel schema's own wording) shown as a detail. */
export function translateFieldError(t: Translate, message: string | undefined): string | undefined {
  if (!message) return undefined;
  if (t.has(`formErrors.${message}`)) return t(`formErrors.${message}`);
  return t("formErrors.credentialInvalid", { detail: message });
}

type ServerError = { message?: string; data?: { fieldErrors?: Record<string, string[] | undefined>; code?: string } | null };

/**
 * Puts a tRPC error's field errors on the form's fields (what the user typed stays) and returns the
 * message for the form's alert, or null when the fields say it all. `prefix` is stripped from the
 * server's field names (a form for one nested input object, e.g. `faults.`).
 */
export function applyServerErrors<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  t: Translate,
  fields: readonly string[],
  prefix = "",
): string | null {
  const { message = "", data } = (error ?? {}) as ServerError;
  let placed = false;
  for (const [key, messages] of Object.entries(data?.fieldErrors ?? {})) {
    const field = key.startsWith(prefix) ? key.slice(prefix.length) : key;
    if (!messages?.length || !(fields.includes(field) || field.startsWith("credentials."))) continue;
    setError(field as Path<T>, { type: "server", message: messages[0] });
    placed = true;
  }
  // credentials: the fields are marked, the alert says to look at them
  if (message === "credentialsInvalid") return t("formErrors.credentialsInvalid");
  if (placed) return null;
  if (data?.code === "CONFLICT") return t("formErrors.conflict");
  if (t.has(`formErrors.${message}`)) return t(`formErrors.${message}`);
  return t("formErrors.generic", { message });
}
