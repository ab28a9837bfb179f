"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useForm } from "react-hook-form";
import { channelName } from "@/components/channels/channel-name";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { ENTRY_KINDS } from "@/server/domain/ledger";
import { LEDGER_ORDER_STATUSES, type LedgerFilters, ledgerFiltersSchema, type ParsedLedgerFilters } from "@/server/domain/ledger-schema";
import { knownMessage } from "@/server/i18n/known-message";

export type LedgerFilterOptions = { apps: { id: string; name: string }[]; channels: string[] };

type FormValues = { [K in keyof Required<LedgerFilters>]: string };

const EMPTY: FormValues = { from: "", to: "", appId: "", channel: "", kind: "", orderStatus: "", minAmount: "", maxAmount: "", storeId: "", search: "" };

/** The ledger's filter bar: the server's zod schema validates it here too; errors are shown translated by field. */
export function LedgerFiltersForm({ options, initial, onApply }: { options: LedgerFilterOptions; initial: FormValues; onApply: (filters: ParsedLedgerFilters) => void }) {
  const t = useTranslations("ledger");
  const tc = useTranslations("channel");
  const form = useForm<FormValues, unknown, ParsedLedgerFilters>({ resolver: zodResolver(ledgerFiltersSchema) as never, defaultValues: initial });
  const { errors } = form.formState;
  const error = (name: keyof FormValues) => {
    const message = errors[name]?.message;
    if (!message) return undefined;
    return knownMessage(t, `errors.${message}`, t("errors.invalid"));
  };
  return (
    <form
      onSubmit={form.handleSubmit(onApply)}
      noValidate
      aria-label={t("title")}
      className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5"
      data-testid="ledger-filters"
    >
      <FormField label={t("filters.from")} error={error("from")}>
        <Input type="date" {...form.register("from")} />
      </FormField>
      <FormField label={t("filters.to")} error={error("to")}>
        <Input type="date" {...form.register("to")} />
      </FormField>
      <FormField label={t("filters.app")} error={error("appId")}>
        <NativeSelect {...form.register("appId")}>
          <option value="">{t("filters.allApps")}</option>
          {options.apps.map((app) => (
            <option key={app.id} value={app.id}>
              {app.name}
            </option>
          ))}
        </NativeSelect>
      </FormField>
      <FormField label={t("filters.channel")} error={error("channel")}>
        <NativeSelect {...form.register("channel")}>
          <option value="">{t("filters.allChannels")}</option>
          {options.channels.map((channel) => (
            <option key={channel} value={channel}>
              {channelName(tc, channel)}
            </option>
          ))}
        </NativeSelect>
      </FormField>
      <FormField label={t("filters.kind")} error={error("kind")}>
        <NativeSelect {...form.register("kind")}>
          <option value="">{t("filters.allKinds")}</option>
          {ENTRY_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`kinds.${kind}`)}
            </option>
          ))}
        </NativeSelect>
      </FormField>
      <FormField label={t("filters.status")} error={error("orderStatus")}>
        <NativeSelect {...form.register("orderStatus")}>
          <option value="">{t("filters.allStatuses")}</option>
          {LEDGER_ORDER_STATUSES.map((status) => (
            <option key={status} value={status}>
              {t(`orderStatus.${status}`)}
            </option>
          ))}
        </NativeSelect>
      </FormField>
      <FormField label={t("filters.minAmount")} error={error("minAmount")}>
        <Input inputMode="decimal" {...form.register("minAmount")} />
      </FormField>
      <FormField label={t("filters.maxAmount")} error={error("maxAmount")}>
        <Input inputMode="decimal" {...form.register("maxAmount")} />
      </FormField>
      <FormField label={t("filters.store")} error={error("storeId")}>
        <Input placeholder={t("filters.storePlaceholder")} {...form.register("storeId")} />
      </FormField>
      <FormField label={t("filters.search")} error={error("search")}>
        <Input placeholder={t("filters.searchPlaceholder")} {...form.register("search")} />
      </FormField>
      <div className="flex items-end gap-2 sm:col-span-2 lg:col-span-5 lg:justify-end">
        <Button
          type="button"
          variant="outline"
          onClick={() => {
            form.reset(EMPTY);
            onApply(ledgerFiltersSchema.parse({}));
          }}
        >
          {t("filters.reset")}
        </Button>
        <Button type="submit">{t("filters.apply")}</Button>
      </div>
    </form>
  );
}

export const EMPTY_LEDGER_FORM = EMPTY;
