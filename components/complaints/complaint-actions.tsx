"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
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
import { answerComplaintSchema, type RefundComplaintForm, refundComplaintSchema, rejectComplaintSchema } from "@/server/domain/complaint-schema";
import { knownMessage } from "@/server/i18n/known-message";

/** Where the actions go: the merchant console (scoped by mchNo) or the operator platform. */
export type ComplaintScope = { kind: "merchant"; mchNo: string } | { kind: "admin" };

function useErrorText() {
  const t = useTranslations("complaints.console");
  return (error: unknown) => {
    const data = error instanceof TRPCClientError ? (error.data as { appCode?: string } | undefined) : undefined;
    return knownMessage(t, `errors.${data?.appCode ?? "generic"}`, t("errors.generic"));
  };
}

function useActions(scope: ComplaintScope, onDone: () => void) {
  const trpc = useTRPC();
  const router = useRouter();
  const done = () => {
    onDone();
    router.refresh();
  };
  const merchant = scope.kind === "merchant" ? { mchNo: scope.mchNo } : null;
  const answer = useMutation(
    merchant ? trpc.complaints.answer.mutationOptions({ onSuccess: done, onError: () => router.refresh() }) : trpc.complaintsAdmin.answer.mutationOptions({ onSuccess: done, onError: () => router.refresh() }),
  );
  const refund = useMutation(
    merchant ? trpc.complaints.refund.mutationOptions({ onSuccess: done, onError: () => router.refresh() }) : trpc.complaintsAdmin.refund.mutationOptions({ onSuccess: done, onError: () => router.refresh() }),
  );
  const reject = useMutation(
    merchant ? trpc.complaints.reject.mutationOptions({ onSuccess: done, onError: () => router.refresh() }) : trpc.complaintsAdmin.reject.mutationOptions({ onSuccess: done, onError: () => router.refresh() }),
  );
  return { answer, refund, reject, extra: merchant ?? {} };
}

/** The answer box under the conversation. */
export function AnswerForm({ scope, complaintNo }: { scope: ComplaintScope; complaintNo: string }) {
  const t = useTranslations("complaints");
  const errorText = useErrorText();
  const form = useForm<{ complaintNo: string; body: string }>({ resolver: zodResolver(answerComplaintSchema), defaultValues: { complaintNo, body: "" } });
  const { answer, extra } = useActions(scope, () => form.reset({ complaintNo, body: "" }));
  const bodyError = form.formState.errors.body?.message;
  return (
    <form onSubmit={form.handleSubmit((values) => answer.mutate({ ...extra, ...values } as never))} noValidate className="grid gap-2" data-testid="complaint-answer">
      {answer.error && (
        <Alert variant="destructive">
          <AlertDescription>{errorText(answer.error)}</AlertDescription>
        </Alert>
      )}
      <FormField id="complaint-answer-body" label={t("console.answerLabel")} required error={bodyError ? knownMessage(t, `errors.${bodyError}`, t("errors.invalid")) : undefined}>
        <Textarea rows={3} maxLength={1000} {...form.register("body")} />
      </FormField>
      <div>
        <Button type="submit" disabled={answer.isPending}>
          {answer.isPending ? t("console.submitting") : t("console.answerSubmit")}
        </Button>
      </div>
    </form>
  );
}

/** "Refund and resolve": full by default (what is left, or what the consumer asked), or partial. One refund per complaint on the server. */
export function RefundComplaintDialog({ scope, complaintNo, defaultYuan, refundableLabel }: { scope: ComplaintScope; complaintNo: string; defaultYuan: string; refundableLabel: string }) {
  const t = useTranslations("complaints");
  const errorText = useErrorText();
  const [open, setOpen] = useState(false);
  const form = useForm<RefundComplaintForm>({
    resolver: zodResolver(refundComplaintSchema, undefined, { raw: true }),
    defaultValues: { complaintNo, amount: defaultYuan, note: "" },
  });
  const { refund, extra } = useActions(scope, () => setOpen(false));
  const { errors } = form.formState;
  const msg = (key?: string) => (key ? knownMessage(t, `errors.${key}`, t("errors.invalid")) : undefined);
  return (
    <Dialog open={open} onOpenChange={(next) => { setOpen(next); if (!next) refund.reset(); }}>
      <DialogTrigger asChild>
        <Button data-testid="complaint-refund-open">{t("console.refundButton")}</Button>
      </DialogTrigger>
      <DialogContent closeLabel={t("console.cancel")}>
        <form onSubmit={form.handleSubmit((values) => refund.mutate({ ...extra, ...values } as never))} noValidate className="grid gap-4">
          <DialogHeader>
            <DialogTitle>{t("console.refundTitle")}</DialogTitle>
            <DialogDescription>{t("console.refundDescription", { amount: refundableLabel })}</DialogDescription>
          </DialogHeader>
          {refund.error && (
            <Alert variant="destructive">
              <AlertDescription>{errorText(refund.error)}</AlertDescription>
            </Alert>
          )}
          <FormField id="complaint-refund-amount" label={t("console.refundAmount")} required error={msg(errors.amount?.message)}>
            <Input inputMode="decimal" autoComplete="off" {...form.register("amount")} />
          </FormField>
          <FormField id="complaint-refund-note" label={t("console.refundNote")} required error={msg(errors.note?.message)}>
            <Textarea rows={2} maxLength={500} {...form.register("note")} />
          </FormField>
          <DialogFooter>
            <Button type="button" variant="ghost" onClick={() => setOpen(false)}>
              {t("console.cancel")}
            </Button>
            <Button type="submit" disabled={refund.isPending} data-testid="complaint-refund-submit">
              {refund.isPending ? t("console.submitting") : t("console.refundSubmit")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

/** "Reject" with a reason the consumer reads. */
export function RejectComplaintDialog({ scope, complaintNo }: { scope: ComplaintScope; complaintNo: string }) {
  const t = useTranslations("complaints");
  const errorText = useErrorText();
  const [open, setOpen] = useState(false);
  const form = useForm<{ complaintNo: string; reason: string }>({ resolver: zodResolver(rejectComplaintSchema), defaultValues: { complaintNo, reason: "" } });
  const { reject, extra } = useActions(scope, () => setOpen(false));
  const reasonError = form.formState.errors.reason?.message;
  return (
    <Dialog open={open} onOpenChange={(next) => { setOpen(next); if (!next) reject.reset(); }}>
      <DialogTrigger asChild>
        <Button variant="outline">{t("console.rejectButton")}</Button>
      </DialogTrigger>
      <DialogContent closeLabel={t("console.cancel")}>
        <form onSubmit={form.handleSubmit((values) => reject.mutate({ ...extra, ...values } as never))} noValidate className="grid gap-4">
          <DialogHeader>
            <DialogTitle>{t("console.rejectTitle")}</DialogTitle>
            <DialogDescription>{t("console.rejectDescription")}</DialogDescription>
          </DialogHeader>
          {reject.error && (
            <Alert variant="destructive">
              <AlertDescription>{errorText(reject.error)}</AlertDescription>
            </Alert>
          )}
          <FormField id="complaint-reject-reason" label={t("console.rejectReason")} required error={reasonError ? knownMessage(t, `errors.${reasonError}`, t("errors.invalid")) : undefined}>
            <Textarea rows={3} maxLength={500} {...form.register("reason")} />
          </FormField>
          <DialogFooter>
            <Button type="button" variant="ghost" onClick={() => setOpen(false)}>
              {t("console.cancel")}
            </Button>
            <Button type="submit" variant="destructive" disabled={reject.isPending}>
              {reject.isPending ? t("console.submitting") : t("console.rejectSubmit")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
