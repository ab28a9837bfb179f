"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { MailCheckIcon } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { useFormError } from "@/components/forms/use-form-error";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { forgotPasswordSchema } from "@/server/domain/account-schema";
import { isLocale } from "@/server/i18n/locales";

type Input = z.input<typeof forgotPasswordSchema>;
type Output = z.output<typeof forgotPasswordSchema>;

/** "Forgot password": asks for the e-mail and answers the same whether or not it has an account. */
export function ForgotPasswordForm() {
  const t = useTranslations("passwordReset.forgot");
  const locale = useLocale();
  const fieldError = useFormError();
  const trpc = useTRPC();
  const request = useMutation(trpc.account.requestPasswordReset.mutationOptions());
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [failure, setFailure] = useState<"rateLimited" | "failed" | null>(null);
  const form = useForm<Input, unknown, Output>({ resolver: zodResolver(forgotPasswordSchema), defaultValues: { email: "" } });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setFailure(null);
    try {
      await request.mutateAsync({ email: values.email, locale: isLocale(locale) ? locale : "zh-CN" });
      setSentTo(values.email);
    } catch (error) {
      setFailure((error as { data?: { code?: string } }).data?.code === "TOO_MANY_REQUESTS" ? "rateLimited" : "failed");
    }
  });

  if (sentTo) {
    return (
      <Alert data-testid="reset-sent">
        <MailCheckIcon />
        <AlertTitle>{t("sentTitle")}</AlertTitle>
        <AlertDescription>{t("sentBody", { email: sentTo, minutes: 30 })}</AlertDescription>
      </Alert>
    );
  }
  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      {failure && (
        <Alert variant="destructive">
          <AlertDescription>{t(failure)}</AlertDescription>
        </Alert>
      )}
      <FormField id="forgot-email" label={t("email")} error={fieldError(errors.email)}>
        <Input type="email" autoComplete="email" autoFocus {...form.register("email")} />
      </FormField>
      <Button type="submit" size="lg" disabled={isSubmitting} className="mt-2 w-full">
        {isSubmitting ? t("submitting") : t("submit")}
      </Button>
    </form>
  );
}
