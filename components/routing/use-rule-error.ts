"use client";

import { useTranslations } from "next-intl";
import { knownMessage } from "@/server/i18n/known-message";

/** A zod issue message of the route-rule schema, translated (known keys), else a generic "invalid". */
export function useRuleError() {
  const t = useTranslations("routing.errors");
  return (message: string | undefined): string | undefined => {
    if (message === undefined) return undefined;
    return knownMessage(t, message, t("invalid"));
  };
}
