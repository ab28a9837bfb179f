"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useForm } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { presetRange, type ReportRange, reportRangeSchema } from "@/server/domain/report-range";
import { knownMessage } from "@/server/i18n/known-message";

const PRESETS = ["today", "7d", "30d", "90d"] as const;

export type ScopeOption = { value: string; label: string };

/** Range presets, a custom range (validated by the server's schema) and the app (or merchant) the dashboard covers. */
export function ReportControls({
  range,
  onRange,
  scope,
  onScope,
  scopeLabel,
  scopeAllLabel,
  scopeOptions,
}: {
  range: ReportRange;
  onRange: (range: ReportRange) => void;
  scope: string;
  onScope: (scope: string) => void;
  scopeLabel: string;
  scopeAllLabel: string;
  scopeOptions: ScopeOption[];
}) {
  const t = useTranslations("reports");
  const form = useForm<ReportRange>({ resolver: zodResolver(reportRangeSchema), values: range });
  const { errors } = form.formState;
  const error = (message?: string) => (message ? knownMessage(t, `errors.${message}`, t("errors.invalid")) : undefined);
  const active = PRESETS.find((p) => {
    const preset = presetRange(p);
    return preset.from === range.from && preset.to === range.to;
  });
  return (
    <div className="flex flex-col gap-3 rounded-xl border bg-card p-4" data-testid="report-controls">
      <div className="flex flex-wrap items-center gap-2" role="group" aria-label={t("range.label")}>
        {PRESETS.map((preset) => (
          <Button key={preset} type="button" size="sm" variant={active === preset ? "default" : "outline"} aria-pressed={active === preset} onClick={() => onRange(presetRange(preset))}>
            {t(`range.${preset}`)}
          </Button>
        ))}
      </div>
      <form onSubmit={form.handleSubmit(onRange)} noValidate className="grid items-start gap-3 sm:grid-cols-4" aria-label={t("range.custom")}>
        <FormField label={t("range.from")} error={error(errors.from?.message)}>
          <Input type="date" {...form.register("from")} />
        </FormField>
        <FormField label={t("range.to")} error={error(errors.to?.message)}>
          <Input type="date" {...form.register("to")} />
        </FormField>
        <FormField label={scopeLabel}>
          <NativeSelect value={scope} onChange={(event) => onScope(event.target.value)}>
            <option value="">{scopeAllLabel}</option>
            {scopeOptions.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </NativeSelect>
        </FormField>
        <div className="flex h-full items-end">
          <Button type="submit" variant="secondary">
            {t("range.apply")}
          </Button>
        </div>
      </form>
    </div>
  );
}
