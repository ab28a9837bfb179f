"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { Controller, useForm } from "react-hook-form";
import type { z } from "zod";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { ORDER_FLOWS } from "@/server/domain/order-flows";
import { orderSettingsSchema } from "@/server/domain/order-settings-schema";
import { knownMessage } from "@/server/i18n/known-message";

type Input = z.input<typeof orderSettingsSchema>;
type Output = z.output<typeof orderSettingsSchema>;

/** The app's order-center settings (flows, auto-complete days, shipping deadline) and its points rate, on the app's page. */
export function OrderSettingsCard({ mchNo, appId, canEdit }: { mchNo: string; appId: string; canEdit: boolean }) {
  const t = useTranslations("orderCenter");
  const trpc = useTRPC();
  const current = useQuery(trpc.orders.settings.queryOptions({ mchNo, appId }));
  const save = useMutation(trpc.orders.updateSettings.mutationOptions());
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const form = useForm<Input, unknown, Output>({ resolver: zodResolver(orderSettingsSchema), defaultValues: { orderFlows: ["standard", "custom_home"], autoCompleteDays: 10, shipWithinHours: "", pointsPerYuan: 100 } });
  const { errors, isSubmitting } = form.formState;
  const fieldError = (message?: string) => (message ? knownMessage(t, `settings.errors.${message}`, t("settings.errors.range")) : undefined);

  useEffect(() => {
    if (current.data)
      form.reset({
        orderFlows: current.data.orderFlows,
        autoCompleteDays: current.data.autoCompleteDays,
        shipWithinHours: current.data.shipWithinHours ?? "",
        pointsPerYuan: current.data.pointsPerYuan,
      });
  }, [current.data, form]);

  const onSubmit = form.handleSubmit(async (values) => {
    setMessage(null);
    try {
      await save.mutateAsync({ mchNo, appId, ...values });
      setMessage({ ok: true, text: t("settings.saved") });
    } catch {
      setMessage({ ok: false, text: t("settings.failed") });
    }
  });

  return (
    <Card data-testid="order-settings">
      <CardHeader>
        <CardTitle>{t("settings.title")}</CardTitle>
        <CardDescription>{t("settings.description")}</CardDescription>
      </CardHeader>
      <CardContent>
        <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
          {message && (
            <Alert variant={message.ok ? "default" : "destructive"}>
              <AlertDescription>{message.text}</AlertDescription>
            </Alert>
          )}
          <fieldset className="flex flex-col gap-2" disabled={!canEdit}>
            <legend className="mb-1 text-sm font-medium">{t("settings.flows")}</legend>
            <Controller
              control={form.control}
              name="orderFlows"
              render={({ field }) => (
                <>
                  {ORDER_FLOWS.map((flow) => (
                    <label key={flow} className="flex items-center gap-2 text-sm">
                      <Checkbox
                        checked={field.value.includes(flow)}
                        onCheckedChange={(checked) => field.onChange(checked ? [...field.value, flow] : field.value.filter((f) => f !== flow))}
                      />
                      {t(`flow.${flow}`)}
                    </label>
                  ))}
                </>
              )}
            />
            {errors.orderFlows && <p className="text-sm text-destructive">{fieldError(errors.orderFlows.message)}</p>}
          </fieldset>
          <div className="grid gap-4 sm:grid-cols-2">
            <FormField id="auto-complete-days" label={t("settings.autoCompleteDays")} description={t("settings.autoCompleteDaysHint")} error={fieldError(errors.autoCompleteDays?.message)}>
              <Input inputMode="numeric" disabled={!canEdit} {...form.register("autoCompleteDays")} />
            </FormField>
            <FormField id="ship-within-hours" label={t("settings.shipWithinHours")} description={t("settings.shipWithinHoursHint")} error={fieldError(errors.shipWithinHours?.message)}>
              <Input inputMode="numeric" disabled={!canEdit} {...form.register("shipWithinHours")} />
            </FormField>
            <FormField id="points-per-yuan" label={t("settings.pointsPerYuan")} description={t("settings.pointsPerYuanHint")} error={fieldError(errors.pointsPerYuan?.message)}>
              <Input inputMode="numeric" disabled={!canEdit} {...form.register("pointsPerYuan")} />
            </FormField>
          </div>
          {canEdit && (
            <div>
              <Button type="submit" disabled={isSubmitting || current.isLoading}>
                {isSubmitting ? t("settings.saving") : t("settings.save")}
              </Button>
            </div>
          )}
        </form>
      </CardContent>
    </Card>
  );
}
