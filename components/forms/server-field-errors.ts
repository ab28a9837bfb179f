import type { FieldValues, Path, UseFormSetError } from "react-hook-form";
import { FORM_ERROR_KEYS, type FormErrorKey } from "@/server/domain/form-text";

type TRPCClientErrorLike = { data?: { fieldErrors?: Record<string, string[] | undefined>; field?: string } | null };

/**
 * Puts the server's field errors on the form (zod message keys, or an AppError's field with the key
 * the caller names for it). Answers whether any field error was set, so the caller knows whether to
 * show a general message instead.
 */
export function applyFieldErrors<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  appErrorKey?: (field: string) => FormErrorKey | undefined,
): boolean {
  const data = (error as TRPCClientErrorLike).data;
  let applied = false;
  for (const [field, messages] of Object.entries(data?.fieldErrors ?? {})) {
    const key = messages?.[0];
    if (!key) continue;
    setError(field as Path<T>, { message: (FORM_ERROR_KEYS as readonly string[]).includes(key) ? key : "invalid" });
    applied = true;
  }
  if (data?.field && appErrorKey?.(data.field)) {
    setError(data.field as Path<T>, { message: appErrorKey(data.field) });
    applied = true;
  }
  return applied;
}
