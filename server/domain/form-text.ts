import { z } from "zod";

/** No control characters (newlines, NUL, escapes) and no lone surrogates (not Unicode) in single-line fields. */
const SINGLE_LINE = /^[^\p{Cc}\p{Cs}]*$/u;

/**
 * A trimmed single-line text field. Errors are message keys (`required`, `tooLong`, `invalidChars`)
 * the forms translate under `formErrors.*`, so the client and the server speak the same keys.
 */
export function singleLine(min: number, max: number) {
  return z
    .string({ error: "required" })
    .trim()
    .min(min, { error: min <= 1 ? "required" : "tooShort" })
    .max(max, { error: "tooLong" })
    .regex(SINGLE_LINE, { error: "invalidChars" });
}

export const emailField = z
  .string({ error: "emailInvalid" })
  .trim()
  .max(254, { error: "tooLong" })
  .pipe(z.email({ error: "emailInvalid" }))
  .transform((email) => email.toLowerCase());

/** The message keys the shared schemas use, for the forms' translations. */
export const FORM_ERROR_KEYS = [
  "required",
  "tooShort",
  "tooLong",
  "invalidChars",
  "emailInvalid",
  "passwordWeak",
  "phoneInvalid",
  "creditCodeLength",
  "creditCodeCharset",
  "creditCodeCheckDigit",
  "accountNumberInvalid",
  "categoryInvalid",
  "roleInvalid",
  "emailTaken",
  "alreadyMember",
  "invitePending",
] as const;
export type FormErrorKey = (typeof FORM_ERROR_KEYS)[number];
