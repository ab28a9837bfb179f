"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Controller, useForm } from "react-hook-form";
import type { z } from "zod";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import { NativeSelect } from "@/components/ui/native-select";
import { Switch } from "@/components/ui/switch";
import { reconScheduleSchema } from "@/server/domain/reconciliation-schema";
import { reconErrorKey } from "./recon-error";

type Account = { id: string; name: string; reconEnabled: boolean; reconHour: number; app: { name: string } };
type Values = z.input<typeof reconScheduleSchema>;

function ScheduleRow({ mchNo, account, canEdit }: { mchNo: string; account: Account; canEdit: boolean }) {
  const t = useTranslations("reconciliation");
  const trpc = useTRPC();
  const save = useMutation(trpc.reconciliation.updateSchedule.mutationOptions());
  const [saved, setSaved] = useState(false);
  const form = useForm<Values, unknown, z.output<typeof reconScheduleSchema>>({
    resolver: zodResolver(reconScheduleSchema),
    defaultValues: { channelAccountId: account.id, reconEnabled: account.reconEnabled, reconHour: account.reconHour },
  });
  const onSubmit = form.handleSubmit(async (values) => {
    setSaved(false);
    const done = await save.mutateAsync({ mchNo, ...values }).catch(() => null);
    if (done) {
      setSaved(true);
      form.reset({ channelAccountId: account.id, reconEnabled: done.reconEnabled, reconHour: done.reconHour });
    }
  });
  return (
    <form onSubmit={onSubmit} className="flex flex-wrap items-center gap-3 border-b py-2 last:border-b-0" data-testid="schedule-row">
      <div className="min-w-48 flex-1 text-sm">
        <div className="font-medium">{account.name}</div>
        <div className="text-xs text-muted-foreground">{account.app.name}</div>
      </div>
      <label className="flex items-center gap-2 text-sm">
        <Controller
          control={form.control}
          name="reconEnabled"
          render={({ field }) => <Switch checked={field.value} onCheckedChange={field.onChange} disabled={!canEdit} aria-label={t("schedule.enabled")} />}
        />
        {t("schedule.enabled")}
      </label>
      <label className="flex items-center gap-2 text-sm">
        {t("schedule.hour")}
        <NativeSelect className="w-24" disabled={!canEdit} {...form.register("reconHour")}>
          {Array.from({ length: 24 }, (_, hour) => (
            <option key={hour} value={hour}>
              {t("schedule.hourOption", { hour: String(hour).padStart(2, "0") })}
            </option>
          ))}
        </NativeSelect>
      </label>
      {canEdit && (
        <Button type="submit" size="sm" variant="outline" disabled={!form.formState.isDirty || form.formState.isSubmitting}>
          {t("schedule.save")}
        </Button>
      )}
      {saved && <span className="text-xs text-success">{t("schedule.saved")}</span>}
      {save.error && <span className="text-xs text-destructive">{t(`errors.${reconErrorKey(save.error)}`)}</span>}
    </form>
  );
}

/** Each channel account's daily run: on/off and the hour (Beijing time). */
export function ScheduleForm({ mchNo, accounts, canEdit }: { mchNo: string; accounts: Account[]; canEdit: boolean }) {
  const t = useTranslations("reconciliation");
  return (
    <section className="rounded-lg border bg-card p-4" data-testid="recon-schedule">
      <h2 className="font-medium">{t("schedule.title")}</h2>
      <p className="mb-2 text-sm text-muted-foreground">{t("schedule.description")}</p>
      {accounts.length === 0 && <p className="text-sm text-muted-foreground">{t("schedule.empty")}</p>}
      {accounts.map((a) => (
        <ScheduleRow key={a.id} mchNo={mchNo} account={a} canEdit={canEdit} />
      ))}
    </section>
  );
}
