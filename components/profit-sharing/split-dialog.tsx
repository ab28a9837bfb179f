"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Controller, useForm } from "react-hook-form";
import type { z } from "zod";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { type SplitFormValues, splitFormSchema } from "@/server/domain/profit-sharing-form";
import { psErrorKey } from "./ps-error";

/** "发起分账": an amount per bound receiver of the order's app, and whether to release the rest. */
export function SplitDialog({
  mchNo,
  payOrderNo,
  receivers,
  splittableLabel,
}: {
  mchNo: string;
  payOrderNo: string;
  receivers: { id: string; label: string }[];
  splittableLabel: string;
}) {
  const t = useTranslations("profitSharing");
  const router = useRouter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const blank = (): SplitFormValues => ({ receivers: receivers.map((r) => ({ receiverId: r.id, amount: "" })), finish: false });
  const form = useForm<SplitFormValues, unknown, z.output<typeof splitFormSchema>>({ resolver: zodResolver(splitFormSchema), defaultValues: blank() });
  const split = useMutation(
    trpc.profitSharing.split.mutationOptions({
      onSuccess: async () => {
        setOpen(false);
        await queryClient.invalidateQueries({ queryKey: trpc.profitSharing.orderSplits.queryKey() });
        router.refresh();
      },
    }),
  );
  const { errors, isSubmitting } = form.formState;
  const onSubmit = form.handleSubmit(async (values) => {
    await split.mutateAsync({ mchNo, payOrderNo, ...values }).catch(() => null);
  });

  return (
    <>
      <Button size="sm" variant="outline" data-testid="start-split" onClick={() => (split.reset(), form.reset(blank()), setOpen(true))}>
        {t("split.button")}
      </Button>
      <Dialog open={open} onOpenChange={setOpen}>
        <DialogContent closeLabel={t("split.cancel")}>
          <form onSubmit={onSubmit} className="grid gap-4">
            <DialogHeader>
              <DialogTitle>{t("split.title")}</DialogTitle>
              <DialogDescription>
                {t("split.description")} {t("order.splittable", { amount: splittableLabel })}
              </DialogDescription>
            </DialogHeader>
            {split.error && (
              <Alert variant="destructive">
                <AlertDescription>{t(`errors.${psErrorKey(split.error)}`)}</AlertDescription>
              </Alert>
            )}
            {receivers.length === 0 ? (
              <p className="text-sm text-muted-foreground">{t("split.noReceivers")}</p>
            ) : (
              <div className="grid max-h-72 gap-2 overflow-y-auto">
                <div className="grid grid-cols-[minmax(0,1fr)_8rem] gap-2 text-xs font-medium text-muted-foreground">
                  <span>{t("split.receiver")}</span>
                  <span>{t("split.amount")}</span>
                </div>
                {receivers.map((r, i) => (
                  <div key={r.id} className="grid grid-cols-[minmax(0,1fr)_8rem] items-start gap-2">
                    <Label htmlFor={`split-amount-${i}`} className="truncate pt-2 font-normal">
                      {r.label}
                    </Label>
                    <div className="grid gap-1">
                      <Input
                        id={`split-amount-${i}`}
                        inputMode="decimal"
                        autoComplete="off"
                        data-testid="split-amount"
                        aria-invalid={errors.receivers?.[i]?.amount ? true : undefined}
                        {...form.register(`receivers.${i}.amount`)}
                      />
                      {errors.receivers?.[i]?.amount && <span className="text-xs text-destructive">{t("errors.amount")}</span>}
                    </div>
                  </div>
                ))}
              </div>
            )}
            <Controller
              control={form.control}
              name="finish"
              render={({ field }) => (
                <div className="flex items-center gap-2">
                  <Checkbox id="split-finish" checked={field.value} onCheckedChange={(v) => field.onChange(v === true)} data-testid="split-finish" />
                  <Label htmlFor="split-finish" className="font-normal">
                    {t("split.finish")}
                  </Label>
                </div>
              )}
            />
            {errors.finish && <p className="text-sm text-destructive">{t("split.nothing")}</p>}
            <DialogFooter>
              <Button type="button" variant="ghost" onClick={() => setOpen(false)}>
                {t("split.cancel")}
              </Button>
              <Button type="submit" disabled={isSubmitting} data-testid="submit-split">
                {t("split.submit")}
              </Button>
            </DialogFooter>
          </form>
        </DialogContent>
      </Dialog>
    </>
  );
}
