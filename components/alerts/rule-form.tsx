"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Controller, type FieldError, useForm } from "react-hook-form";
import type { z } from "zod";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Switch } from "@/components/ui/switch";
import { alertParamsSchemas, alertRuleInputSchema } from "@/server/domain/alert-rule-schema";
import type { AlertRuleView } from "@/server/services/alerts-console/alert-rules";
import { alertErrorKey, type AlertErrorKey, serverFieldErrors } from "./alert-error";
import { useAlertWords } from "./alert-words";

type Values = z.input<typeof alertRuleInputSchema>;
type Target = { id: string; name: string; kind: "DINGTALK" | "WECOM" | "EMAIL"; enabled: boolean };

/** The param names of a kind, in the schema's order (minRatePercent, minAttempts …). */
function paramNames(kind: AlertRuleView["kind"]): string[] {
  return Object.keys(alertParamsSchemas[kind].shape);
}

/** One rule's editor: name, thresholds (one field per param, each with its own error), window, switch, targets. */
export function RuleForm({ mchNo, rule, targets, canEdit }: { mchNo: string | null; rule: AlertRuleView; targets: Target[]; canEdit: boolean }) {
  const t = useTranslations("monitoring.rules");
  const ta = useTranslations("alerts");
  const tk = useTranslations("alerts.targetKinds");
  const words = useAlertWords();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const merchantSave = useMutation(trpc.alerts.updateRule.mutationOptions());
  const adminSave = useMutation(trpc.adminAlerts.updateRule.mutationOptions());
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<AlertErrorKey | null>(null);
  const defaults = (r: AlertRuleView): Values => ({ kind: r.kind, name: r.name, windowMinutes: r.windowMinutes, enabled: r.enabled, targetIds: r.targetIds, params: { ...r.params } });
  const form = useForm<Values, unknown, z.output<typeof alertRuleInputSchema>>({ resolver: zodResolver(alertRuleInputSchema), defaultValues: defaults(rule) });
  const errors = form.formState.errors;
  const paramError = (name: string) => (errors.params as Record<string, FieldError | undefined> | undefined)?.[name];
  const message = (field: string, error: FieldError | undefined) => {
    if (!error) return undefined;
    if (field === "name") return ta("paramErrors.name");
    if (field === "windowMinutes") return ta("paramErrors.window");
    return field.endsWith("Percent") ? ta("paramErrors.percent") : ta("paramErrors.positive");
  };
  const params = form.watch("params");
  const windowMinutes = form.watch("windowMinutes");

  const onSubmit = form.handleSubmit(async (values) => {
    setSaved(false);
    setError(null);
    try {
      const done = mchNo !== null ? await merchantSave.mutateAsync({ mchNo, id: rule.id, rule: values }) : await adminSave.mutateAsync({ id: rule.id, rule: values });
      form.reset(defaults(done));
      setSaved(true);
      await queryClient.invalidateQueries({ queryKey: mchNo !== null ? trpc.alerts.rules.pathKey() : trpc.adminAlerts.rules.pathKey() });
    } catch (e) {
      const fields = serverFieldErrors(e);
      if (fields.targetIds) form.setError("targetIds", { message: "targets" });
      setError(alertErrorKey(e));
    }
  });

  return (
    <Card data-testid="rule-card" data-kind={rule.kind}>
      <form onSubmit={onSubmit} noValidate>
        <CardHeader className="flex flex-row flex-wrap items-start justify-between gap-3">
          <div className="min-w-0">
            <CardTitle as="h2" className="text-base">
              {words.kind(rule.kind)}
            </CardTitle>
            <CardDescription data-testid="rule-summary">
              {t("condition", { minutes: Number.isFinite(Number(windowMinutes)) ? Number(windowMinutes) : rule.windowMinutes, summary: words.summary(rule.kind, params) })}
            </CardDescription>
          </div>
          <label className="flex items-center gap-2 text-sm">
            <Controller control={form.control} name="enabled" render={({ field }) => <Switch checked={field.value} onCheckedChange={field.onChange} disabled={!canEdit} aria-label={t("enabled")} />} />
            {t("enabled")}
          </label>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          <div className="grid gap-4 pt-2 sm:grid-cols-2 lg:grid-cols-4">
            <FormField className="content-start" label={t("name")} error={message("name", errors.name)}>
              <Input disabled={!canEdit} {...form.register("name")} />
            </FormField>
            <FormField className="content-start" label={t("window")} description={t("windowHint")} error={message("windowMinutes", errors.windowMinutes)}>
              <Input type="number" inputMode="numeric" disabled={!canEdit} {...form.register("windowMinutes", { valueAsNumber: true })} />
            </FormField>
            {paramNames(rule.kind).map((name) => (
              <FormField key={name} className="content-start" label={ta(`params.${name}` as "params.minRatePercent")} error={message(name, paramError(name))}>
                <Input type="number" inputMode="numeric" disabled={!canEdit} data-param={name} {...form.register(`params.${name}`, { valueAsNumber: true })} />
              </FormField>
            ))}
          </div>
          <fieldset className="flex flex-col gap-2">
            <legend className="mb-1 text-sm font-medium">{t("targets")}</legend>
            {targets.length === 0 && <p className="text-sm text-muted-foreground">{t("noTargets")}</p>}
            <Controller
              control={form.control}
              name="targetIds"
              render={({ field }) => (
                <div className="flex flex-wrap gap-3">
                  {targets.map((target) => (
                    <label key={target.id} className="flex items-center gap-2 text-sm">
                      <input
                        type="checkbox"
                        className="size-4 accent-primary"
                        disabled={!canEdit}
                        checked={field.value.includes(target.id)}
                        onChange={(e) => field.onChange(e.target.checked ? [...field.value, target.id] : field.value.filter((id) => id !== target.id))}
                      />
                      {target.name} <span className="text-xs text-muted-foreground">{tk(target.kind)}</span>
                    </label>
                  ))}
                </div>
              )}
            />
            {errors.targetIds && <p className="text-sm font-medium text-destructive">{ta("paramErrors.targets")}</p>}
          </fieldset>
          {canEdit && (
            <div className="flex items-center gap-3">
              <Button type="submit" size="sm" disabled={!form.formState.isDirty || form.formState.isSubmitting}>
                {t("save")}
              </Button>
              {saved && !form.formState.isDirty && <span className="text-sm text-success">{t("saved")}</span>}
              {error && <span className="text-sm text-destructive">{ta(`errors.${error}`)}</span>}
            </div>
          )}
        </CardContent>
      </form>
    </Card>
  );
}
