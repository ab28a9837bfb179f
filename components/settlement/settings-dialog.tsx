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
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { NativeSelect } from "@/components/ui/native-select";
import { SETTLEMENT_CYCLES, SETTLEMENT_SCOPES, SETTLEMENT_SOURCES } from "@/server/domain/settlement";
import { type SettlementSettingInput, settlementSettingSchema } from "@/server/domain/settlement-schema";
import { settlementErrorKey } from "./settlement-error";

/** The merchant's settlement cycle (T+1 / D0), scope (merchant, app, store) and source (reconciled days or the journal). */
export function SettingsDialog({ mchNo, current, canEdit }: { mchNo: string; current: SettlementSettingInput; canEdit: boolean }) {
  const t = useTranslations("settlement");
  const router = useRouter();
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const save = useMutation(trpc.settlement.updateSettings.mutationOptions());
  const form = useForm<SettlementSettingInput>({ resolver: zodResolver(settlementSettingSchema), defaultValues: current });
  const onSubmit = form.handleSubmit(async (values) => {
    const saved = await save.mutateAsync({ mchNo, ...values }).catch(() => null);
    if (!saved) return;
    setOpen(false);
    router.refresh();
  });
  return (
    <>
      <Button size="sm" variant="outline" onClick={() => (save.reset(), form.reset(current), setOpen(true))} data-testid="settlement-settings">
        {t("settings.button")}
      </Button>
      <Dialog open={open} onOpenChange={setOpen}>
        <DialogContent closeLabel={t("settings.cancel")}>
          <form onSubmit={onSubmit} className="grid gap-4">
            <DialogHeader>
              <DialogTitle>{t("settings.title")}</DialogTitle>
              <DialogDescription>{t("settings.description")}</DialogDescription>
            </DialogHeader>
            {save.error && (
              <Alert variant="destructive">
                <AlertDescription>{t(`errors.${settlementErrorKey(save.error)}`)}</AlertDescription>
              </Alert>
            )}
            <FormField id="settlement-cycle" label={t("settings.cycle")}>
              <NativeSelect disabled={!canEdit} {...form.register("cycle")}>
                {SETTLEMENT_CYCLES.map((v) => (
                  <option key={v} value={v}>
                    {t(`cycles.${v}`)}
                  </option>
                ))}
              </NativeSelect>
            </FormField>
            <FormField id="settlement-scope" label={t("settings.scope")}>
              <NativeSelect disabled={!canEdit} {...form.register("scope")}>
                {SETTLEMENT_SCOPES.map((v) => (
                  <option key={v} value={v}>
                    {t(`scopes.${v}`)}
                  </option>
                ))}
              </NativeSelect>
            </FormField>
            <FormField id="settlement-source" label={t("settings.source")}>
              <NativeSelect disabled={!canEdit} {...form.register("source")}>
                {SETTLEMENT_SOURCES.map((v) => (
                  <option key={v} value={v}>
                    {t(`sources.${v}`)}
                  </option>
                ))}
              </NativeSelect>
            </FormField>
            <DialogFooter>
              <Button type="button" variant="ghost" onClick={() => setOpen(false)}>
                {t("settings.cancel")}
              </Button>
              {canEdit && (
                <Button type="submit" disabled={form.formState.isSubmitting}>
                  {t("settings.save")}
                </Button>
              )}
            </DialogFooter>
          </form>
        </DialogContent>
      </Dialog>
    </>
  );
}
