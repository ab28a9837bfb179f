import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";

const STATUS_VARIANT = { PENDING: "outline", SUCCEEDED: "success", FAILED: "destructive" } as const;
const PART_VARIANT = { PENDING: "outline", LOCKED: "warning", CONFIRMED: "success", RELEASED: "secondary", REFUNDING: "warning", REFUNDED: "secondary" } as const;

/** A trade's status as the Open API says it, with the coordinator's phase beside it while that says more (确认中, 补偿中…). */
export function TradeStatusBadge({ status, phase }: { status: keyof typeof STATUS_VARIANT; phase: string }) {
  const t = useTranslations("trades");
  return (
    <span className="inline-flex flex-wrap items-center gap-1">
      <Badge variant={STATUS_VARIANT[status]} data-status={status} data-testid="trade-status">
        {t(`status.${status}`)}
      </Badge>
      {phase !== status && (
        <Badge variant="outline" data-phase={phase}>
          {t(`phase.${phase as "CONFIRMING"}`)}
        </Badge>
      )}
    </span>
  );
}

export function TradePartStatusBadge({ status }: { status: keyof typeof PART_VARIANT }) {
  const t = useTranslations("trades.partStatus");
  return (
    <Badge variant={PART_VARIANT[status]} data-status={status}>
      {t(status)}
    </Badge>
  );
}
