"use client";

import { useTranslations } from "next-intl";
import { minorToDecimal } from "@/server/domain/money";
import type { RouteRuleInput } from "@/server/domain/route-rule-schema";
import type { EditorAccount } from "./route-rule-fields";

/** One line saying what a rule matches and where it sends the payment. */
export function RuleSummary({ rule, accounts }: { rule: RouteRuleInput; accounts: EditorAccount[] }) {
  const t = useTranslations("routing");
  const c = rule.conditions;
  const parts: string[] = [];
  const yuan = (fen: number | null) => (fen === null || fen < 0 ? "…" : `¥${minorToDecimal(fen)}`);
  if (c.minAmount !== null || c.maxAmount !== null) parts.push(t("summaryAmount", { min: c.minAmount === null ? "¥0" : yuan(c.minAmount), max: c.maxAmount === null ? "∞" : yuan(c.maxAmount) }));
  if (c.modes.length) parts.push(t("summaryModes", { modes: c.modes.join("/") }));
  if (c.entries.length) parts.push(t("summaryEntries", { entries: c.entries.map((e) => t(`entryNames.${e}`)).join("/") }));
  if (c.metadata.length) parts.push(t("summaryMetadata", { pairs: c.metadata.map((m) => `${m.key}=${m.value}`).join(", ") }));
  if (c.timeOfDay) parts.push(t("summaryTime", c.timeOfDay));
  const names = new Map(accounts.map((a) => [a.id, a.name]));
  const targets = rule.targets.length ? rule.targets.map((x) => (rule.strategy === "weighted" ? `${names.get(x.accountId) ?? "?"} ${x.weight}%` : names.get(x.accountId) ?? "?")).join(" → ") : t("targetsDefault");
  return (
    <p className="text-sm text-muted-foreground">
      {parts.length ? parts.join(" · ") : t("summaryAny")} ⇒ <span className="text-foreground">{t(`strategies.${rule.strategy}`)}</span>: {targets}
    </p>
  );
}
