import type { FieldValues, Path, UseFormSetError } from "react-hook-form";
import { FORM_ERROR_KEYS, type FormErrorKey } from "@/server/domain/form-text";

import { knownMessage } from "@/server/i18n/known-message";

type Translate = Parameters<typeof knownMessage>[0];

type ServerError = {
  message?: string;
  data?: { fieldErrors?: Record<string, string[] | undefined>; field?: string; code?: string } | null;
};

/** A message key of `formErrors.*` translated; anything else (a channel schema's own wording) shown as a detail. */
export function translateFieldError(t: Translate, message: string | undefined): string | undefined {
  if (!message) return undefined;
  return knownMessage(t, `formErrors.${message}`, knownMessage(t, "formErrors.credentialInvalid", message, { detail: message }));
}

/**
 * The one place a tRPC error's field errors (init.ts's `fieldErrors`, from zod or an AppError naming a
 * field) land on a react-hook-form form; what the user typed stays. `accept` picks the fields the form
 * shows (and strips a prefix such as `faults.`), `message` turns the server's message key into the form's.
 * Answers whether any field error was placed.
 */
function placeFieldErrors<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  accept: (serverField: string) => string | null,
  message: (key: string) => string,
): boolean {
  const { data } = (error ?? {}) as ServerError;
  let placed = false;
  for (const [key, messages] of Object.entries(data?.fieldErrors ?? {})) {
    const field = accept(key);
    if (!messages?.[0] || !field) continue;
    setError(field as Path<T>, { type: "server", message: message(messages[0]) });
    placed = true;
  }
  return placed;
}

/**
 * Forms with an alert line (apps, channel accounts): places the field errors of the listed `fields` and
 * returns the message for the form's alert, or null when the fields say it all.
 */
export function applyServerErrors<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  t: Translate,
  fields: readonly string[],
  prefix = "",
): string | null {
  const { message = "", data } = (error ?? {}) as ServerError;
  const placed = placeFieldErrors(
    error,
    setError,
    (key) => {
      const field = key.startsWith(prefix) ? key.slice(prefix.length) : key;
      return fields.includes(field) || field.startsWith("credentials.") ? field : null;
    },
    (key) => key,
  );
  // credentials: the fields are marked, the alert says to look at them
  if (message === "credentialsInvalid") return knownMessage(t, "formErrors.credentialsInvalid", message);
  if (placed) return null;
  if (data?.code === "CONFLICT") return knownMessage(t, "formErrors.conflict", message);
  return knownMessage(t, `formErrors.${message}`, knownMessage(t, "formErrors.generic", message, { message }));
}

/**
 * Forms whose messages are `form-text` keys (sign-up, profile, members): places every field error (an
 * unknown key becomes "invalid"), plus an AppError's field with the key `appErrorKey` names for it.
 * Answers whether anything was placed, so the caller knows whether to show a general message instead.
 */
export function applyFieldErrors<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  appErrorKey?: (field: string) => FormErrorKey | undefined,
): boolean {
  const known = FORM_ERROR_KEYS as readonly string[];
  let placed = placeFieldErrors(error, setError, (key) => key, (key) => (known.includes(key) ? key : "invalid"));
  const field = ((error ?? {}) as ServerError).data?.field;
  const key = field ? appErrorKey?.(field) : undefined;
  if (field && key) {
    setError(field as Path<T>, { type: "server", message: key });
    placed = true;
  }
  return placed;
}
