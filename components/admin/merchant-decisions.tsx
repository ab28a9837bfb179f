"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import { ReasonDialog } from "./reason-dialog";

/** The operator's buttons for a merchant in its current status: approve / reject, suspend / reinstate. */
export function MerchantDecisions({ mchNo, status }: { mchNo: string; status: string }) {
  const t = useTranslations("adminActions");
  const router = useRouter();
  const trpc = useTRPC();
  const approve = useMutation(trpc.admin.approve.mutationOptions());
  const reject = useMutation(trpc.admin.reject.mutationOptions());
  const suspend = useMutation(trpc.admin.suspend.mutationOptions());
  const reinstate = useMutation(trpc.admin.reinstate.mutationOptions());
  const [failed, setFailed] = useState(false);

  async function run(action: () => Promise<unknown>): Promise<boolean> {
    setFailed(false);
    try {
      await action();
      router.refresh();
      return true;
    } catch {
      setFailed(true);
      return false;
    }
  }

  return (
    <div className="flex flex-wrap items-center justify-end gap-2">
      {failed && <span className="text-xs text-destructive">{t("failed")}</span>}
      {status === "PENDING_REVIEW" && (
        <>
          <Button size="sm" data-testid="approve" disabled={approve.isPending} onClick={() => run(() => approve.mutateAsync({ mchNo }))}>
            {t("approve")}
          </Button>
          <ReasonDialog
            trigger={t("reject")}
            title={t("rejectTitle", { mchNo })}
            description={t("rejectHint")}
            confirm={t("reject")}
            testId="reject"
            onConfirm={(reason) => run(() => reject.mutateAsync({ mchNo, reason }))}
          />
        </>
      )}
      {status === "ACTIVE" && (
        <ReasonDialog
          trigger={t("suspend")}
          title={t("suspendTitle", { mchNo })}
          description={t("suspendHint")}
          confirm={t("suspend")}
          triggerVariant="outline"
          testId="suspend"
          onConfirm={(reason) => run(() => suspend.mutateAsync({ mchNo, reason }))}
        />
      )}
      {status === "SUSPENDED" && (
        <Button size="sm" variant="outline" data-testid="reinstate" disabled={reinstate.isPending} onClick={() => run(() => reinstate.mutateAsync({ mchNo }))}>
          {t("reinstate")}
        </Button>
      )}
    </div>
  );
}
