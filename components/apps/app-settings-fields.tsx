"use client";

import { useTranslations } from "next-intl";
import type { FieldErrors, UseFormRegister } from "react-hook-form";
import { translateFieldError } from "@/components/forms/server-errors";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import type { AppSettingsInput } from "@/server/domain/app-schema";

/** The settings an app's owner edits, shared by the create dialog and the settings form. */
export function AppSettingsFields({
  register,
  errors,
}: {
  register: UseFormRegister<AppSettingsInput>;
  errors: FieldErrors<AppSettingsInput>;
}) {
  const t = useTranslations();
  const error = (message?: string) => translateFieldError(t, message);
  return (
    <>
      <FormField id="app-name" label={t("appForm.name")} required error={error(errors.name?.message)}>
        <Input placeholder={t("appForm.namePlaceholder")} {...register("name")} />
      </FormField>
      <FormField id="app-notify-url" label={t("appForm.notifyUrl")} description={t("appForm.notifyUrlHint")} error={error(errors.notifyUrl?.message)}>
        <Input type="url" placeholder="https://mall.example/pay-notify" {...register("notifyUrl")} />
      </FormField>
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField
          id="app-refund-threshold"
          label={t("appForm.refundReviewThreshold")}
          description={t("appForm.refundReviewThresholdHint")}
          error={error(errors.refundReviewThresholdYuan?.message)}
        >
          <Input inputMode="decimal" placeholder="500.00" {...register("refundReviewThresholdYuan")} />
        </FormField>
        <FormField
          id="app-repeat-guard"
          label={t("appForm.repeatGuardSeconds")}
          description={t("appForm.repeatGuardSecondsHint")}
          error={error(errors.repeatGuardSeconds?.message)}
        >
          <Input inputMode="numeric" {...register("repeatGuardSeconds")} />
        </FormField>
      </div>
    </>
  );
}
