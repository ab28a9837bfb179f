import { useTranslations } from "next-intl";
import { Badge, type BadgeProps } from "@/components/ui/badge";
import { knownMessage } from "@/server/i18n/known-message";

type Kind = "merchantStatus" | "orderStatus" | "refundStatus" | "paymentStatus" | "deliveryStatus" | "callbackResult";
type Variant = NonNullable<BadgeProps["variant"]>;

const VARIANTS: Record<string, Variant> = {
  ACTIVE: "success",
  DRAFT: "outline",
  SUSPENDED: "destructive",
  PAID: "success",
  SUCCEEDED: "success",
  ACCEPTED: "success",
  PARTIALLY_REFUNDED: "warning",
  REFUNDED: "secondary",
  PENDING: "outline",
  PENDING_REVIEW: "warning",
  PROCESSING: "outline",
  CREATED: "outline",
  UNKNOWN: "warning",
  CLOSED: "secondary",
  FAILED: "destructive",
  REJECTED: "destructive",
  INVALID_SIGNATURE: "destructive",
  MISMATCH: "destructive",
  UNKNOWN_TRADE: "warning",
  ERROR: "destructive",
};

/** A status as a coloured, translated badge (merchants, orders, refunds, attempts, webhook deliveries, callbacks), one colour rule for all. */
export function StatusBadge({ kind, status, testId }: { kind: Kind; status: string; testId?: string }) {
  const t = useTranslations(kind);
  return (
    <Badge variant={VARIANTS[status] ?? "outline"} data-status={status} data-testid={testId}>
      {knownMessage(t, status, status)}
    </Badge>
  );
}
