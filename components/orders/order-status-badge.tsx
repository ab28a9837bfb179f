import { useTranslations } from "next-intl";
import { Badge, type BadgeProps } from "@/components/ui/badge";
import { knownMessage } from "@/server/i18n/known-message";

type Variant = NonNullable<BadgeProps["variant"]>;

const VARIANTS: Record<string, Variant> = {
  PENDING_PAYMENT: "outline",
  DEPOSIT_PAID: "warning",
  PAID: "success",
  COMPLETED: "secondary",
  CANCELLED: "destructive",
  SPLIT: "secondary",
};

/** An order-center status as a translated badge (待支付 … 已完成); the in-between steps of a flow are blue-ish outline. */
export function OrderStatusBadge({ status, testId }: { status: string; testId?: string }) {
  const t = useTranslations("orderCenter.status");
  return (
    <Badge variant={VARIANTS[status] ?? "default"} data-status={status} data-testid={testId}>
      {knownMessage(t, status, status)}
    </Badge>
  );
}

/** 超时未发货: paid and not shipped within the app's shipWithinHours. */
export function OverdueBadge() {
  const t = useTranslations("orderCenter.list");
  return (
    <Badge variant="destructive" data-testid="overdue-badge">
      {t("overdue")}
    </Badge>
  );
}
