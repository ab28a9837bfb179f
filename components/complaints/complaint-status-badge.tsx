import { useTranslations } from "next-intl";
import { Badge, type BadgeProps } from "@/components/ui/badge";

const VARIANT: Record<string, NonNullable<BadgeProps["variant"]>> = { OPEN: "warning", ANSWERED: "outline", ESCALATED: "destructive", RESOLVED: "secondary" };

/** A complaint's status; a resolved one shows how (refunded, rejected, answer accepted). */
export function ComplaintStatusBadge({ status, resolution }: { status: "OPEN" | "ANSWERED" | "ESCALATED" | "RESOLVED"; resolution: "REFUNDED" | "REJECTED" | "WITHDRAWN" | null }) {
  const t = useTranslations("complaints");
  return (
    <Badge variant={status === "RESOLVED" && resolution === "REFUNDED" ? "success" : VARIANT[status]} data-testid="complaint-status" data-status={status}>
      {status === "RESOLVED" && resolution ? t(`resolution.${resolution}`) : t(`status.${status}`)}
    </Badge>
  );
}
