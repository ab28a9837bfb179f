"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { applyServerErrors, translateFieldError } from "@/components/forms/server-errors";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { faultsFormSchema } from "@/server/domain/channel-account-schema";

type Values = z.input<typeof faultsFormSchema>;
const NUMBERS = ["declinePerMille", "timeoutPerMille", "errorPerMille", "latencyMs", "notificationDelayMs"] as const;
const SWITCHES = ["dropNotifications", "duplicateNotifications"] as const;

/** The sandbox's fault injection for one channel account (TEST apps). */
export function FaultsForm({ mchNo, id, initial }: { mchNo: string; id: string; initial: z.output<typeof faultsFormSchema> }) {
  const t = useTranslations();
  const trpc = useTRPC();
  const router = useRouter();
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const form = useForm<Values, unknown, z.output<typeof faultsFormSchema>>({ resolver: zodResolver(faultsFormSchema), defaultValues: initial });
  const save = useMutation(trpc.channelAccounts.updateFaults.mutationOptions());
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (faults) => {
    setMessage(null);
    try {
      await save.mutateAsync({ mchNo, id, faults });
      setMessage({ kind: "ok", text: t("channelAccounts.faultsSaved") });
      router.refresh();
    } catch (error) {
      const text = applyServerErrors(error, form.setError, t, [...NUMBERS, ...SWITCHES], "faults.");
      if (text) setMessage({ kind: "error", text });
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4" data-testid="faults-form">
      {message && (
        <Alert variant={message.kind === "error" ? "destructive" : "default"}>
          <AlertDescription>{message.text}</AlertDescription>
        </Alert>
      )}
      <div className="grid gap-4 sm:grid-cols-3">
        {NUMBERS.map((name) => (
          <FormField key={name} id={`fault-${name}`} label={t(`faults.${name}`)} error={translateFieldError(t, errors[name]?.message)}>
            <Input inputMode="numeric" {...form.register(name)} />
          </FormField>
        ))}
      </div>
      <div className="flex flex-wrap gap-4">
        {SWITCHES.map((name) => (
          <label key={name} className="flex items-center gap-2 text-sm">
            <input type="checkbox" {...form.register(name)} />
            {t(`faults.${name}`)}
          </label>
        ))}
      </div>
      <div>
        <Button type="submit" variant="outline" disabled={isSubmitting} data-testid="save-faults">
          {t("channelAccounts.faultsSave")}
        </Button>
      </div>
    </form>
  );
}
