"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
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
import { resetPasswordSchema } from "@/server/domain/account-schema";

type Input = z.input<typeof resetPasswordSchema>;
type Output = z.output<typeof resetPasswordSchema>;

/** The new password through a reset link (sign-up's rules); then signed in, or sent to sign in. */
export function ResetPasswordForm({ token }: { token: string }) {
  const t = useTranslations("passwordReset.reset");
  const fieldError = useFormError();
  const router = useRouter();
  const trpc = useTRPC();
  const reset = useMutation(trpc.account.resetPassword.mutationOptions());
  const [failure, setFailure] = useState<"invalidLink" | "failed" | null>(null);
  const form = useForm<Input, unknown, Output>({ resolver: zodResolver(resetPasswordSchema), defaultValues: { password: "" } });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setFailure(null);
    try {
      const { email } = await reset.mutateAsync({ token, password: values.password });
      const result = await signIn("credentials", { email, password: values.password, redirect: false });
      router.replace(result && !result.error ? "/" : "/signin");
      router.refresh();
    } catch (error) {
      if (applyFieldErrors(error, form.setError)) return;
      setFailure((error as { data?: { code?: string } }).data?.code === "NOT_FOUND" ? "invalidLink" : "failed");
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      {failure && (
        <Alert variant="destructive" data-testid="reset-failed">
          <AlertDescription>
            {t(failure)}{" "}
            {failure === "invalidLink" && (
              <Link href="/forgot-password" className="font-medium underline underline-offset-4">
                {t("requestNew")}
              </Link>
            )}
          </AlertDescription>
        </Alert>
      )}
      <FormField id="reset-password" label={t("password")} description={errors.password ? undefined : t("passwordHint")} error={fieldError(errors.password)}>
        <Input type="password" autoComplete="new-password" autoFocus {...form.register("password")} />
      </FormField>
      <Button type="submit" size="lg" disabled={isSubmitting} className="mt-2 w-full">
        {isSubmitting ? t("submitting") : t("submit")}
      </Button>
    </form>
  );
}
