import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";

const VARIANT = { AVAILABLE: "success", LOCKED: "warning", USED: "secondary", EXPIRED: "outline" } as const;

/** A coupon's status (an AVAILABLE one past expiry arrives here as EXPIRED). */
export function CouponStatusBadge({ status }: { status: keyof typeof VARIANT }) {
  const t = useTranslations("buyers.couponStatus");
  return (
    <Badge variant={VARIANT[status]} data-status={status}>
      {t(status)}
    </Badge>
  );
}
