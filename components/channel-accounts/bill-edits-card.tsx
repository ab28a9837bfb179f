"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { applyServerErrors, translateFieldError } from "@/components/forms/server-errors";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { BILL_EDIT_TYPES, MAX_BILL_EDITS, billEditFormSchema, billEditToForm } from "@/server/domain/bill-edit-schema";
import { formatMoney } from "@/server/domain/money";
import type { BillEdit } from "@/server/sandbox/faults";

type Values = z.input<typeof billEditFormSchema>;
const FIELDS = ["type", "outNo", "deltaYuan", "billDate", "amountYuan"] as const;
const EMPTY: Values = { type: "drop", outNo: "", deltaYuan: "", billDate: "", amountYuan: "" };

/** The differences the sandbox writes into this account's bills (TEST apps): the list, remove, add one. */
export function BillEditsCard({ mchNo, id, initial }: { mchNo: string; id: string; initial: BillEdit[] }) {
  const t = useTranslations();
  const locale = useLocale();
  const trpc = useTRPC();
  const router = useRouter();
  const [edits, setEdits] = useState(initial);
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const form = useForm<Values, unknown, BillEdit>({ resolver: zodResolver(billEditFormSchema), defaultValues: EMPTY });
  const save = useMutation(trpc.channelAccounts.updateBillEdits.mutationOptions());
  const { errors, isSubmitting } = form.formState;
  const type = form.watch("type");
  const full = edits.length >= MAX_BILL_EDITS;

  async function replace(next: BillEdit[]) {
    const saved = await save.mutateAsync({ mchNo, id, billEdits: next.map(billEditToForm) });
    setEdits(saved);
    router.refresh();
  }

  const onSubmit = form.handleSubmit(async (edit) => {
    setMessage(null);
    try {
      await replace([...edits, edit]);
      form.reset({ ...EMPTY, type: edit.type });
      setMessage({ kind: "ok", text: t("channelAccounts.billEditsAdded") });
    } catch (error) {
      const text = applyServerErrors(error, form.setError, t, FIELDS, `billEdits.${edits.length}.`);
      if (text) setMessage({ kind: "error", text });
    }
  });

  async function remove(index: number) {
    setMessage(null);
    try {
      await replace(edits.filter((_, i) => i !== index));
      setMessage({ kind: "ok", text: t("channelAccounts.billEditsRemoved") });
    } catch (error) {
      setMessage({ kind: "error", text: applyServerErrors(error, () => {}, t, []) ?? t("formErrors.conflict") });
    }
  }

  const yuan = (fen: number, signed = false) => `${signed && fen > 0 ? "+" : ""}${formatMoney(fen, "CNY", locale)}`;
  const fieldError = (name: (typeof FIELDS)[number]) => translateFieldError(t, errors[name]?.message);

  return (
    <div className="flex flex-col gap-4" data-testid="bill-edits">
      {message && (
        <Alert variant={message.kind === "error" ? "destructive" : "default"}>
          <AlertDescription>{message.text}</AlertDescription>
        </Alert>
      )}
      {edits.length === 0 ? (
        <p className="text-sm text-muted-foreground">{t("channelAccounts.billEditsEmpty")}</p>
      ) : (
        <Table data-testid="bill-edits-list">
          <TableHeader>
            <TableRow>
              <TableHead>{t("channelAccounts.billEditType")}</TableHead>
              <TableHead>{t("channelAccounts.billEditOutNo")}</TableHead>
              <TableHead className="text-right">{t("channelAccounts.billEditFigure")}</TableHead>
              <TableHead>{t("channelAccounts.billEditBillDate")}</TableHead>
              <TableHead className="w-0" />
            </TableRow>
          </TableHeader>
          <TableBody>
            {edits.map((edit, index) => (
              <TableRow key={index}>
                <TableCell>{t(`faults.billEditTypes.${edit.type}`)}</TableCell>
                <TableCell className="font-mono text-xs">{edit.type === "extra" ? edit.outTradeNo : edit.outNo}</TableCell>
                <TableCell className="text-right tabular-nums">
                  {edit.type === "amount" || edit.type === "fee" ? yuan(edit.delta, true) : edit.type === "extra" ? yuan(edit.amount) : "—"}
                </TableCell>
                <TableCell>{edit.type === "extra" ? edit.billDate : t("channelAccounts.billEditAnyDay")}</TableCell>
                <TableCell>
                  <Button type="button" variant="ghost" size="sm" disabled={save.isPending} onClick={() => remove(index)} data-testid={`remove-bill-edit-${index}`}>
                    {t("channelAccounts.billEditsRemove")}
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4 border-t pt-4" data-testid="bill-edit-form">
        <h3 className="text-sm font-medium">{t("channelAccounts.billEditsAddTitle")}</h3>
        <div className="grid gap-4 sm:grid-cols-3">
          <FormField id="bill-edit-type" label={t("channelAccounts.billEditType")} description={t(`faults.billEditHints.${type}`)} error={fieldError("type")} className="sm:col-span-3">
            <NativeSelect {...form.register("type")}>
              {BILL_EDIT_TYPES.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`faults.billEditTypes.${kind}`)}
                </option>
              ))}
            </NativeSelect>
          </FormField>
          <FormField id="bill-edit-out-no" label={t(type === "extra" ? "channelAccounts.billEditOutTradeNo" : "channelAccounts.billEditOutNo")} error={fieldError("outNo")}>
            <Input autoComplete="off" {...form.register("outNo")} />
          </FormField>
          {(type === "amount" || type === "fee") && (
            <FormField id="bill-edit-delta" label={t("channelAccounts.billEditDelta")} error={fieldError("deltaYuan")}>
              <Input inputMode="decimal" placeholder="-0.50" {...form.register("deltaYuan")} />
            </FormField>
          )}
          {type === "extra" && (
            <>
              <FormField id="bill-edit-date" label={t("channelAccounts.billEditBillDate")} error={fieldError("billDate")}>
                <Input type="date" {...form.register("billDate")} />
              </FormField>
              <FormField id="bill-edit-amount" label={t("channelAccounts.billEditAmount")} error={fieldError("amountYuan")}>
                <Input inputMode="decimal" placeholder="100.00" {...form.register("amountYuan")} />
              </FormField>
            </>
          )}
        </div>
        <div className="flex items-center gap-3">
          <Button type="submit" variant="outline" disabled={isSubmitting || full} data-testid="add-bill-edit">
            {t("channelAccounts.billEditsAdd")}
          </Button>
          <span className="text-sm text-muted-foreground">{t("channelAccounts.billEditsCount", { count: edits.length, max: MAX_BILL_EDITS })}</span>
        </div>
      </form>
    </div>
  );
}
