"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { PlusIcon } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { type UseFormRegister, useForm } from "react-hook-form";
import type { z } from "zod";
import { applyServerErrors, translateFieldError } from "@/components/forms/server-errors";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { createAppSchema, type AppSettingsInput } from "@/server/domain/app-schema";
import { AppSettingsFields } from "./app-settings-fields";
import { SecretReveal } from "./secret-reveal";

type Input = z.input<typeof createAppSchema>;
type Output = z.output<typeof createAppSchema>;
const FIELDS = ["name", "mode", "notifyUrl", "refundReviewThresholdYuan", "repeatGuardSeconds"] as const;

/** "Create app": the form, then the new secret shown once. */
export function CreateAppDialog({ mchNo, liveAllowed }: { mchNo: string; liveAllowed: boolean }) {
  const t = useTranslations();
  const trpc = useTRPC();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState<{ appId: string; secret: string } | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<Input, unknown, Output>({
    resolver: zodResolver(createAppSchema),
    defaultValues: { name: "", mode: liveAllowed ? "LIVE" : "TEST", notifyUrl: "", refundReviewThresholdYuan: "", repeatGuardSeconds: 15 },
  });
  const create = useMutation(trpc.apps.create.mutationOptions());
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      const result = await create.mutateAsync({ mchNo, ...values });
      setCreated({ appId: result.appId, secret: result.secret });
      router.refresh();
    } catch (error) {
      setFormError(applyServerErrors(error, form.setError, t, FIELDS));
    }
  });

  function onOpenChange(next: boolean) {
    setOpen(next);
    if (!next) {
      setCreated(null);
      setFormError(null);
      form.reset();
    }
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button data-testid="create-app">
          <PlusIcon />
          {t("apps.create")}
        </Button>
      </DialogTrigger>
      <DialogContent className="sm:max-w-xl">
        {created ? (
          <>
            <DialogHeader>
              <DialogTitle>{t("secret.createdTitle")}</DialogTitle>
              <DialogDescription className="font-mono">{created.appId}</DialogDescription>
            </DialogHeader>
            <SecretReveal secret={created.secret} />
            <DialogFooter>
              <Button variant="outline" asChild>
                <Link href={`/console/${mchNo}/apps/${created.appId}`}>{t("secret.openApp")}</Link>
              </Button>
              <Button onClick={() => onOpenChange(false)}>{t("secret.done")}</Button>
            </DialogFooter>
          </>
        ) : (
          <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
            <DialogHeader>
              <DialogTitle>{t("appForm.title")}</DialogTitle>
              <DialogDescription>{t("appForm.description")}</DialogDescription>
            </DialogHeader>
            {formError && (
              <Alert variant="destructive">
                <AlertDescription>{formError}</AlertDescription>
              </Alert>
            )}
            <fieldset className="grid gap-2">
              <legend className="mb-2 text-sm font-medium">{t("appForm.mode")}</legend>
              <div className="grid gap-2 sm:grid-cols-2">
                {(["TEST", "LIVE"] as const).map((mode) => (
                  <label key={mode} className="flex cursor-pointer items-center gap-2 rounded-md border p-3 text-sm has-[:checked]:border-primary has-[:checked]:bg-primary/5">
                    <input type="radio" value={mode} {...form.register("mode")} />
                    {t(`appForm.mode${mode}`)}
                  </label>
                ))}
              </div>
              {!liveAllowed && <p className="text-sm text-muted-foreground">{t("apps.liveOnlyWhenActive")}</p>}
              {errors.mode && <p role="alert" className="text-sm font-medium text-destructive">{translateFieldError(t, errors.mode.message)}</p>}
            </fieldset>
            <AppSettingsFields register={form.register as unknown as UseFormRegister<AppSettingsInput>} errors={errors} />
            <DialogFooter>
              <Button type="button" variant="outline" onClick={() => onOpenChange(false)}>
                {t("appForm.cancel")}
              </Button>
              <Button type="submit" disabled={isSubmitting}>
                {isSubmitting ? t("appForm.submitting") : t("appForm.submit")}
              </Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
