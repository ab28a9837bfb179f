"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { actionErrorKey } from "@/components/console/action-error";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { COUPON_TYPES } from "@/server/domain/buyer-asset-schema";
import { type ConsoleCouponForm, consoleCouponSchema } from "@/server/domain/console-coupon-schema";
import { knownMessage } from "@/server/i18n/known-message";

type Result = { outcome: "created" | "duplicate" | "failed"; couponNo: string | null; field?: string; reason?: string };
const FIELDS = ["buyerId", "type", "value", "minSpend", "expiresAt", "couponNo"] as const;

/** One coupon to one buyer: the server's schema checks it here first, field by field. */
export function SingleCouponForm({ mchNo, appId, buyerId, onIssued, onCancel }: { mchNo: string; appId: string; buyerId?: string; onIssued: () => void; onCancel: () => void }) {
  const t = useTranslations("buyers.issue");
  const tErr = useTranslations("actionErrors");
  const trpc = useTRPC();
  const [requestId] = useState(() => crypto.randomUUID());
  const [done, setDone] = useState<Result | null>(null);
  const form = useForm<ConsoleCouponForm>({
    // raw: the form keeps and sends what was typed (yuan); the server's parse turns it into fen
    resolver: zodResolver(consoleCouponSchema, undefined, { raw: true }),
    defaultValues: { buyerId: buyerId ?? "", type: "amount_off", value: "", minSpend: "", expiresAt: "", couponNo: "" },
  });
  const issue = useMutation(trpc.buyers.issueCoupon.mutationOptions());
  const { errors } = form.formState;
  const type = form.watch("type");
  const fieldError = (message?: string) => (message ? knownMessage(t, `errors.${message}`, t("errors.invalid")) : undefined);

  const onSubmit = form.handleSubmit(async (coupon) => {
    setDone(null);
    try {
      const result = await issue.mutateAsync({ mchNo, appId, requestId, coupon });
      if (result.outcome === "failed") {
        const field = FIELDS.find((f) => f === result.field);
        if (field) form.setError(field, { type: "server", message: result.reason });
        else setDone(result);
        return;
      }
      setDone(result);
      onIssued();
    } catch {
      // shown from issue.error below
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-4" data-testid="single-coupon-form">
      {done && done.outcome !== "failed" && (
        <Alert data-testid="issue-result">
          <AlertDescription>{t(done.outcome === "created" ? "created" : "duplicate", { couponNo: done.couponNo ?? "" })}</AlertDescription>
        </Alert>
      )}
      {done?.outcome === "failed" && (
        <Alert variant="destructive">
          <AlertDescription>{fieldError(done.reason)}</AlertDescription>
        </Alert>
      )}
      {issue.error && (
        <Alert variant="destructive">
          <AlertDescription>{tErr(actionErrorKey(issue.error))}</AlertDescription>
        </Alert>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField id="coupon-buyer" label={t("buyerId")} required error={fieldError(errors.buyerId?.message)}>
          <Input autoComplete="off" maxLength={64} readOnly={done !== null && done.outcome !== "failed"} {...form.register("buyerId")} />
        </FormField>
        <FormField id="coupon-type" label={t("type")} required error={fieldError(errors.type?.message)}>
          <NativeSelect {...form.register("type")}>
            {COUPON_TYPES.map((code) => (
              <option key={code} value={code}>
                {t(`types.${code}`)}
              </option>
            ))}
          </NativeSelect>
        </FormField>
        <FormField id="coupon-value" label={type === "percent_off" ? t("valuePercent") : t("valueYuan")} required error={fieldError(errors.value?.message)}>
          <Input inputMode="decimal" autoComplete="off" placeholder={type === "percent_off" ? "15" : "20.00"} {...form.register("value")} />
        </FormField>
        <FormField id="coupon-min-spend" label={t("minSpend")} description={t("minSpendHint")} error={fieldError(errors.minSpend?.message)}>
          <Input inputMode="decimal" autoComplete="off" placeholder="0.00" {...form.register("minSpend")} />
        </FormField>
        <FormField id="coupon-expires" label={t("expiresAt")} description={t("expiresAtHint")} required error={fieldError(errors.expiresAt?.message)}>
          <Input type="date" {...form.register("expiresAt")} />
        </FormField>
        <FormField id="coupon-no" label={t("couponNo")} description={t("couponNoHint")} error={fieldError(errors.couponNo?.message)}>
          <Input autoComplete="off" maxLength={64} {...form.register("couponNo")} />
        </FormField>
      </div>
      <div className="flex justify-end gap-2">
        <Button type="button" variant="ghost" onClick={onCancel}>
          {t("close")}
        </Button>
        <Button type="submit" disabled={issue.isPending || (done !== null && done.outcome !== "failed")}>
          {issue.isPending ? t("submitting") : t("submit")}
        </Button>
      </div>
    </form>
  );
}
