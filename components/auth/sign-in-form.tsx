"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { knownMessage } from "@/server/i18n/known-message";

const schema = z.object({
  email: z.email({ error: "emailInvalid" }),
  password: z.string().min(1, { error: "passwordRequired" }),
});
type Values = z.infer<typeof schema>;

/** Only same-site paths: a crafted callbackUrl must not send the user elsewhere. */
function safeCallback(url: string | undefined): string {
  return url && url.startsWith("/") && !url.startsWith("//") ? url : "/";
}

export function SignInForm({ callbackUrl }: { callbackUrl?: string }) {
  const t = useTranslations("auth");
  const router = useRouter();
  const [failed, setFailed] = useState(false);
  const form = useForm<Values>({ resolver: zodResolver(schema), defaultValues: { email: "", password: "" } });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setFailed(false);
    const result = await signIn("credentials", { ...values, redirect: false });
    if (!result || result.error) {
      setFailed(true);
      return;
    }
    router.replace(safeCallback(callbackUrl));
    router.refresh();
  });

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      {failed && (
        <Alert variant="destructive">
          <AlertDescription>{t("invalidCredentials")}</AlertDescription>
        </Alert>
      )}
      <FormField id="email" label={t("email")} error={errors.email && knownMessage(t, errors.email.message ?? "", t("emailInvalid"))}>
        <Input type="email" autoComplete="username" autoFocus {...form.register("email")} />
      </FormField>
      <FormField id="password" label={t("password")} error={errors.password && knownMessage(t, errors.password.message ?? "", t("passwordRequired"))}>
        <Input type="password" autoComplete="current-password" {...form.register("password")} />
      </FormField>
      <Link href="/forgot-password" className="-mt-2 self-end text-sm text-primary underline-offset-4 hover:underline">
        {t("forgotPassword")}
      </Link>
      <Button type="submit" size="lg" disabled={isSubmitting} className="mt-2 w-full">
        {isSubmitting ? t("submitting") : t("submit")}
      </Button>
    </form>
  );
}
