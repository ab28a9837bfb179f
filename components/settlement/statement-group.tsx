"use client";

import { useTranslations } from "next-intl";

/** The group a statement covers under its scope: the merchant, an app, a store (or orders without one). */
export function StatementGroup({ scope, groupKey, appNames }: { scope: string; groupKey: string; appNames?: Record<string, string> }) {
  const t = useTranslations("settlement.groups");
  if (scope === "APP") return <>{t("app", { name: appNames?.[groupKey] ?? groupKey })}</>;
  if (scope === "STORE") return <>{groupKey ? t("store", { name: groupKey }) : t("noStore")}</>;
  return <>{t("merchant")}</>;
}
