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
import { inviteSignUpSchema } from "@/server/domain/account-schema";

function Failure({ message }: { message: string | null }) {
  return message ? (
    <Alert variant="destructive">
      <AlertDescription>{message}</AlertDescription>
    </Alert>
  ) : null;
}

/** A signed-in invitee joins with one click. */
export function AcceptInvitation({ token }: { token: string }) {
  const t = useTranslations("invite");
  const router = useRouter();
  const trpc = useTRPC();
  const accept = useMutation(trpc.account.acceptInvitation.mutationOptions());
  const [failed, setFailed] = useState<string | null>(null);
  return (
    <div className="flex flex-col gap-3">
      <Failure message={failed} />
      <Button
        size="lg"
        disabled={accept.isPending}
        onClick={async () => {
          try {
            const { mchNo } = await accept.mutateAsync({ token });
            router.replace(`/console/${mchNo}`);
            router.refresh();
          } catch {
            setFailed(t("failed"));
          }
        }}
      >
        {t("accept")}
      </Button>
    </div>
  );
}

type Input = z.input<typeof inviteSignUpSchema>;
type Output = z.output<typeof inviteSignUpSchema>;

/** An invitee without an account picks a name and a password; the email is the invitation's. */
export function InviteSignUpForm({ token, email }: { token: string; email: string }) {
  const t = useTranslations("invite");
  const fieldError = useFormError();
  const router = useRouter();
  const trpc = useTRPC();
  const join = useMutation(trpc.account.signUpWithInvitation.mutationOptions());
  const [failed, setFailed] = useState<string | null>(null);
  const form = useForm<Input, unknown, Output>({ resolver: zodResolver(inviteSignUpSchema), defaultValues: { name: "", password: "" } });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setFailed(null);
    try {
      const { mchNo } = await join.mutateAsync({ token, ...values });
      await signIn("credentials", { email, password: values.password, redirect: false });
      router.replace(`/console/${mchNo}`);
      router.refresh();
    } catch (error) {
      if (!applyFieldErrors(error, form.setError)) setFailed(t("failed"));
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      <Failure message={failed} />
      <FormField id="invite-email" label={t("email")}>
        <Input value={email} readOnly disabled />
      </FormField>
      <FormField id="invite-name" label={t("name")} error={fieldError(errors.name)}>
        <Input autoComplete="name" autoFocus {...form.register("name")} />
      </FormField>
      <FormField id="invite-password" label={t("password")} description={t("passwordHint")} error={fieldError(errors.password)}>
        <Input type="password" autoComplete="new-password" {...form.register("password")} />
      </FormField>
      <Button type="submit" size="lg" disabled={isSubmitting}>
        {t("join")}
      </Button>
    </form>
  );
}
