"use client";

import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";

const RUN_VARIANT: Record<string, "success" | "warning" | "destructive" | "secondary"> = {
  QUEUED: "secondary",
  DOWNLOADING: "warning",
  MATCHING: "warning",
  REPAIRING: "warning",
  SUCCEEDED: "success",
  FAILED: "destructive",
};

export function RunStatusBadge({ status }: { status: keyof typeof RUN_VARIANT | string }) {
  const t = useTranslations("reconciliation.runStatus");
  return (
    <Badge variant={RUN_VARIANT[status] ?? "secondary"} data-testid="run-status">
      {t(status as "QUEUED")}
    </Badge>
  );
}

const DIFFERENCE_VARIANT: Record<string, "success" | "warning" | "destructive" | "secondary"> = { EXPECTED: "secondary", OPEN: "warning", RESOLVED: "success" };

export function DifferenceStatusBadge({ status, resolution }: { status: string; resolution?: string | null }) {
  const t = useTranslations("reconciliation");
  return (
    <Badge variant={DIFFERENCE_VARIANT[status] ?? "secondary"} data-testid="difference-status">
      {status === "RESOLVED" && resolution ? t(`resolutions.${resolution}` as "resolutions.EXPLAINED") : t(`differenceStatus.${status}` as "differenceStatus.OPEN")}
    </Badge>
  );
}

export function DifferenceTypeBadge({ type }: { type: string }) {
  const t = useTranslations("reconciliation");
  return (
    <Badge variant={type === "MISSING_LOCAL" || type === "MISSING_CHANNEL" ? "destructive" : "outline"} title={t(`typeHelp.${type}` as "typeHelp.FEE_MISMATCH")}>
      {t(`types.${type}` as "types.FEE_MISMATCH")}
    </Badge>
  );
}
