"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { applyServerErrors } from "@/components/forms/server-errors";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { appSettingsSchema } from "@/server/domain/app-schema";
import { AppSettingsFields } from "./app-settings-fields";

const FIELDS = ["name", "notifyUrl", "refundReviewThresholdYuan", "repeatGuardSeconds"] as const;

/** An app's settings (name, default notify URL, refund review threshold in yuan, repeat guard). */
export function AppSettingsForm({ mchNo, appId, initial }: { mchNo: string; appId: string; initial: z.input<typeof appSettingsSchema> }) {
  const t = useTranslations();
  const trpc = useTRPC();
  const router = useRouter();
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const form = useForm<z.input<typeof appSettingsSchema>, unknown, z.output<typeof appSettingsSchema>>({
    resolver: zodResolver(appSettingsSchema),
    defaultValues: initial,
  });
  const update = useMutation(trpc.apps.update.mutationOptions());

  const onSubmit = form.handleSubmit(async (values) => {
    setMessage(null);
    try {
      await update.mutateAsync({ mchNo, appId, ...values });
      setMessage({ kind: "ok", text: t("appForm.saved") });
      router.refresh();
    } catch (error) {
      const text = applyServerErrors(error, form.setError, t, FIELDS);
      if (text) setMessage({ kind: "error", text });
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4" data-testid="app-settings-form">
      {message && (
        <Alert variant={message.kind === "error" ? "destructive" : "default"}>
          <AlertDescription>{message.text}</AlertDescription>
        </Alert>
      )}
      <AppSettingsFields register={form.register} errors={form.formState.errors} />
      <p className="text-sm text-muted-foreground">{t("appForm.modeFixed")}</p>
      <div>
        <Button type="submit" disabled={form.formState.isSubmitting}>
          {form.formState.isSubmitting ? t("appForm.saving") : t("appForm.save")}
        </Button>
      </div>
    </form>
  );
}
