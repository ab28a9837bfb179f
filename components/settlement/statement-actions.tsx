"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { localDate } from "@/server/domain/report-range";
import { payoutSchema, voidSchema } from "@/server/domain/settlement-schema";
import type { PayoutAccount } from "@/server/services/settlement/statement-view";
import { settlementErrorKey } from "./settlement-error";

type Props = { mchNo: string; statementNo: string; status: string; payoutAccount: PayoutAccount | null; onDone: () => void };

/** What finance may do next with a statement: confirm a draft, record the payout of a confirmed one, void either into the next statement. */
export function StatementActions({ mchNo, statementNo, status, payoutAccount, onDone }: Props) {
  const t = useTranslations("settlement.actions");
  const tErrors = useTranslations("settlement.errors");
  const trpc = useTRPC();
  const [dialog, setDialog] = useState<"confirm" | "void" | "payout" | null>(null);
  const close = () => setDialog(null);
  const finish = () => {
    close();
    onDone();
  };
  const confirm = useMutation(trpc.settlement.confirm.mutationOptions({ onSuccess: finish }));
  const voidIt = useMutation(trpc.settlement.void.mutationOptions({ onSuccess: finish }));
  const payout = useMutation(trpc.settlement.payout.mutationOptions({ onSuccess: finish }));
  const voidForm = useForm<z.input<typeof voidSchema>, unknown, z.output<typeof voidSchema>>({ resolver: zodResolver(voidSchema), defaultValues: { reason: "" } });
  const payoutForm = useForm<z.input<typeof payoutSchema>, unknown, z.output<typeof payoutSchema>>({
    resolver: zodResolver(payoutSchema),
    defaultValues: { reference: "", paidAt: localDate(new Date()), note: "" },
  });
  const open = (which: "confirm" | "void" | "payout") => {
    confirm.reset();
    voidIt.reset();
    payout.reset();
    voidForm.reset();
    payoutForm.reset({ reference: "", paidAt: localDate(new Date()), note: "" });
    setDialog(which);
  };
  const error = confirm.error ?? voidIt.error ?? payout.error;
  const errorAlert = error && (
    <Alert variant="destructive">
      <AlertDescription>{tErrors(settlementErrorKey(error))}</AlertDescription>
    </Alert>
  );
  if (status !== "DRAFT" && status !== "CONFIRMED") return null;
  const account = payoutAccount && [payoutAccount.holder, payoutAccount.bank, payoutAccount.account].filter(Boolean).join(" · ");
  return (
    <div className="flex flex-wrap gap-2">
      {status === "DRAFT" && (
        <Button size="sm" onClick={() => open("confirm")} data-testid="confirm-statement">
          {t("confirm")}
        </Button>
      )}
      {status === "CONFIRMED" && (
        <Button size="sm" onClick={() => open("payout")} data-testid="record-payout">
          {t("payout")}
        </Button>
      )}
      <Button size="sm" variant="outline" onClick={() => open("void")} data-testid="void-statement">
        {t("void")}
      </Button>

      <Dialog open={dialog === "confirm"} onOpenChange={(o) => !o && close()}>
        <DialogContent closeLabel={t("cancel")}>
          <DialogHeader>
            <DialogTitle>{t("confirmTitle")}</DialogTitle>
            <DialogDescription>{t("confirmBody")}</DialogDescription>
          </DialogHeader>
          {errorAlert}
          <DialogFooter>
            <Button type="button" variant="ghost" onClick={close}>
              {t("cancel")}
            </Button>
            <Button onClick={() => confirm.mutate({ mchNo, statementNo })} disabled={confirm.isPending} data-testid="confirm-submit">
              {t("confirm")}
            </Button>
          </DialogFooter>
        </DialogContent>
      </Dialog>

      <Dialog open={dialog === "void"} onOpenChange={(o) => !o && close()}>
        <DialogContent closeLabel={t("cancel")}>
          <form onSubmit={voidForm.handleSubmit((values) => voidIt.mutate({ mchNo, statementNo, ...values }))} className="grid gap-4">
            <DialogHeader>
              <DialogTitle>{t("voidTitle")}</DialogTitle>
              <DialogDescription>{t("voidBody")}</DialogDescription>
            </DialogHeader>
            {errorAlert}
            <FormField id="void-reason" label={t("voidReason")} required error={voidForm.formState.errors.reason && t("required")}>
              <Textarea rows={3} maxLength={200} {...voidForm.register("reason")} />
            </FormField>
            <DialogFooter>
              <Button type="button" variant="ghost" onClick={close}>
                {t("cancel")}
              </Button>
              <Button type="submit" variant="destructive" disabled={voidIt.isPending} data-testid="void-submit">
                {t("void")}
              </Button>
            </DialogFooter>
          </form>
        </DialogContent>
      </Dialog>

      <Dialog open={dialog === "payout"} onOpenChange={(o) => !o && close()}>
        <DialogContent closeLabel={t("cancel")}>
          <form onSubmit={payoutForm.handleSubmit((values) => payout.mutate({ mchNo, statementNo, ...values }))} className="grid gap-4">
            <DialogHeader>
              <DialogTitle>{t("payoutTitle")}</DialogTitle>
              <DialogDescription>{t("payoutBody")}</DialogDescription>
            </DialogHeader>
            {errorAlert}
            <div className="rounded-md border bg-muted/40 p-3 text-sm" data-testid="payout-account">
              <div className="text-xs text-muted-foreground">{t("account")}</div>
              <div>{account || <span className="text-warning-foreground">{t("noAccount")}</span>}</div>
            </div>
            <FormField id="payout-reference" label={t("reference")} required error={payoutForm.formState.errors.reference && t("required")}>
              <Input maxLength={64} autoComplete="off" {...payoutForm.register("reference")} />
            </FormField>
            <FormField
              id="payout-date"
              label={t("paidAt")}
              required
              error={payoutForm.formState.errors.paidAt && (payoutForm.formState.errors.paidAt.message === "notInFuture" ? tErrors("notInFuture") : t("required"))}
            >
              <Input type="date" max={localDate(new Date())} {...payoutForm.register("paidAt")} />
            </FormField>
            <FormField id="payout-note" label={t("note")}>
              <Textarea rows={2} maxLength={200} {...payoutForm.register("note")} />
            </FormField>
            <DialogFooter>
              <Button type="button" variant="ghost" onClick={close}>
                {t("cancel")}
              </Button>
              <Button type="submit" disabled={payout.isPending} data-testid="payout-submit">
                {t("submit")}
              </Button>
            </DialogFooter>
          </form>
        </DialogContent>
      </Dialog>
    </div>
  );
}
