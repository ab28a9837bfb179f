"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { applyServerErrors, translateFieldError } from "@/components/forms/server-errors";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { createChannelAccountSchema } from "@/server/domain/channel-account-schema";
import { CHANNEL_CODES, type ChannelCode } from "@/server/domain/channel-codes";
import type { CredentialField } from "@/server/domain/credential-fields";
import { knownMessage } from "@/server/i18n/known-message";

type ChannelForm = { channel: ChannelCode; modes: readonly string[]; fields: CredentialField[]; productionUrl: string };
type Values = z.input<typeof createChannelAccountSchema>;
type Output = z.output<typeof createChannelAccountSchema>;

export type ChannelAccountInitial = {
  id: string;
  channel: ChannelCode;
  name: string;
  modes: string[];
  feeRateBps: number;
  subsidyBps: number;
  priority: number;
  status: "ENABLED" | "DISABLED";
  baseUrl: string | null;
  credentials: { values: Record<string, string>; secretsSet: string[] };
};

const SETTINGS = ["channel", "name", "modes", "feeRateBps", "subsidyBps", "priority", "enabled", "baseUrl", "sandbox"] as const;

/**
 * The shared schema, plus what only this form knows: which credential fields the chosen channel
 * requires (a stored secret may stay blank: blank = keep). The plugin's own schema checks the rest on the server.
 */
function formSchema(forms: ChannelForm[], secretsSet: string[]) {
  return createChannelAccountSchema.superRefine((values, ctx) => {
    if (values.sandbox) return;
    const form = forms.find((f) => f.channel === values.channel);
    for (const field of form?.fields ?? []) {
      const value = values.credentials[field.name] ?? "";
      if (field.required && value.trim() === "" && !(field.secret && secretsSet.includes(field.name))) {
        ctx.addIssue({ code: "custom", path: ["credentials", field.name], message: "credentialRequired" });
      }
    }
  });
}

/**
 * A channel account's form, generated from the plugin's credential schema (fields, secrets,
 * multiline PEMs) and modes. Create (pick a channel; TEST apps may have the sandbox generate the
 * credentials) or edit (secrets show as set and stay unless replaced).
 */
export function ChannelAccountForm({
  mchNo,
  appId,
  appMode,
  forms,
  sandboxUrls,
  initial,
}: {
  mchNo: string;
  appId: string;
  appMode: "TEST" | "LIVE";
  forms: ChannelForm[];
  sandboxUrls: Record<string, string>;
  initial?: ChannelAccountInitial;
}) {
  const t = useTranslations();
  const format = useFormatter();
  const trpc = useTRPC();
  const router = useRouter();
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const editing = Boolean(initial);
  const secretsSet = initial?.credentials.secretsSet ?? [];
  const resolver = useMemo(() => zodResolver(formSchema(forms, secretsSet)), [forms, secretsSet]);
  const firstChannel = forms[0]?.channel ?? CHANNEL_CODES[0];
  const form = useForm<Values, unknown, Output>({
    resolver,
    defaultValues: initial
      ? {
          channel: initial.channel,
          name: initial.name,
          modes: initial.modes,
          feeRateBps: initial.feeRateBps,
          subsidyBps: initial.subsidyBps,
          priority: initial.priority,
          enabled: initial.status === "ENABLED",
          baseUrl: initial.baseUrl ?? "",
          credentials: { ...initial.credentials.values },
          sandbox: false,
        }
      : {
          channel: firstChannel,
          name: "",
          modes: [...(forms[0]?.modes ?? [])],
          feeRateBps: 60,
          subsidyBps: 0,
          priority: 0,
          enabled: true,
          baseUrl: "",
          credentials: {},
          sandbox: appMode === "TEST",
        },
  });
  const create = useMutation(trpc.channelAccounts.create.mutationOptions());
  const update = useMutation(trpc.channelAccounts.update.mutationOptions());
  const { errors, isSubmitting } = form.formState;
  const channel = form.watch("channel");
  const sandbox = form.watch("sandbox");
  const feeRateBps = Number(form.watch("feeRateBps"));
  const subsidyBps = Number(form.watch("subsidyBps"));
  const current = forms.find((f) => f.channel === channel) ?? forms[0];
  const error = (message?: string) => translateFieldError(t, message);
  const percent = (bps: number) => (Number.isFinite(bps) ? format.number(bps / 10_000, { style: "percent", minimumFractionDigits: 2 }) : "—");

  const onSubmit = form.handleSubmit(async (values) => {
    setMessage(null);
    try {
      if (initial) {
        const { channel: _channel, sandbox: _sandbox, ...settings } = values;
        await update.mutateAsync({ mchNo, id: initial.id, ...settings });
        setMessage({ kind: "ok", text: t("channelAccounts.saved") });
        router.refresh();
      } else {
        const created = await create.mutateAsync({ mchNo, appId, ...values });
        router.push(`/console/${mchNo}/apps/${appId}/channels/${created.id}?created=1`);
      }
    } catch (failure) {
      const text = applyServerErrors(failure, form.setError, t, SETTINGS);
      if (text) setMessage({ kind: "error", text });
    }
  });

  function pickChannel(code: ChannelCode) {
    const next = forms.find((f) => f.channel === code);
    form.setValue("channel", code);
    form.setValue("modes", [...(next?.modes ?? [])]);
    form.setValue("credentials", {});
  }

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-6" data-testid="channel-account-form">
      {message && (
        <Alert variant={message.kind === "error" ? "destructive" : "default"}>
          <AlertDescription>{message.text}</AlertDescription>
        </Alert>
      )}
      <Card>
        <CardContent className="flex flex-col gap-4">
          {!editing && (
            <fieldset className="grid gap-2">
              <legend className="mb-2 text-sm font-medium">{t("channelAccounts.pickChannel")}</legend>
              <div className="grid gap-2 sm:grid-cols-2">
                {forms.map((f) => (
                  <label key={f.channel} className="flex cursor-pointer items-center gap-2 rounded-md border p-3 text-sm has-[:checked]:border-primary has-[:checked]:bg-primary/5">
                    <input type="radio" name="channel-picker" value={f.channel} checked={channel === f.channel} onChange={() => pickChannel(f.channel)} />
                    {t(`channel.${f.channel}`)}
                  </label>
                ))}
              </div>
            </fieldset>
          )}
          <FormField id="account-name" label={t("channelAccounts.name")} required error={error(errors.name?.message)}>
            <Input placeholder={t("channelAccounts.namePlaceholder")} {...form.register("name")} />
          </FormField>
          {!editing && (
            <label className="flex items-start gap-3 rounded-md border p-3 text-sm">
              <input type="checkbox" className="mt-1" data-testid="sandbox-provision" {...form.register("sandbox")} />
              <span>
                <span className="font-medium">{appMode === "TEST" ? t("channelAccounts.sandboxProvision") : t("channelAccounts.sandboxProvisionLive")}</span>
                <span className="block text-muted-foreground">
                  {appMode === "TEST" ? t("channelAccounts.sandboxProvisionHint") : t("channelAccounts.sandboxProvisionLiveHint")}
                </span>
              </span>
            </label>
          )}
        </CardContent>
      </Card>

      {!sandbox && current && (
        <Card data-testid="credentials-card">
          <CardHeader>
            <CardTitle>{t("channelAccounts.credentialsTitle")}</CardTitle>
            <CardDescription>{t("channelAccounts.credentialsDescription")}</CardDescription>
          </CardHeader>
          <CardContent className="flex flex-col gap-4">
            {current.fields.map((field) => {
              const stored = field.secret && secretsSet.includes(field.name);
              const label = knownMessage(t, `credentialFields.${current.channel}.${field.name}`, field.name);
              const fieldError = (errors.credentials as Record<string, { message?: string }> | undefined)?.[field.name]?.message;
              const props = form.register(`credentials.${field.name}`);
              return (
                <FormField
                  key={`${current.channel}.${field.name}`}
                  id={`credential-${field.name}`}
                  label={
                    <span className="flex items-center gap-2">
                      {label}
                      {stored && (
                        <span className="text-xs font-normal text-muted-foreground" data-testid={`secret-set-${field.name}`}>
                          {t("channelAccounts.secretSet")}
                        </span>
                      )}
                    </span>
                  }
                  required={field.required && !stored}
                  description={stored ? t("channelAccounts.secretKeepHint") : undefined}
                  error={error(fieldError)}
                >
                  {field.multiline ? (
                    <Textarea
                      rows={4}
                      spellCheck={false}
                      autoComplete="off"
                      className="font-mono text-xs"
                      placeholder={field.name.toLowerCase().includes("private") ? "-----BEGIN PRIVATE KEY-----" : "-----BEGIN PUBLIC KEY-----"}
                      {...props}
                    />
                  ) : (
                    <Input
                      type={field.secret ? "password" : "text"}
                      autoComplete={field.secret ? "new-password" : "off"}
                      spellCheck={false}
                      maxLength={field.maxLength}
                      className="font-mono"
                      {...props}
                    />
                  )}
                </FormField>
              );
            })}
          </CardContent>
        </Card>
      )}

      <Card>
        <CardContent className="flex flex-col gap-4">
          <fieldset className="grid gap-2">
            <legend className="mb-2 text-sm font-medium">{t("channelAccounts.modesLabel")}</legend>
            <div className="flex flex-wrap gap-3">
              {current?.modes.map((mode) => (
                <label key={mode} className="flex items-center gap-2 rounded-md border px-3 py-2 text-sm">
                  <input type="checkbox" value={mode} {...form.register("modes")} />
                  {knownMessage(t, `payModes.${mode}`, mode)}
                </label>
              ))}
            </div>
            {errors.modes && (
              <p role="alert" className="text-sm font-medium text-destructive">
                {error(errors.modes.message ?? errors.modes.root?.message)}
              </p>
            )}
          </fieldset>
          <div className="grid gap-4 sm:grid-cols-3">
            <FormField
              id="fee-rate"
              label={t("channelAccounts.feeRateBps")}
              description={t("channelAccounts.feeRateBpsHint", { percent: percent(feeRateBps) })}
              error={error(errors.feeRateBps?.message)}
            >
              <Input inputMode="numeric" {...form.register("feeRateBps")} />
            </FormField>
            <FormField
              id="subsidy"
              label={t("channelAccounts.subsidyBps")}
              description={t("channelAccounts.subsidyBpsHint", { percent: percent(subsidyBps) })}
              error={error(errors.subsidyBps?.message)}
            >
              <Input inputMode="numeric" {...form.register("subsidyBps")} />
            </FormField>
            <FormField id="priority" label={t("channelAccounts.priorityLabel")} description={t("channelAccounts.priorityHint")} error={error(errors.priority?.message)}>
              <Input inputMode="numeric" {...form.register("priority")} />
            </FormField>
          </div>
          {!sandbox && (
            <FormField id="base-url" label={t("channelAccounts.baseUrl")} description={t("channelAccounts.baseUrlHint")} error={error(errors.baseUrl?.message)}>
              {(control) => (
                <div className="flex flex-wrap gap-2">
                  <Input {...control} type="url" className="min-w-64 flex-1 font-mono" placeholder={current?.productionUrl} {...form.register("baseUrl")} />
                  <Button
                    type="button"
                    variant="outline"
                    data-testid="use-sandbox-url"
                    onClick={() => form.setValue("baseUrl", sandboxUrls[channel] ?? "", { shouldDirty: true })}
                  >
                    {t("channelAccounts.useSandboxUrl")}
                  </Button>
                </div>
              )}
            </FormField>
          )}
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" {...form.register("enabled")} />
            {t("channelAccounts.enabled")}
          </label>
        </CardContent>
      </Card>
      <div className="flex gap-2">
        <Button type="submit" disabled={isSubmitting} data-testid="save-channel-account">
          {isSubmitting ? t("channelAccounts.submitting") : t("channelAccounts.submit")}
        </Button>
        <Button type="button" variant="outline" onClick={() => router.push(`/console/${mchNo}/apps/${appId}`)}>
          {t("channelAccounts.cancel")}
        </Button>
      </div>
    </form>
  );
}
