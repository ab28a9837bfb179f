"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { applyFieldErrors } from "@/components/forms/server-errors";
import { useFormError } from "@/components/forms/use-form-error";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { signUpSchema } from "@/server/domain/account-schema";

type Input = z.input<typeof signUpSchema>;
type Output = z.output<typeof signUpSchema>;

/** Sign-up: creates the account and its draft merchant, signs in, opens the console. */
export function SignUpForm() {
  const t = useTranslations("signup");
  const fieldError = useFormError();
  const router = useRouter();
  const trpc = useTRPC();
  const signUp = useMutation(trpc.account.signUp.mutationOptions());
  const [failed, setFailed] = useState(false);
  const form = useForm<Input, unknown, Output>({ resolver: zodResolver(signUpSchema), defaultValues: { email: "", password: "", companyName: "" } });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setFailed(false);
    try {
      const { mchNo } = await signUp.mutateAsync(values);
      const result = await signIn("credentials", { email: values.email, password: values.password, redirect: false });
      router.replace(result && !result.error ? `/console/${mchNo}` : "/signin");
      router.refresh();
    } catch (error) {
      if (!applyFieldErrors(error, form.setError, (field) => (field === "email" ? "emailTaken" : undefined))) setFailed(true);
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      {failed && (
        <Alert variant="destructive">
          <AlertDescription>{t("failed")}</AlertDescription>
        </Alert>
      )}
      <FormField id="signup-company" label={t("companyName")} error={fieldError(errors.companyName)}>
        <Input autoComplete="organization" autoFocus {...form.register("companyName")} />
      </FormField>
      <FormField id="signup-email" label={t("email")} error={fieldError(errors.email)}>
        <Input type="email" autoComplete="email" {...form.register("email")} />
      </FormField>
      <FormField id="signup-password" label={t("password")} description={t("passwordHint")} error={fieldError(errors.password)}>
        <Input type="password" autoComplete="new-password" {...form.register("password")} />
      </FormField>
      <Button type="submit" size="lg" disabled={isSubmitting} className="mt-2 w-full">
        {isSubmitting ? t("submitting") : t("submit")}
      </Button>
    </form>
  );
}
