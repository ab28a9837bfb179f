"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { PlusIcon } from "lucide-react";
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
import { NativeSelect } from "@/components/ui/native-select";
import { createStaticQrSchema } from "@/server/domain/static-qr";

type Input = z.input<typeof createStaticQrSchema>;
type Output = z.output<typeof createStaticQrSchema>;
const FIELDS = ["appId", "storeId", "name", "subject", "amountYuan"] as const;

/** "New QR code": app, optional store, name, subject, fixed or open amount. */
export function CreateQrDialog({ mchNo, apps }: { mchNo: string; apps: { id: string; name: string }[] }) {
  const t = useTranslations();
  const trpc = useTRPC();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<Input, unknown, Output>({
    resolver: zodResolver(createStaticQrSchema),
    defaultValues: { appId: apps[0]?.id ?? "", storeId: "", name: "", subject: "", amountYuan: "" },
  });
  const create = useMutation(trpc.qrCodes.create.mutationOptions());
  const { errors, isSubmitting } = form.formState;
  const fieldError = (name: (typeof FIELDS)[number]) => translateFieldError(t, errors[name]?.message);

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      await create.mutateAsync({ mchNo, ...values });
      setOpen(false);
      form.reset();
      router.refresh();
    } catch (error) {
      setFormError(applyServerErrors(error, form.setError, t, FIELDS));
    }
  });

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) setFormError(null);
      }}
    >
      <DialogTrigger asChild>
        <Button data-testid="create-qr" disabled={apps.length === 0}>
          <PlusIcon />
          {t("staticQr.console.create")}
        </Button>
      </DialogTrigger>
      <DialogContent className="sm:max-w-lg">
        <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
          <DialogHeader>
            <DialogTitle>{t("staticQr.console.form.title")}</DialogTitle>
            <DialogDescription>{t("staticQr.console.form.description")}</DialogDescription>
          </DialogHeader>
          {formError && (
            <Alert variant="destructive">
              <AlertDescription>{formError}</AlertDescription>
            </Alert>
          )}
          <FormField label={t("staticQr.console.form.app")} error={fieldError("appId")} required>
            <NativeSelect {...form.register("appId")} data-testid="qr-app">
              {apps.map((app) => (
                <option key={app.id} value={app.id}>
                  {app.name}
                </option>
              ))}
            </NativeSelect>
          </FormField>
          <FormField label={t("staticQr.console.form.name")} error={fieldError("name")} required>
            <Input {...form.register("name")} placeholder={t("staticQr.console.form.namePlaceholder")} data-testid="qr-name" />
          </FormField>
          <FormField label={t("staticQr.console.form.subject")} error={fieldError("subject")} required>
            <Input {...form.register("subject")} placeholder={t("staticQr.console.form.subjectPlaceholder")} data-testid="qr-subject" />
          </FormField>
          <FormField label={t("staticQr.console.form.storeId")} description={t("staticQr.console.form.storeIdHint")} error={fieldError("storeId")}>
            <Input {...form.register("storeId")} data-testid="qr-store" />
          </FormField>
          <FormField label={t("staticQr.console.form.amountYuan")} description={t("staticQr.console.form.amountHint")} error={fieldError("amountYuan")}>
            <Input {...form.register("amountYuan")} inputMode="decimal" data-testid="qr-amount-yuan" />
          </FormField>
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => setOpen(false)}>
              {t("staticQr.console.form.cancel")}
            </Button>
            <Button type="submit" disabled={isSubmitting} data-testid="qr-submit">
              {isSubmitting ? t("staticQr.console.form.submitting") : t("staticQr.console.form.submit")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
