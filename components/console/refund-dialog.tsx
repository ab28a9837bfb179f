"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { type ConsoleRefundForm, consoleRefundSchema } from "@/server/domain/refund-schema";
import { actionErrorKey } from "./action-error";

/**
 * "Refund" on an order's page (FINANCE, OWNER): amount in yuan and a reason, validated by the same
 * schema as the server. The request id is fixed while the dialog is open, so a double submit refunds once.
 */
export function RefundDialog({ mchNo, payOrderNo, refundableLabel }: { mchNo: string; payOrderNo: string; refundableLabel: string }) {
  const t = useTranslations("refunds");
  const tErr = useTranslations("actionErrors");
  const router = useRouter();
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const form = useForm<ConsoleRefundForm>({
    // raw: the form keeps and sends the yuan as typed; the server's parse turns them into fen.
    resolver: zodResolver(consoleRefundSchema, undefined, { raw: true }),
    defaultValues: { payOrderNo, amount: "", reason: "", requestId: crypto.randomUUID() },
  });
  const refund = useMutation(
    trpc.payOrders.refund.mutationOptions({
      onSuccess: () => {
        setOpen(false);
        form.reset({ payOrderNo, amount: "", reason: "", requestId: crypto.randomUUID() });
        router.refresh();
      },
    }),
  );
  const { errors } = form.formState;
  const fieldError = (message?: string) => {
    if (!message) return undefined;
    if (message === "amountFormat" || message === "amountPositive" || message === "amountTooLarge") return t(message);
    return t("reasonRequired");
  };

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) refund.reset();
      }}
    >
      <DialogTrigger asChild>
        <Button variant="outline">{t("refundButton")}</Button>
      </DialogTrigger>
      <DialogContent closeLabel={t("cancel")}>
        <form
          onSubmit={(event) => {
            // the previous answer's error goes away with the next try, whether or not this one passes the form's checks
            refund.reset();
            return form.handleSubmit((values) => refund.mutate({ mchNo, ...values }))(event);
          }}
          noValidate
          className="grid gap-4"
        >
          <DialogHeader>
            <DialogTitle>{t("dialogTitle")}</DialogTitle>
            <DialogDescription>{t("dialogDescription", { amount: refundableLabel })}</DialogDescription>
          </DialogHeader>
          {refund.error && (
            <Alert variant="destructive">
              <AlertDescription>{tErr(actionErrorKey(refund.error))}</AlertDescription>
            </Alert>
          )}
          <FormField id="refund-amount" label={t("amountLabel")} required error={fieldError(errors.amount?.message)}>
            <Input inputMode="decimal" autoComplete="off" placeholder="0.00" {...form.register("amount")} />
          </FormField>
          <FormField id="refund-reason" label={t("reasonLabel")} required error={fieldError(errors.reason?.message)}>
            <Textarea rows={2} maxLength={256} {...form.register("reason")} />
          </FormField>
          <DialogFooter>
            <Button type="button" variant="ghost" onClick={() => setOpen(false)}>
              {t("cancel")}
            </Button>
            <Button type="submit" disabled={refund.isPending}>
              {refund.isPending ? t("submitting") : t("submit")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
