"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Textarea } from "@/components/ui/textarea";
import { FINANCE_RESOLUTIONS } from "@/server/domain/reconciliation";
import { resolutionSchema } from "@/server/domain/reconciliation-schema";
import { knownMessage } from "@/server/i18n/known-message";
import { reconErrorKey } from "./recon-error";

type Values = z.input<typeof resolutionSchema>;
export type BulkOutcome = { differenceId: string; ok: boolean; code?: string };

/**
 * Resolve one difference, or the same way many (each on its own: the report says which were not
 * done and why). Accepting the channel's figure or writing off posts an adjusting entry; an
 * explanation posts nothing and needs a note.
 */
export function ResolveDialog({
  mchNo,
  differenceIds,
  open,
  onOpenChange,
  onDone,
}: {
  mchNo: string;
  differenceIds: string[];
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onDone: (outcomes: BulkOutcome[]) => void;
}) {
  const t = useTranslations("reconciliation");
  const trpc = useTRPC();
  const single = useMutation(trpc.reconciliation.resolve.mutationOptions());
  const bulk = useMutation(trpc.reconciliation.bulkResolve.mutationOptions());
  const form = useForm<Values, unknown, z.output<typeof resolutionSchema>>({ resolver: zodResolver(resolutionSchema), defaultValues: { resolution: "ACCEPTED_CHANNEL", note: "" } });
  const { errors, isSubmitting } = form.formState;
  const chosen = form.watch("resolution");
  const error = single.error ?? bulk.error;

  useEffect(() => {
    if (open) {
      form.reset({ resolution: "ACCEPTED_CHANNEL", note: "" });
      single.reset();
      bulk.reset();
    }
  }, [open]);

  const onSubmit = form.handleSubmit(async (values) => {
    if (differenceIds.length === 1) {
      const done = await single.mutateAsync({ mchNo, differenceId: differenceIds[0], ...values }).catch(() => null);
      if (done) onDone([{ differenceId: differenceIds[0], ok: true }]);
      return;
    }
    const done = await bulk.mutateAsync({ mchNo, differenceIds, ...values }).catch(() => null);
    if (done) onDone(done.outcomes);
  });

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent closeLabel={t("resolve.cancel")}>
        <form onSubmit={onSubmit} className="grid gap-4" data-testid="resolve-form">
          <DialogHeader>
            <DialogTitle>{differenceIds.length === 1 ? t("resolve.title") : t("resolve.titleBulk", { count: differenceIds.length })}</DialogTitle>
            <DialogDescription>{t(`resolutionHelp.${chosen}`)}</DialogDescription>
          </DialogHeader>
          {error && (
            <Alert variant="destructive">
              <AlertDescription>{t(`errors.${reconErrorKey(error)}`)}</AlertDescription>
            </Alert>
          )}
          <fieldset className="grid gap-2">
            <legend className="mb-1 text-sm font-medium">{t("resolve.resolution")}</legend>
            {FINANCE_RESOLUTIONS.map((resolution) => (
              <label key={resolution} className="flex cursor-pointer items-start gap-2 rounded-md border p-2 text-sm has-[:checked]:border-primary has-[:checked]:bg-primary/5">
                <input type="radio" value={resolution} className="mt-1" {...form.register("resolution")} />
                <span>
                  <span className="font-medium">{t(`resolutions.${resolution}`)}</span>
                  <span className="block text-xs text-muted-foreground">{t(`resolutionHelp.${resolution}`)}</span>
                </span>
              </label>
            ))}
          </fieldset>
          <FormField
            id="resolve-note"
            label={t("resolve.note")}
            required={chosen === "EXPLAINED"}
            error={errors.note && knownMessage(t, `errors.${errors.note.message}`, t("errors.VALIDATION_FAILED"))}
          >
            <Textarea rows={3} maxLength={500} placeholder={t("resolve.notePlaceholder")} {...form.register("note")} />
          </FormField>
          <DialogFooter>
            <Button type="button" variant="ghost" onClick={() => onOpenChange(false)}>
              {t("resolve.cancel")}
            </Button>
            <Button type="submit" disabled={isSubmitting} data-testid="resolve-submit">
              {t("resolve.submit")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
