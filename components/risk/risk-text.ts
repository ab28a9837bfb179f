"use client";

import { useLocale, useTranslations } from "next-intl";
import { formatMoney } from "@/server/domain/money";
import type { RiskHit } from "@/server/domain/risk";
import type { RiskCondition, RiskListKind } from "@/server/domain/risk-rule-schema";
import { knownMessage } from "@/server/i18n/known-message";

const digits = (text: string) => (/^\d+$/.test(text) ? BigInt(text) : 0n);

/**
 * Rules and hits in words, per condition type, in the page's language: "单笔金额超过 ¥1,000.00",
 * "单笔金额 ¥1,200.00 超过 ¥1,000.00". Amounts are fen (digits in a hit), shown as money.
 */
export function useRiskText() {
  const t = useTranslations("risk");
  const locale = useLocale();
  const money = (fen: bigint | number) => formatMoney(fen, "CNY", locale);
  const kind = (k: string) => knownMessage(t, `listKinds.${k}`, k);
  const dimension = (d: string) => knownMessage(t, `dimensions.${d}`, d);
  const kinds = (list: string) => list.split(",").filter(Boolean).map(kind).join(locale.startsWith("zh") ? "、" : ", ");

  const condition = (c: RiskCondition): string => {
    switch (c.type) {
      case "amount_over":
        return t("conditionText.amount_over", { amount: money(c.amount) });
      case "daily_amount_over":
        return t("conditionText.daily_amount_over", { dimension: dimension(c.dimension), amount: money(c.amount) });
      case "daily_count_over":
        return t("conditionText.daily_count_over", { dimension: dimension(c.dimension), count: c.count });
      case "velocity":
        return t("conditionText.velocity", { dimension: dimension(c.dimension), count: c.count, minutes: c.windowMinutes });
      case "blacklisted":
        return t("conditionText.blacklisted", { kinds: c.kinds.map(kind).join(locale.startsWith("zh") ? "、" : ", ") });
      case "duplicate_order":
        return t("conditionText.duplicate_order", { minutes: c.withinMinutes });
      case "abnormal_amount":
        return t("conditionText.abnormal_amount", { percent: c.multiplePercent, samples: c.minSamples });
      case "address_incomplete":
        return t("conditionText.address_incomplete");
      case "address_orders_over":
        return t("conditionText.address_orders_over", { count: c.count, hours: c.windowHours });
    }
  };

  const hit = (h: RiskHit): string => {
    switch (h.condition) {
      case "amount_over":
      case "daily_amount_over":
      case "abnormal_amount":
        return t(`hitText.${h.condition}`, { observed: money(digits(h.observed)), limit: money(digits(h.limit)) });
      case "daily_count_over":
      case "velocity":
      case "duplicate_order":
      case "address_orders_over":
        return t(`hitText.${h.condition}`, { observed: h.observed, limit: h.limit });
      case "blacklisted":
        return t("hitText.blacklisted", { kinds: kinds(h.observed) });
      case "address_incomplete":
        return t("hitText.address_incomplete");
      default:
        return t("hitText.other");
    }
  };

  return { condition, hit, kind: (k: RiskListKind) => kind(k), money };
}
