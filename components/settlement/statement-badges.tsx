"use client";

import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";

const VARIANT: Record<string, "success" | "warning" | "secondary" | "outline"> = { DRAFT: "warning", CONFIRMED: "outline", PAID_OUT: "success", VOIDED: "secondary" };

export function StatementStatusBadge({ status }: { status: string }) {
  const t = useTranslations("settlement.statuses");
  return (
    <Badge variant={VARIANT[status] ?? "secondary"} data-testid="statement-status" data-status={status}>
      {t(status as "DRAFT")}
    </Badge>
  );
}
