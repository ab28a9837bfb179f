"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Textarea } from "@/components/ui/textarea";
import { actionErrorKey } from "./action-error";

type Action = "approve" | "reject" | "retry";

/**
 * Approve / reject a refund held for review, or retry a FAILED one: each behind a confirmation dialog,
 * rejection with a required reason. The page refreshes from the server afterwards.
 */
export function RefundActions({ mchNo, refundNo, status, amountLabel }: { mchNo: string; refundNo: string; status: string; amountLabel: string }) {
  const t = useTranslations("refunds");
  const tErr = useTranslations("actionErrors");
  const router = useRouter();
  const trpc = useTRPC();
  const [action, setAction] = useState<Action | null>(null);
  const [note, setNote] = useState("");
  const [noteMissing, setNoteMissing] = useState(false);
  const done = { onSuccess: () => (setAction(null), router.refresh()) };
  const review = useMutation(trpc.refunds.review.mutationOptions(done));
  const retry = useMutation(trpc.refunds.retry.mutationOptions(done));
  const pending = review.isPending || retry.isPending;
  const error = review.error ?? retry.error;

  const open = (next: Action) => {
    review.reset();
    retry.reset();
    setNote("");
    setNoteMissing(false);
    setAction(next);
  };
  const confirm = () => {
    if (action === "retry") return retry.mutate({ mchNo, refundNo });
    if (action === "reject" && !note.trim()) return setNoteMissing(true);
    if (action === "approve") review.mutate({ mchNo, refundNo, decision: "approve", note: note.trim() });
    if (action === "reject") review.mutate({ mchNo, refundNo, decision: "reject", note: note.trim() });
  };

  if (status !== "PENDING_REVIEW" && status !== "FAILED") return null;
  return (
    <div className="flex gap-2">
      {status === "PENDING_REVIEW" ? (
        <>
          <Button size="sm" onClick={() => open("approve")}>
            {t("approve")}
          </Button>
          <Button size="sm" variant="outline" onClick={() => open("reject")}>
            {t("reject")}
          </Button>
        </>
      ) : (
        <Button size="sm" variant="outline" onClick={() => open("retry")}>
          {t("retry")}
        </Button>
      )}
      <Dialog open={action !== null} onOpenChange={(next) => !next && setAction(null)}>
        <DialogContent closeLabel={t("cancel")}>
          <DialogHeader>
            <DialogTitle>{action && t(`${action}Title`)}</DialogTitle>
            <DialogDescription>{action && t(`${action}Description`, { amount: amountLabel })}</DialogDescription>
          </DialogHeader>
          {error && (
            <Alert variant="destructive">
              <AlertDescription>{tErr(actionErrorKey(error))}</AlertDescription>
            </Alert>
          )}
          {action !== "retry" && (
            <FormField
              id={`review-note-${refundNo}`}
              label={action === "reject" ? t("rejectReasonLabel") : t("noteLabel")}
              required={action === "reject"}
              error={noteMissing ? t("reasonRequired") : undefined}
            >
              <Textarea rows={2} maxLength={256} value={note} onChange={(e) => setNote(e.target.value)} />
            </FormField>
          )}
          <DialogFooter>
            <Button variant="ghost" onClick={() => setAction(null)}>
              {t("cancel")}
            </Button>
            <Button variant={action === "reject" ? "destructive" : "default"} disabled={pending} onClick={confirm}>
              {t("confirm")}
            </Button>
          </DialogFooter>
        </DialogContent>
      </Dialog>
    </div>
  );
}
