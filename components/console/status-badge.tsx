import { useTranslations } from "next-intl";
import { Badge, type BadgeProps } from "@/components/ui/badge";

type Kind = "orderStatus" | "refundStatus" | "paymentStatus" | "deliveryStatus" | "callbackResult";
type Variant = NonNullable<BadgeProps["variant"]>;

const VARIANTS: Record<string, Variant> = {
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

/** A status as a coloured, translated badge (orders, refunds, attempts, webhook deliveries, callbacks). */
export function StatusBadge({ kind, status }: { kind: Kind; status: string }) {
  const t = useTranslations(kind);
  return (
    <Badge variant={VARIANTS[status] ?? "outline"} data-status={status}>
      {t(status as never)}
    </Badge>
  );
}
