"use client";

import { useTranslations } from "next-intl";
import type { AlertKind } from "@/server/domain/alert-rule-schema";
import { knownMessage } from "@/server/i18n/known-message";

/** A rule's condition in product words: "成功率低于 70%（至少 20 笔）", from its kind and params. */
export function useAlertWords() {
  const t = useTranslations("alerts");
  const values = (params: unknown) =>
    Object.fromEntries(Object.entries((params ?? {}) as Record<string, unknown>).map(([k, v]) => [k, typeof v === "number" ? v : String(v)]));
  return {
    kind: (kind: AlertKind) => knownMessage(t, `kinds.${kind}`, kind),
    summary: (kind: AlertKind, params: unknown) => knownMessage(t, `summary.${kind}`, kind, values(params)),
    measured: (kind: AlertKind, value: number | null, threshold: number | null) =>
      value === null ? "—" : knownMessage(t, `measured.${kind}`, String(value), { value: round(value), threshold: threshold === null ? "—" : round(threshold) }),
  };
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
