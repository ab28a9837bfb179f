"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import { settlementErrorKey } from "./settlement-error";

/** Cuts the statements that are due now (the last closed T+1 day, or D0's last hour) instead of waiting for the schedule. */
export function CutNowButton({ mchNo }: { mchNo: string }) {
  const t = useTranslations("settlement");
  const router = useRouter();
  const trpc = useTRPC();
  const cut = useMutation(trpc.settlement.cutNow.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <div className="flex items-center gap-2">
      {cut.data && (
        <span className="text-sm text-muted-foreground" role="status">
          {cut.data.statementNos.length ? t("cutNow.done", { count: cut.data.statementNos.length }) : t("cutNow.none")}
        </span>
      )}
      {cut.error && <span className="text-sm text-destructive">{t(`errors.${settlementErrorKey(cut.error)}`)}</span>}
      <Button size="sm" onClick={() => cut.mutate({ mchNo })} disabled={cut.isPending} data-testid="cut-now">
        {t("cutNow.button")}
      </Button>
    </div>
  );
}
