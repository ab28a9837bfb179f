"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
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
import { NativeSelect } from "@/components/ui/native-select";
import { startRunSchema } from "@/server/domain/reconciliation-schema";
import { knownMessage } from "@/server/i18n/known-message";
import { reconErrorKey } from "./recon-error";

type Values = z.input<typeof startRunSchema>;

/** "Reconcile a day": a channel account and a bill day; the run page opens when it has started. */
export function StartRunDialog({ mchNo, accounts, defaultDate }: { mchNo: string; accounts: { id: string; name: string }[]; defaultDate: string }) {
  const t = useTranslations("reconciliation");
  const router = useRouter();
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const start = useMutation(trpc.reconciliation.startRun.mutationOptions());
  const form = useForm<Values, unknown, z.output<typeof startRunSchema>>({
    resolver: zodResolver(startRunSchema),
    defaultValues: { channelAccountId: accounts[0]?.id ?? "", billDate: defaultDate },
  });
  const { errors, isSubmitting } = form.formState;
  const onSubmit = form.handleSubmit(async (values) => {
    const started = await start.mutateAsync({ mchNo, ...values }).catch(() => null);
    if (!started) return;
    setOpen(false);
    router.push(`/console/${mchNo}/reconciliation/runs/${started.runId}`);
  });
  return (
    <>
      <Button size="sm" onClick={() => (start.reset(), setOpen(true))} disabled={accounts.length === 0} data-testid="start-run">
        {t("start.button")}
      </Button>
      <Dialog open={open} onOpenChange={setOpen}>
        <DialogContent closeLabel={t("resolve.cancel")}>
          <form onSubmit={onSubmit} className="grid gap-4">
            <DialogHeader>
              <DialogTitle>{t("start.title")}</DialogTitle>
              <DialogDescription>{t("start.description")}</DialogDescription>
            </DialogHeader>
            {start.error && (
              <Alert variant="destructive">
                <AlertDescription>{t(`errors.${reconErrorKey(start.error)}`)}</AlertDescription>
              </Alert>
            )}
            <FormField id="start-account" label={t("start.account")} error={errors.channelAccountId && t("errors.required")}>
              <NativeSelect {...form.register("channelAccountId")}>
                {accounts.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name}
                  </option>
                ))}
              </NativeSelect>
            </FormField>
            <FormField id="start-date" label={t("start.billDate")} error={errors.billDate && knownMessage(t, `errors.${errors.billDate.message}`, t("errors.billDate"))}>
              <Input type="date" max={defaultDate} {...form.register("billDate")} />
            </FormField>
            <DialogFooter>
              <Button type="button" variant="ghost" onClick={() => setOpen(false)}>
                {t("resolve.cancel")}
              </Button>
              <Button type="submit" disabled={isSubmitting}>
                {t("start.submit")}
              </Button>
            </DialogFooter>
          </form>
        </DialogContent>
      </Dialog>
    </>
  );
}
