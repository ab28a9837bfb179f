"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { Controller, useForm } from "react-hook-form";
import { z } from "zod";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { Switch } from "@/components/ui/switch";
import { Textarea } from "@/components/ui/textarea";
import { ALERT_TARGET_KINDS, type AlertTargetKind, alertTargetConfigSchemas } from "@/server/domain/alert-rule-schema";

/** What the form holds: the config's parts as fields (e-mail addresses one per line), checked by the shared config schema. */
const formSchema = z
  .object({
    kind: z.enum(ALERT_TARGET_KINDS),
    name: z.string().trim().min(1).max(60),
    enabled: z.boolean(),
    /** Edit: replace the sealed config (else kept as is). */
    replaceConfig: z.boolean(),
    url: z.string(),
    secret: z.string(),
    emails: z.string(),
  })
  .superRefine((v, ctx) => {
    if (!v.replaceConfig) return;
    const parsed = alertTargetConfigSchemas[v.kind].safeParse(configOf(v));
    if (parsed.success) return;
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] === "to" ? "emails" : issue.path[0] === "secret" ? "secret" : "url";
      ctx.addIssue({ code: "custom", path: [field], message: field });
    }
  });
export type TargetFormValues = z.infer<typeof formSchema>;

export function configOf(v: Pick<TargetFormValues, "kind" | "url" | "secret" | "emails">): Record<string, unknown> {
  if (v.kind === "EMAIL") return { to: v.emails.split(/[\s,;]+/).filter(Boolean) };
  if (v.kind === "WECOM") return { url: v.url.trim() };
  return { url: v.url.trim(), secret: v.secret.trim() };
}

type Props = {
  /** Editing an existing target: its kind is fixed and its config is only replaced on request. */
  existing?: { kind: AlertTargetKind; name: string; enabled: boolean };
  onSubmit: (values: TargetFormValues) => Promise<void>;
  onCancel?: () => void;
  pending: boolean;
};

/** A DingTalk robot (webhook + SEC secret), a WeCom robot (webhook) or e-mail addresses; secrets write-only. */
export function TargetForm({ existing, onSubmit, onCancel, pending }: Props) {
  const t = useTranslations("monitoring.targets");
  const tk = useTranslations("alerts.targetKinds");
  const te = useTranslations("alerts.paramErrors");
  const form = useForm<TargetFormValues>({
    resolver: zodResolver(formSchema),
    defaultValues: { kind: existing?.kind ?? "DINGTALK", name: existing?.name ?? "", enabled: existing?.enabled ?? true, replaceConfig: !existing, url: "", secret: "", emails: "" },
  });
  const kind = form.watch("kind");
  const replace = form.watch("replaceConfig");
  const { errors } = form.formState;
  const submit = form.handleSubmit(async (values) => {
    await onSubmit(values);
    if (!existing) form.reset();
  });

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4" data-testid={existing ? "edit-target-form" : "new-target-form"}>
      <div className="grid gap-4 sm:grid-cols-3">
        <FormField label={t("kind")}>
          <NativeSelect disabled={!!existing} {...form.register("kind")}>
            {ALERT_TARGET_KINDS.map((k) => (
              <option key={k} value={k}>
                {tk(k)}
              </option>
            ))}
          </NativeSelect>
        </FormField>
        <FormField label={t("name")} error={errors.name && te("name")} required>
          <Input {...form.register("name")} />
        </FormField>
        <label className="flex items-center gap-2 self-end pb-2 text-sm">
          <Controller control={form.control} name="enabled" render={({ field }) => <Switch checked={field.value} onCheckedChange={field.onChange} aria-label={t("enabled")} />} />
          {t("enabled")}
        </label>
      </div>
      {existing && (
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" className="size-4 accent-primary" {...form.register("replaceConfig")} />
          {t("replaceConfig")} <span className="text-xs text-muted-foreground">{t("keepSecret")}</span>
        </label>
      )}
      {replace && kind !== "EMAIL" && (
        <div className="grid gap-4 sm:grid-cols-2">
          <FormField className="content-start" label={t("url")} description={kind === "DINGTALK" ? t("dingtalkUrlHint") : t("wecomUrlHint")} error={errors.url && te("url")} required>
            <Input type="url" autoComplete="off" {...form.register("url")} />
          </FormField>
          {kind === "DINGTALK" && (
            <FormField className="content-start" label={t("secret")} description={t("secretHint")} error={errors.secret && te("secret")} required>
              <Input type="password" autoComplete="new-password" {...form.register("secret")} />
            </FormField>
          )}
        </div>
      )}
      {replace && kind === "EMAIL" && (
        <FormField label={t("emails")} description={t("emailsHint")} error={errors.emails && te("emails")} required>
          <Textarea rows={3} {...form.register("emails")} />
        </FormField>
      )}
      <div className="flex gap-2">
        <Button type="submit" size="sm" disabled={pending || form.formState.isSubmitting}>
          {existing ? t("save") : t("create")}
        </Button>
        {onCancel && (
          <Button type="button" size="sm" variant="outline" onClick={onCancel}>
            {t("cancel")}
          </Button>
        )}
      </div>
    </form>
  );
}
