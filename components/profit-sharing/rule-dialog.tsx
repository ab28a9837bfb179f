"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { minorToDecimal } from "@/server/domain/money";
import { bpsToPercent, type RuleFormValues, ruleFormSchema } from "@/server/domain/profit-sharing-form";
import { psErrorKey } from "./ps-error";
import type { RuleRow } from "./types";

const fromRule = (rule: RuleRow | undefined, receiverId: string): RuleFormValues => ({
  name: rule?.name ?? "",
  receiverId: rule?.receiverId ?? receiverId,
  mode: rule?.mode === "FIXED" ? "FIXED" : "RATIO",
  ratio: rule?.ratioBps ? bpsToPercent(rule.ratioBps) : "",
  amount: rule?.amount ? minorToDecimal(rule.amount) : "",
  match: rule?.match === "STORE" || rule?.match === "METADATA" ? rule.match : "ALL",
  storeId: rule?.storeId ?? "",
  metadataKey: rule?.metadataKey ?? "",
  metadataValue: rule?.metadataValue ?? "",
});

/** Create a rule of an app, or edit one (rule given): receiver, a ratio or fixed amount, which orders. */
export function RuleDialog({ mchNo, appId, receivers, rule }: { mchNo: string; appId: string; receivers: { id: string; label: string }[]; rule?: RuleRow }) {
  const t = useTranslations("profitSharing");
  const router = useRouter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const form = useForm<RuleFormValues, unknown, z.output<typeof ruleFormSchema>>({ resolver: zodResolver(ruleFormSchema), defaultValues: fromRule(rule, receivers[0]?.id ?? "") });
  const done = {
    onSuccess: async () => {
      setOpen(false);
      await queryClient.invalidateQueries({ queryKey: trpc.profitSharing.rules.queryKey() });
      router.refresh();
    },
  };
  const create = useMutation(trpc.profitSharing.createRule.mutationOptions(done));
  const update = useMutation(trpc.profitSharing.updateRule.mutationOptions(done));
  const failed = create.error ?? update.error;
  const { errors, isSubmitting } = form.formState;
  const mode = form.watch("mode");
  const match = form.watch("match");
  const message = (m?: string) => (m === "ratio" || m === "amount" ? t(`errors.${m}`) : m ? t("errors.required") : undefined);
  const onSubmit = form.handleSubmit(async (values) => {
    if (rule) await update.mutateAsync({ mchNo, ruleId: rule.id, ...values }).catch(() => null);
    else await create.mutateAsync({ mchNo, appId, ...values }).catch(() => null);
  });

  return (
    <>
      {rule ? (
        <Button variant="ghost" size="sm" data-testid="edit-rule" onClick={() => (update.reset(), form.reset(fromRule(rule, "")), setOpen(true))}>
          {t("rules.edit")}
        </Button>
      ) : (
        <Button size="sm" data-testid="add-rule" disabled={receivers.length === 0} onClick={() => (create.reset(), form.reset(fromRule(undefined, receivers[0]?.id ?? "")), setOpen(true))}>
          {t("rules.add")}
        </Button>
      )}
      <Dialog open={open} onOpenChange={setOpen}>
        <DialogContent closeLabel={t("rules.cancel")}>
          <form onSubmit={onSubmit} className="grid gap-4">
            <DialogHeader>
              <DialogTitle>{rule ? t("rules.editTitle") : t("rules.addTitle")}</DialogTitle>
              <DialogDescription>{t("rules.ruleDescription")}</DialogDescription>
            </DialogHeader>
            {failed && (
              <Alert variant="destructive">
                <AlertDescription>{t(`errors.${psErrorKey(failed)}`)}</AlertDescription>
              </Alert>
            )}
            <FormField id="rule-name" label={t("rules.name")} required error={message(errors.name?.message)}>
              <Input autoComplete="off" maxLength={64} {...form.register("name")} />
            </FormField>
            <FormField id="rule-receiver" label={t("rules.receiver")} error={message(errors.receiverId?.message)}>
              <NativeSelect {...form.register("receiverId")}>
                {receivers.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.label}
                  </option>
                ))}
              </NativeSelect>
            </FormField>
            <div className="grid gap-4 sm:grid-cols-2">
              <FormField id="rule-mode" label={t("rules.mode")}>
                <NativeSelect {...form.register("mode")}>
                  <option value="RATIO">{t("rules.ratio")}</option>
                  <option value="FIXED">{t("rules.fixed")}</option>
                </NativeSelect>
              </FormField>
              {mode === "RATIO" ? (
                <FormField id="rule-ratio" label={t("rules.ratioLabel")} required error={message(errors.ratio?.message)}>
                  <Input inputMode="decimal" autoComplete="off" {...form.register("ratio")} />
                </FormField>
              ) : (
                <FormField id="rule-amount" label={t("rules.amountLabel")} required error={message(errors.amount?.message)}>
                  <Input inputMode="decimal" autoComplete="off" {...form.register("amount")} />
                </FormField>
              )}
            </div>
            <FormField id="rule-match" label={t("rules.orders")}>
              <NativeSelect {...form.register("match")}>
                <option value="ALL">{t("rules.match.ALL")}</option>
                <option value="STORE">{t("rules.match.STORE")}</option>
                <option value="METADATA">{t("rules.match.METADATA")}</option>
              </NativeSelect>
            </FormField>
            {match === "STORE" && (
              <FormField id="rule-store" label={t("rules.storeId")} required error={message(errors.storeId?.message)}>
                <Input autoComplete="off" {...form.register("storeId")} />
              </FormField>
            )}
            {match === "METADATA" && (
              <div className="grid gap-4 sm:grid-cols-2">
                <FormField id="rule-metadata-key" label={t("rules.metadataKey")} required error={message(errors.metadataKey?.message)}>
                  <Input autoComplete="off" {...form.register("metadataKey")} />
                </FormField>
                <FormField id="rule-metadata-value" label={t("rules.metadataValue")} error={message(errors.metadataValue?.message)}>
                  <Input autoComplete="off" {...form.register("metadataValue")} />
                </FormField>
              </div>
            )}
            <DialogFooter>
              <Button type="button" variant="ghost" onClick={() => setOpen(false)}>
                {t("rules.cancel")}
              </Button>
              <Button type="submit" disabled={isSubmitting} data-testid="submit-rule">
                {t("rules.submit")}
              </Button>
            </DialogFooter>
          </form>
        </DialogContent>
      </Dialog>
    </>
  );
}
