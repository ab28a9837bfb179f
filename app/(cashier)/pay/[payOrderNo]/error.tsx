"use client";

import { CircleAlert } from "lucide-react";
import { useTranslations } from "next-intl";
import { CashierMessage } from "@/components/cashier/cashier-message";
import { Button } from "@/components/ui/button";

// anything unexpected while showing the cashier: a friendly card, never a stack trace
export default function CashierError({ reset }: { error: Error; reset: () => void }) {
  const t = useTranslations("cashier");
  return (
    <CashierMessage
      icon={<CircleAlert className="size-12 text-destructive" aria-hidden="true" />}
      title={t("errorTitle")}
      body={t("errorBody")}
      action={
        <Button size="lg" className="h-12 w-full text-base" onClick={reset}>
          {t("retry")}
        </Button>
      }
    />
  );
}
