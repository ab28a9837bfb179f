"use client";

import { useTranslations } from "next-intl";
import type { FieldError } from "react-hook-form";
import { knownMessage } from "@/server/i18n/known-message";

/** Translates a field's error (a message key of the shared schemas) for FormField's `error`. */
export function useFormError() {
  const t = useTranslations("formErrors");
  return (error: FieldError | undefined) => (error?.message ? knownMessage(t, error.message, t("invalid")) : undefined);
}
