import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";

const VARIANT = { FIRING: "destructive", ACKNOWLEDGED: "warning", RESOLVED: "success" } as const;

/** An incident's status, coloured like the other status badges. */
export function IncidentStatusBadge({ status }: { status: keyof typeof VARIANT }) {
  const t = useTranslations("alerts.status");
  return (
    <Badge variant={VARIANT[status]} data-status={status} data-testid="incident-status">
      {t(status)}
    </Badge>
  );
}
