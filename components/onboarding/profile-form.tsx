"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { applyFieldErrors } from "@/components/forms/server-errors";
import { useFormError } from "@/components/forms/use-form-error";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { BUSINESS_CATEGORIES, type MerchantProfileInput, type MerchantProfileValues, merchantProfileSchema } from "@/server/domain/merchant-profile-schema";

type Profile = {
  fields: Partial<Omit<MerchantProfileValues, "bankAccountNumber">>;
  bankAccountMasked: string | null;
  editable: boolean;
};

/** The company profile form; the same zod schema checks it here and on the server. */
export function ProfileForm({ mchNo, profile }: { mchNo: string; profile: Profile }) {
  const t = useTranslations("profile");
  const fieldError = useFormError();
  const router = useRouter();
  const trpc = useTRPC();
  const update = useMutation(trpc.profile.update.mutationOptions());
  const [notice, setNotice] = useState<"saved" | "failed" | null>(null);
  const [masked, setMasked] = useState(profile.bankAccountMasked);
  const form = useForm<MerchantProfileInput, unknown, MerchantProfileValues>({
    resolver: zodResolver(merchantProfileSchema),
    defaultValues: {
      legalName: profile.fields.legalName ?? "",
      creditCode: profile.fields.creditCode ?? "",
      contactName: profile.fields.contactName ?? "",
      contactPhone: profile.fields.contactPhone ?? "",
      contactEmail: profile.fields.contactEmail ?? "",
      businessCategory: profile.fields.businessCategory,
      bankName: profile.fields.bankName ?? "",
      bankAccountName: profile.fields.bankAccountName ?? "",
      bankAccountNumber: "",
    },
  });
  const { errors, isSubmitting } = form.formState;
  const disabled = !profile.editable;

  const onSubmit = form.handleSubmit(async (values) => {
    setNotice(null);
    if (!values.bankAccountNumber && !masked) {
      form.setError("bankAccountNumber", { message: "required" });
      return;
    }
    try {
      const saved = await update.mutateAsync({ mchNo, ...values });
      setMasked(saved.bankAccountMasked);
      form.reset({ ...values, bankAccountNumber: "" });
      setNotice("saved");
      router.refresh();
    } catch (error) {
      if (!applyFieldErrors(error, form.setError, (field) => (field === "bankAccountNumber" ? "required" : undefined))) setNotice("failed");
    }
  });

  const text = (name: keyof MerchantProfileInput, props: React.ComponentProps<typeof Input> = {}) => (
    <FormField id={`profile-${name}`} label={t(`fields.${name}`)} error={fieldError(errors[name])} required>
      <Input disabled={disabled} {...props} {...form.register(name)} />
    </FormField>
  );

  return (
    <form onSubmit={onSubmit} noValidate>
      <Card>
        <CardHeader>
          <CardTitle>{t("companySection")}</CardTitle>
          <CardDescription>{disabled ? t("locked") : t("companyHint")}</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-6">
          {notice && (
            <Alert variant={notice === "failed" ? "destructive" : "default"} data-testid="profile-notice">
              <AlertDescription>{t(notice)}</AlertDescription>
            </Alert>
          )}
          <div className="grid gap-4 sm:grid-cols-2">
            {text("legalName")}
            {text("creditCode", { className: "font-mono uppercase", maxLength: 18, placeholder: "91XXXXXXXXXXXXXXXX" })}
            <FormField id="profile-businessCategory" label={t("fields.businessCategory")} error={fieldError(errors.businessCategory)} required>
              {(control) => (
                <Controller
                  control={form.control}
                  name="businessCategory"
                  render={({ field }) => (
                    <Select value={field.value ?? ""} onValueChange={field.onChange} disabled={disabled}>
                      <SelectTrigger {...control} className="w-full">
                        <SelectValue placeholder={t("choose")} />
                      </SelectTrigger>
                      <SelectContent>
                        {BUSINESS_CATEGORIES.map((category) => (
                          <SelectItem key={category} value={category}>
                            {t(`categories.${category}`)}
                          </SelectItem>
                        ))}
                      </SelectContent>
                    </Select>
                  )}
                />
              )}
            </FormField>
          </div>
          <h3 className="text-sm font-semibold">{t("contactSection")}</h3>
          <div className="grid gap-4 sm:grid-cols-3">
            {text("contactName", { autoComplete: "name" })}
            {text("contactPhone", { autoComplete: "tel", inputMode: "tel" })}
            {text("contactEmail", { type: "email", autoComplete: "email" })}
          </div>
          <h3 className="text-sm font-semibold">{t("bankSection")}</h3>
          <div className="grid gap-4 sm:grid-cols-3">
            {text("bankName")}
            {text("bankAccountName")}
            <FormField
              id="profile-bankAccountNumber"
              label={t("fields.bankAccountNumber")}
              description={masked ? t("accountOnFile", { masked }) : t("accountHint")}
              error={fieldError(errors.bankAccountNumber)}
              required={!masked}
            >
              <Input disabled={disabled} inputMode="numeric" autoComplete="off" placeholder={masked ?? ""} {...form.register("bankAccountNumber")} />
            </FormField>
          </div>
          {masked && (
            <p className="text-sm" data-testid="bank-account-masked">
              {t("accountMasked")} <span className="font-mono">{masked}</span>
            </p>
          )}
        </CardContent>
        <CardFooter className="justify-end">
          <Button type="submit" disabled={disabled || isSubmitting}>
            {isSubmitting ? t("saving") : t("save")}
          </Button>
        </CardFooter>
      </Card>
    </form>
  );
}
