"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { DEFAULT_RATE_LIMIT, RATE_LIMIT_BOUNDS } from "@/server/domain/rate-limit";
import { rateLimitSchema } from "@/server/domain/rate-limit-schema";
import { knownMessage } from "@/server/i18n/known-message";

type Input = z.input<typeof rateLimitSchema>;
type Output = z.output<typeof rateLimitSchema>;

/** The app's Open API rate limit (流量控制) on the app's page: what holds now, and a form for the owner or developer. */
export function RateLimitCard({ mchNo, appId, canEdit }: { mchNo: string; appId: string; canEdit: boolean }) {
  const t = useTranslations("rateLimits");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const current = useQuery(trpc.appRateLimits.get.queryOptions({ mchNo, appId }));
  const save = useMutation(trpc.appRateLimits.update.mutationOptions());
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const form = useForm<Input, unknown, Output>({ resolver: zodResolver(rateLimitSchema), defaultValues: { ...DEFAULT_RATE_LIMIT } });
  const { errors, isSubmitting } = form.formState;
  const fieldError = (key?: string) =>
    key ? knownMessage(t, `errors.${key}`, t("errors.range", rangeValues), rangeValues) : undefined;

  useEffect(() => {
    if (current.data) form.reset({ perSecond: current.data.perSecond ?? DEFAULT_RATE_LIMIT.perSecond, burst: current.data.burst });
  }, [current.data, form]);

  const onSubmit = form.handleSubmit(async (values) => {
    setMessage(null);
    try {
      await save.mutateAsync({ mchNo, appId, ...values });
      await queryClient.invalidateQueries({ queryKey: trpc.appRateLimits.get.queryKey({ mchNo, appId }) });
      setMessage({ ok: true, text: t("saved") });
    } catch {
      setMessage({ ok: false, text: t("failed") });
    }
  });

  const data = current.data;
  return (
    <Card data-testid="rate-limit">
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
        <CardDescription>{t("description")}</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        {data && (
          <p className="text-sm" data-testid="rate-limit-current">
            {data.perSecond === null ? t("unlimited") : t("current", { perSecond: data.perSecond, burst: data.burst })}
          </p>
        )}
        <p className="text-sm text-muted-foreground">{t("headersHint")}</p>
        <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
          {message && (
            <Alert variant={message.ok ? "default" : "destructive"}>
              <AlertDescription>{message.text}</AlertDescription>
            </Alert>
          )}
          <div className="grid gap-4 sm:grid-cols-2">
            <FormField id="rate-limit-per-second" label={t("perSecond")} description={t("perSecondHint")} error={fieldError(errors.perSecond?.message)}>
              <Input inputMode="numeric" disabled={!canEdit} {...form.register("perSecond")} />
            </FormField>
            <FormField id="rate-limit-burst" label={t("burst")} description={t("burstHint")} error={fieldError(errors.burst?.message)}>
              <Input inputMode="numeric" disabled={!canEdit} {...form.register("burst")} />
            </FormField>
          </div>
          {canEdit && (
            <div>
              <Button type="submit" disabled={isSubmitting || current.isLoading} data-testid="rate-limit-save">
                {isSubmitting ? t("saving") : t("save")}
              </Button>
            </div>
          )}
        </form>
      </CardContent>
    </Card>
  );
}

const rangeValues = {
  minPerSecond: RATE_LIMIT_BOUNDS.perSecond.min,
  maxPerSecond: RATE_LIMIT_BOUNDS.perSecond.max,
  minBurst: RATE_LIMIT_BOUNDS.burst.min,
  maxBurst: RATE_LIMIT_BOUNDS.burst.max,
};
