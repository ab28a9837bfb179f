"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { TRPCClientError } from "@trpc/client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Controller, type FieldError, get, useForm, useWatch } from "react-hook-form";
import type { z } from "zod";
import { YuanInput } from "@/components/routing/yuan-input";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import {
  RISK_ACTIONS,
  RISK_CHECKPOINTS,
  RISK_DIMENSIONS,
  RISK_LIST_KINDS,
  type RiskCondition,
  type RiskConditionType,
  type RiskRuleInput,
  riskRuleInputSchema,
} from "@/server/domain/risk-rule-schema";
import { WhatIfPanel } from "./what-if-panel";

type FormValues = z.input<typeof riskRuleInputSchema>;

export const CONDITION_TYPES: RiskConditionType[] = [
  "amount_over",
  "daily_amount_over",
  "daily_count_over",
  "velocity",
  "blacklisted",
  "duplicate_order",
  "abnormal_amount",
  "address_incomplete",
  "address_orders_over",
];

/** What a condition starts with when its type is picked: sensible values a merchant edits. */
const DEFAULTS: Record<RiskConditionType, RiskCondition> = {
  amount_over: { type: "amount_over", amount: 100_000 },
  daily_amount_over: { type: "daily_amount_over", dimension: "buyer", amount: 500_000 },
  daily_count_over: { type: "daily_count_over", dimension: "buyer", count: 10 },
  velocity: { type: "velocity", dimension: "buyer", count: 5, windowMinutes: 10 },
  blacklisted: { type: "blacklisted", kinds: ["BUYER_ID", "PHONE"] },
  duplicate_order: { type: "duplicate_order", withinMinutes: 10 },
  abnormal_amount: { type: "abnormal_amount", multiplePercent: 300, minSamples: 100 },
  address_incomplete: { type: "address_incomplete" },
  address_orders_over: { type: "address_orders_over", count: 5, windowHours: 24 },
};

export const NEW_RULE: RiskRuleInput = { name: "", checkpoints: ["ORDER"], condition: DEFAULTS.amount_over, action: "REVIEW", priority: 100 };

type Props = {
  /** The merchant (the what-if is the merchant's); absent for platform rules. */
  mchNo?: string;
  /** The rule being edited (id), or a new one. */
  ruleId?: string;
  initial: RiskRuleInput;
  submitLabel: string;
  onSubmit: (rule: RiskRuleInput) => Promise<void>;
  onCancel: () => void;
};

/**
 * One risk rule as a form (react-hook-form + the shared zod schema): name, priority, checkpoints, a condition with a
 * field per condition type (amounts typed in yuan, kept in fen), the action. A merchant's draft can be tried on past
 * orders (the what-if) before it is saved.
 */
export function RiskRuleForm({ mchNo, ruleId, initial, submitLabel, onSubmit, onCancel }: Props) {
  const t = useTranslations("risk");
  const [failure, setFailure] = useState<"conflict" | "failed" | null>(null);
  const form = useForm<FormValues, unknown, RiskRuleInput>({ resolver: zodResolver(riskRuleInputSchema), defaultValues: initial });
  const { control, register, handleSubmit, formState, setValue, setError, trigger, getValues } = form;
  const type = useWatch({ control, name: "condition.type" });
  const errorOf = (path: string, key: string) => {
    const error = get(formState.errors, path) as FieldError | undefined;
    if (!error) return undefined;
    if (path === "action" && error.type === "custom") return t("fieldErrors.reviewOrderOnly");
    if (path === "checkpoints" && error.type === "custom") return t("fieldErrors.orderOnly");
    return t(`fieldErrors.${key}` as "fieldErrors.name");
  };

  const submit = handleSubmit(async (rule) => {
    setFailure(null);
    try {
      await onSubmit(rule);
    } catch (error) {
      const data = error instanceof TRPCClientError ? (error.data as { code?: string; fieldErrors?: Record<string, string[]> } | undefined) : undefined;
      if (data?.code === "CONFLICT") return setFailure("conflict");
      let placed = false;
      for (const field of Object.keys(data?.fieldErrors ?? {})) {
        if (!field.startsWith("rule.")) continue;
        setError(field.slice("rule.".length) as "name", { type: "server", message: "invalid" });
        placed = true;
      }
      if (!placed) setFailure("failed");
    }
  });

  /** The draft for the what-if, if it is valid (errors shown on the fields otherwise). */
  const draft = async () => ((await trigger()) ? riskRuleInputSchema.parse(getValues()) : null);

  const numberField = (name: "count" | "windowMinutes" | "withinMinutes" | "multiplePercent" | "minSamples" | "windowHours", label: string, unit?: string) => (
    <FormField label={label} error={errorOf(`condition.${name}`, name)} description={unit}>
      <Input type="number" inputMode="numeric" className="w-40" data-testid={`risk-field-${name}`} {...register(`condition.${name}` as "condition", { valueAsNumber: true })} />
    </FormField>
  );

  return (
    <form onSubmit={submit} className="grid gap-5" noValidate data-testid="risk-rule-form">
      <div className="grid gap-4 md:grid-cols-[1fr_10rem]">
        <FormField label={t("form.name")} error={errorOf("name", "name")} required>
          <Input {...register("name")} placeholder={t("form.namePlaceholder")} data-testid="risk-rule-name" />
        </FormField>
        <FormField label={t("form.priority")} error={errorOf("priority", "priority")} description={t("form.priorityHint")}>
          <Input type="number" inputMode="numeric" {...register("priority", { valueAsNumber: true })} />
        </FormField>
      </div>

      <Controller
        control={control}
        name="checkpoints"
        render={({ field }) => (
          <fieldset className="grid gap-2">
            <legend className="mb-2 text-sm font-medium">{t("form.checkpoints")}</legend>
            <div className="flex flex-wrap gap-x-5 gap-y-2">
              {RISK_CHECKPOINTS.map((c) => (
                <label key={c} className="flex items-center gap-2 text-sm">
                  <Checkbox
                    checked={field.value.includes(c)}
                    onCheckedChange={(on) => field.onChange(on ? RISK_CHECKPOINTS.filter((x) => x === c || field.value.includes(x)) : field.value.filter((x) => x !== c))}
                    aria-label={t(`checkpoints.${c}`)}
                  />
                  {t(`checkpoints.${c}`)}
                </label>
              ))}
            </div>
            {errorOf("checkpoints", "checkpoints") && <p className="text-sm font-medium text-destructive" role="alert">{errorOf("checkpoints", "checkpoints")}</p>}
          </fieldset>
        )}
      />

      <div className="grid gap-4 rounded-md border p-4">
        <FormField label={t("form.conditionType")}>
          <NativeSelect
            className="w-72"
            value={type}
            data-testid="risk-condition-type"
            onChange={(e) => setValue("condition", DEFAULTS[e.target.value as RiskConditionType], { shouldValidate: false })}
          >
            {CONDITION_TYPES.map((c) => (
              <option key={c} value={c}>
                {t(`conditionTypes.${c}`)}
              </option>
            ))}
          </NativeSelect>
        </FormField>
        <p className="text-sm text-muted-foreground">{t(`conditionHints.${type}`)}</p>
        <div className="flex flex-wrap gap-4" key={type}>
          {(type === "daily_amount_over" || type === "daily_count_over" || type === "velocity") && (
            <FormField label={t("form.dimension")}>
              <NativeSelect className="w-40" {...register("condition.dimension" as "condition")} data-testid="risk-field-dimension">
                {RISK_DIMENSIONS.map((d) => (
                  <option key={d} value={d}>
                    {t(`dimensions.${d}`)}
                  </option>
                ))}
              </NativeSelect>
            </FormField>
          )}
          {(type === "amount_over" || type === "daily_amount_over") && (
            <Controller
              control={control}
              name={"condition.amount" as "condition"}
              render={({ field }) => (
                <FormField label={t("form.amount")} error={errorOf("condition.amount", "amount")} description={t("form.yuan")}>
                  <YuanInput className="w-40" value={field.value as unknown as number | null} onChange={field.onChange} data-testid="risk-field-amount" />
                </FormField>
              )}
            />
          )}
          {(type === "daily_count_over" || type === "velocity" || type === "address_orders_over") && numberField("count", t("form.count"))}
          {type === "velocity" && numberField("windowMinutes", t("form.windowMinutes"), t("form.windowMinutesHint"))}
          {type === "duplicate_order" && numberField("withinMinutes", t("form.withinMinutes"))}
          {type === "abnormal_amount" && numberField("multiplePercent", t("form.multiplePercent"), t("form.multiplePercentHint"))}
          {type === "abnormal_amount" && numberField("minSamples", t("form.minSamples"))}
          {type === "address_orders_over" && numberField("windowHours", t("form.windowHours"))}
          {type === "blacklisted" && (
            <Controller
              control={control}
              name={"condition.kinds" as "condition"}
              render={({ field }) => {
                const value = (field.value as unknown as string[]) ?? [];
                return (
                  <fieldset className="grid gap-2">
                    <legend className="mb-2 text-sm font-medium">{t("form.kinds")}</legend>
                    <div className="flex flex-wrap gap-x-5 gap-y-2">
                      {RISK_LIST_KINDS.map((k) => (
                        <label key={k} className="flex items-center gap-2 text-sm">
                          <Checkbox checked={value.includes(k)} onCheckedChange={(on) => field.onChange(on ? RISK_LIST_KINDS.filter((x) => x === k || value.includes(x)) : value.filter((x) => x !== k))} />
                          {t(`listKinds.${k}`)}
                        </label>
                      ))}
                    </div>
                    {errorOf("condition.kinds", "kinds") && <p className="text-sm font-medium text-destructive" role="alert">{errorOf("condition.kinds", "kinds")}</p>}
                  </fieldset>
                );
              }}
            />
          )}
        </div>
      </div>

      <FormField label={t("form.action")} error={errorOf("action", "action")}>
        <NativeSelect className="w-56" {...register("action")} data-testid="risk-rule-action">
          {RISK_ACTIONS.map((a) => (
            <option key={a} value={a}>
              {t(`actions.${a}`)}
            </option>
          ))}
        </NativeSelect>
      </FormField>

      {mchNo && <WhatIfPanel mchNo={mchNo} ruleId={ruleId} draft={draft} />}

      {failure && (
        <Alert variant="destructive">
          <AlertDescription>{t(failure === "conflict" ? "form.conflict" : "form.failed")}</AlertDescription>
        </Alert>
      )}
      <div className="flex gap-2">
        <Button type="submit" disabled={formState.isSubmitting} data-testid="risk-rule-submit">
          {submitLabel}
        </Button>
        <Button type="button" variant="ghost" onClick={onCancel}>
          {t("form.cancel")}
        </Button>
      </div>
    </form>
  );
}
