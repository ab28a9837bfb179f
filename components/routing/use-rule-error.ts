"use client";

import { useTranslations } from "next-intl";

/** A zod issue message of the route-rule schema, translated (known keys), else a generic "invalid". */
export function useRuleError() {
  const t = useTranslations("routing.errors");
  return (message: string | undefined): string | undefined => {
    if (message === undefined) return undefined;
    return t.has(message as "invalid") ? t(message as "invalid") : t("invalid");
  };
}
