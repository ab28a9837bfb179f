"use client";

import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import type { RiskAction } from "@/server/domain/risk-rule-schema";

const ACTION_VARIANT = { ALLOW: "success", REVIEW: "warning", BLOCK: "destructive" } as const;
const STATUS_VARIANT = { ACTIVE: "success", DRAFT: "outline", DISABLED: "secondary", PENDING: "warning", APPROVED: "success", REJECTED: "destructive" } as const;

/** A rule's action or a decision, in words and colour: allow green, review amber, block red. */
export function RiskActionBadge({ action }: { action: RiskAction }) {
  const t = useTranslations("risk");
  return (
    <Badge variant={ACTION_VARIANT[action]} data-action={action}>
      {t(`actions.${action}`)}
    </Badge>
  );
}

/** A rule's status (draft, active, disabled) or a review's (pending, approved, rejected). */
export function RiskStatusBadge({ status }: { status: keyof typeof STATUS_VARIANT }) {
  const t = useTranslations("risk");
  return (
    <Badge variant={STATUS_VARIANT[status]} data-status={status} data-testid="risk-status">
      {t(`statuses.${status}`)}
    </Badge>
  );
}
