"use client";

import { useTranslations } from "next-intl";
import { Controller, type Control, type FieldErrors, type UseFormRegister, useFieldArray, useWatch } from "react-hook-form";
import { channelName } from "@/components/channels/channel-name";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Switch } from "@/components/ui/switch";
import { ROUTE_ENTRIES, ROUTE_MODES, ROUTE_STRATEGIES, type RouteRuleSet } from "@/server/domain/route-rule-schema";
import { useRuleError } from "./use-rule-error";
import { YuanInput } from "./yuan-input";

export type EditorAccount = { id: string; name: string; channel: string; modes: string[]; status: string };

type Props = {
  index: number;
  control: Control<RouteRuleSet>;
  register: UseFormRegister<RouteRuleSet>;
  errors: FieldErrors<RouteRuleSet>;
  accounts: EditorAccount[];
  isDefault: boolean;
};

const nativeSelect =
  "h-9 w-full rounded-md border border-input bg-transparent px-3 text-sm shadow-xs focus-visible:outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50";

function CheckboxGroup<T extends string>({ label, options, value, onChange, name }: { label: string; options: readonly T[]; value: T[]; onChange: (v: T[]) => void; name: (o: T) => string }) {
  return (
    <fieldset className="grid gap-2">
      <legend className="mb-2 text-sm font-medium">{label}</legend>
      <div className="flex flex-wrap gap-x-4 gap-y-2">
        {options.map((option) => (
          <label key={option} className="flex items-center gap-2 text-sm">
            <Checkbox
              checked={value.includes(option)}
              onCheckedChange={(checked) => onChange(checked ? options.filter((o) => o === option || value.includes(o)) : value.filter((v) => v !== option))}
            />
            {name(option)}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** The form of one rule: name, switch, strategy, conditions, accounts and success-rate settings. */
export function RouteRuleFields({ index, control, register, errors, accounts, isDefault }: Props) {
  const t = useTranslations("routing");
  const tc = useTranslations("channel");
  const ruleError = useRuleError();
  const path = `rules.${index}` as const;
  const strategy = useWatch({ control, name: `${path}.strategy` });
  const timeOfDay = useWatch({ control, name: `${path}.conditions.timeOfDay` });
  const targets = useFieldArray({ control, name: `${path}.targets`, keyName: "key" });
  const targetValues = useWatch({ control, name: `${path}.targets` });
  // metadata items have a `key` of their own: the field array's React key gets another name
  const metadata = useFieldArray({ control, name: `${path}.conditions.metadata`, keyName: "fieldKey" });
  const ruleErrors = errors.rules?.[index];
  const conditionErrors = ruleErrors?.conditions;
  const amountError = (message: string | undefined) => (message === "max_below_min" ? ruleError(message) : message ? ruleError("amount_format") : undefined);
  const accountName = (a: EditorAccount) => `${a.name} · ${channelName(tc, a.channel)}${a.status === "ENABLED" ? "" : ` (${t("accountDisabled")})`}`;

  return (
    <div className="grid gap-5" data-testid="rule-fields">
      <div className="grid gap-4 sm:grid-cols-[1fr_auto]">
        <FormField label={t("name")} error={ruleError(ruleErrors?.name?.message)}>
          <Input {...register(`${path}.name`)} />
        </FormField>
        {!isDefault && (
          <Controller
            control={control}
            name={`${path}.enabled`}
            render={({ field }) => (
              <div className="flex items-center gap-2 self-end pb-2">
                <Switch id={`${path}.enabled`} checked={field.value} onCheckedChange={field.onChange} />
                <Label htmlFor={`${path}.enabled`}>{t("enabled")}</Label>
              </div>
            )}
          />
        )}
      </div>

      <FormField label={t("strategy")} description={t(`strategyHelp.${strategy}`)} error={ruleError(ruleErrors?.strategy?.message)}>
        <select className={nativeSelect} {...register(`${path}.strategy`)} data-testid="rule-strategy">
          {ROUTE_STRATEGIES.map((s) => (
            <option key={s} value={s}>
              {t(`strategies.${s}`)}
            </option>
          ))}
        </select>
      </FormField>

      <section className="grid gap-3">
        <h4 className="text-sm font-semibold">{t("targets")}</h4>
        {isDefault && targets.fields.length === 0 && <p className="text-sm text-muted-foreground">{t("targetsDefault")}</p>}
        {targets.fields.map((field, j) => (
          <div key={field.key} className="flex flex-wrap items-end gap-2" data-testid="rule-target">
            <div className="min-w-56 flex-1">
              <select className={nativeSelect} aria-label={t("account")} {...register(`${path}.targets.${j}.accountId`)}>
                {accounts.map((a) => (
                  <option key={a.id} value={a.id}>
                    {accountName(a)}
                  </option>
                ))}
              </select>
            </div>
            {strategy === "weighted" && (
              <div className="w-28">
                <Input type="number" min={0} max={100} aria-label={t("weight")} placeholder={t("weight")} {...register(`${path}.targets.${j}.weight`, { valueAsNumber: true })} />
              </div>
            )}
            <Button type="button" variant="ghost" size="sm" disabled={j === 0} onClick={() => targets.move(j, j - 1)} aria-label={t("moveUp")}>
              ↑
            </Button>
            <Button type="button" variant="ghost" size="sm" disabled={j === targets.fields.length - 1} onClick={() => targets.move(j, j + 1)} aria-label={t("moveDown")}>
              ↓
            </Button>
            <Button type="button" variant="ghost" size="sm" onClick={() => targets.remove(j)}>
              {t("remove")}
            </Button>
          </div>
        ))}
        {ruleErrors?.targets && (
          <p role="alert" className="text-sm font-medium text-destructive">
            {ruleError(ruleErrors.targets.message ?? ruleErrors.targets.root?.message ?? (Array.isArray(ruleErrors.targets) ? "invalid" : undefined))}
          </p>
        )}
        <div>
          <Button
            type="button"
            variant="outline"
            size="sm"
            disabled={accounts.length === 0}
            onClick={() => {
              const used = new Set((targetValues ?? []).map((target) => target.accountId));
              const next = accounts.find((a) => !used.has(a.id)) ?? accounts[0];
              targets.append({ accountId: next.id, weight: 0 });
            }}
          >
            {t("addTarget")}
          </Button>
        </div>
      </section>

      {strategy === "best_success_rate" && (
        <section className="grid gap-3">
          <h4 className="text-sm font-semibold">{t("params")}</h4>
          <div className="grid gap-3 sm:grid-cols-4">
            {(["windowSize", "windowMinutes", "minSamples", "explorationPercent"] as const).map((key) => (
              <FormField key={key} label={t(key)} error={ruleError(ruleErrors?.params?.[key]?.message)}>
                <Input type="number" {...register(`${path}.params.${key}`, { valueAsNumber: true })} />
              </FormField>
            ))}
          </div>
        </section>
      )}

      {!isDefault && (
        <section className="grid gap-4">
          <div>
            <h4 className="text-sm font-semibold">{t("conditions")}</h4>
            <p className="text-sm text-muted-foreground">{t("conditionsHelp")}</p>
          </div>
          <div className="grid gap-3 sm:grid-cols-2">
            <Controller
              control={control}
              name={`${path}.conditions.minAmount`}
              render={({ field }) => (
                <FormField label={t("minAmount")} error={amountError(conditionErrors?.minAmount?.message)}>
                  <YuanInput value={field.value} onChange={field.onChange} placeholder="0.00" />
                </FormField>
              )}
            />
            <Controller
              control={control}
              name={`${path}.conditions.maxAmount`}
              render={({ field }) => (
                <FormField label={t("maxAmount")} error={amountError(conditionErrors?.maxAmount?.message)}>
                  <YuanInput value={field.value} onChange={field.onChange} placeholder="∞" />
                </FormField>
              )}
            />
          </div>
          <Controller
            control={control}
            name={`${path}.conditions.modes`}
            render={({ field }) => <CheckboxGroup label={t("modes")} options={ROUTE_MODES} value={field.value} onChange={field.onChange} name={(m) => m} />}
          />
          <Controller
            control={control}
            name={`${path}.conditions.entries`}
            render={({ field }) => <CheckboxGroup label={t("entries")} options={ROUTE_ENTRIES} value={field.value} onChange={field.onChange} name={(e) => t(`entryNames.${e}`)} />}
          />
          <div className="grid gap-2">
            <span className="text-sm font-medium">{t("metadata")}</span>
            {metadata.fields.map((field, j) => (
              <div key={field.fieldKey} className="flex flex-wrap items-start gap-2">
                <FormField className="w-40" error={ruleError(conditionErrors?.metadata?.[j]?.key?.message)}>
                  <Input aria-label={t("metadataKey")} placeholder={t("metadataKey")} {...register(`${path}.conditions.metadata.${j}.key`)} />
                </FormField>
                <span className="pt-2">=</span>
                <FormField className="w-48" error={ruleError(conditionErrors?.metadata?.[j]?.value?.message)}>
                  <Input aria-label={t("metadataValue")} placeholder={t("metadataValue")} {...register(`${path}.conditions.metadata.${j}.value`)} />
                </FormField>
                <Button type="button" variant="ghost" size="sm" onClick={() => metadata.remove(j)}>
                  {t("remove")}
                </Button>
              </div>
            ))}
            <div>
              <Button type="button" variant="outline" size="sm" onClick={() => metadata.append({ key: "", value: "" })}>
                {t("addMetadata")}
              </Button>
            </div>
          </div>
          <Controller
            control={control}
            name={`${path}.conditions.timeOfDay`}
            render={({ field }) => (
              <div className="grid gap-2">
                <label className="flex items-center gap-2 text-sm font-medium">
                  <Checkbox checked={field.value !== null} onCheckedChange={(checked) => field.onChange(checked ? { from: "09:00", to: "18:00" } : null)} />
                  {t("timeOfDay")}: {field.value === null ? t("anyTime") : t("limitTime")}
                </label>
                {timeOfDay && (
                  <div className="flex flex-wrap items-start gap-3">
                    <FormField className="w-36" label={t("timeFrom")} error={ruleError(conditionErrors?.timeOfDay?.from?.message)}>
                      <Input type="time" value={timeOfDay.from} onChange={(e) => field.onChange({ ...timeOfDay, from: e.target.value })} />
                    </FormField>
                    <FormField className="w-36" label={t("timeTo")} error={ruleError(conditionErrors?.timeOfDay?.to?.message)}>
                      <Input type="time" value={timeOfDay.to} onChange={(e) => field.onChange({ ...timeOfDay, to: e.target.value })} />
                    </FormField>
                  </div>
                )}
              </div>
            )}
          />
        </section>
      )}
    </div>
  );
}
