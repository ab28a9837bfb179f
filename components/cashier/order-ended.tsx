import { CircleX, Hourglass, Store } from "lucide-react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { CashierMessage } from "./cashier-message";

const ICONS = {
  expired: <Hourglass className="size-12 text-warning" aria-hidden="true" />,
  closed: <CircleX className="size-12 text-muted-foreground" aria-hidden="true" />,
  unavailable: <Store className="size-12 text-muted-foreground" aria-hidden="true" />,
};

/** An order that can no longer be paid here: expired, closed, or its merchant cannot take payments. */
export function OrderEnded({ reason, returnUrl }: { reason: keyof typeof ICONS; returnUrl: string | null }) {
  const t = useTranslations("cashier");
  return (
    <CashierMessage
      icon={ICONS[reason]}
      title={t(`${reason}Title`)}
      body={t(`${reason}Body`)}
      action={
        returnUrl && (
          <Button asChild variant="outline" size="lg" className="h-12 w-full text-base">
            <a href={returnUrl}>{t("returnNow")}</a>
          </Button>
        )
      }
    />
  );
}
