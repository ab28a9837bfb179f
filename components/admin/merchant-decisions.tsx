"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { ReasonDialog } from "./reason-dialog";

/** The operator's buttons for a merchant in its current status: approve / reject, suspend / reinstate — each asks first (a dialog). */
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
          <ConfirmButton
            label={t("approve")}
            title={t("approveTitle", { mchNo })}
            description={t("approveHint")}
            confirm={t("approve")}
            cancel={t("cancel")}
            testId="approve"
            disabled={approve.isPending}
            onConfirm={() => run(() => approve.mutateAsync({ mchNo }))}
          />
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
        <ConfirmButton
          label={t("reinstate")}
          title={t("reinstateTitle", { mchNo })}
          description={t("reinstateHint")}
          confirm={t("reinstate")}
          cancel={t("cancel")}
          variant="outline"
          testId="reinstate"
          disabled={reinstate.isPending}
          onConfirm={() => run(() => reinstate.mutateAsync({ mchNo }))}
        />
      )}
    </div>
  );
}
