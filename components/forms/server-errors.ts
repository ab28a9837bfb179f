import type { FieldValues, Path, UseFormSetError } from "react-hook-form";

type Translate = { (key: string, values?: Record<string, string>): string; has(key: string): boolean };

/** A message key of `formErrors.*` translated; anything else (a channel's own wording) shown as a detail. */
export function translateFieldError(t: Translate, message: string | undefined): string | undefined {
  if (!message) return undefined;
  if (t.has(`formErrors.${message}`)) return t(`formErrors.${message}`);
  return t("formErrors.credentialInvalid", { detail: message });
}

type ServerError = { message?: string; data?: { fieldErrors?: Record<string, string[] | undefined>; appCode?: string; code?: string } | null };

/**
 * Puts a tRPC error's field errors on the form's fields (what the user typed stays) and returns the
 * message for the form's alert, if any is left.
 */
export function applyServerErrors<T extends FieldValues>(error: unknown, setError: UseFormSetError<T>, t: Translate, fields: readonly string[]): string | null {
  const { message = "", data } = (error ?? {}) as ServerError;
  let placed = false;
  for (const [field, messages] of Object.entries(data?.fieldErrors ?? {})) {
    if (!messages?.length) continue;
    const target = fields.includes(field) || field.startsWith("credentials.") ? field : null;
    if (target) {
      setError(target as Path<T>, { type: "server", message: messages[0] });
      placed = true;
    }
  }
  if (t.has(`formErrors.${message}`)) return placed && message === "credentialsInvalid" ? t("formErrors.credentialsInvalid") : placed ? null : t(`formErrors.${message}`);
  if (data?.code === "CONFLICT") return t("formErrors.conflict");
  return placed ? null : t("formErrors.generic", { message });
}
