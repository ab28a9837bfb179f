"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { RefreshCwIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { applyServerErrors, translateFieldError } from "@/components/forms/server-errors";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { DEFAULT_GRACE_HOURS, rotateSecretSchema } from "@/server/domain/app-schema";
import { SecretReveal } from "./secret-reveal";

/** Rotation: the owner picks the old secret's grace period, then sees the new secret once. */
export function RotateSecretDialog({ mchNo, appId }: { mchNo: string; appId: string }) {
  const t = useTranslations();
  const trpc = useTRPC();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<z.input<typeof rotateSecretSchema>, unknown, z.output<typeof rotateSecretSchema>>({
    resolver: zodResolver(rotateSecretSchema),
    defaultValues: { graceHours: DEFAULT_GRACE_HOURS },
  });
  const rotate = useMutation(trpc.apps.rotateSecret.mutationOptions());

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      const result = await rotate.mutateAsync({ mchNo, appId, ...values });
      setSecret(result.secret);
      router.refresh();
    } catch (error) {
      setFormError(applyServerErrors(error, form.setError, t, ["graceHours"]));
    }
  });

  function onOpenChange(next: boolean) {
    setOpen(next);
    if (!next) {
      setSecret(null);
      setFormError(null);
      form.reset();
    }
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button variant="outline" data-testid="rotate-secret">
          <RefreshCwIcon />
          {t("appDetail.rotate")}
        </Button>
      </DialogTrigger>
      <DialogContent className="sm:max-w-xl">
        {secret ? (
          <>
            <DialogHeader>
              <DialogTitle>{t("secret.rotatedTitle")}</DialogTitle>
            </DialogHeader>
            <SecretReveal secret={secret} />
            <DialogFooter>
              <Button onClick={() => onOpenChange(false)}>{t("secret.done")}</Button>
            </DialogFooter>
          </>
        ) : (
          <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
            <DialogHeader>
              <DialogTitle>{t("appDetail.rotateTitle")}</DialogTitle>
              <DialogDescription>{t("appDetail.rotateDescription")}</DialogDescription>
            </DialogHeader>
            {formError && (
              <Alert variant="destructive">
                <AlertDescription>{formError}</AlertDescription>
              </Alert>
            )}
            <FormField
              id="grace-hours"
              label={t("appDetail.graceHours")}
              description={t("appDetail.graceHoursHint")}
              error={translateFieldError(t, form.formState.errors.graceHours?.message)}
            >
              <Input inputMode="numeric" {...form.register("graceHours")} />
            </FormField>
            <DialogFooter>
              <Button type="button" variant="outline" onClick={() => onOpenChange(false)}>
                {t("appDetail.cancel")}
              </Button>
              <Button type="submit" disabled={form.formState.isSubmitting}>
                {form.formState.isSubmitting ? t("appDetail.rotating") : t("appDetail.rotateConfirm")}
              </Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
