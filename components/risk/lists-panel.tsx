"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { TRPCClientError } from "@trpc/client";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { RISK_LIST_KINDS, type RiskListKind } from "@/server/domain/risk-rule-schema";
import { useRiskText } from "./risk-text";
import { useRiskApi } from "./use-risk-api";

export type ListRow = { id: string; kind: RiskListKind; value: string; note: string | null; expiresAt: Date | null; expired: boolean; createdAt: Date };

const formSchema = z.object({
  kind: z.enum(RISK_LIST_KINDS),
  value: z.string().trim().min(1).max(200),
  note: z.string().trim().max(200),
  /** datetime-local text, empty: never expires */
  expiresAt: z.string().refine((v) => v === "" || !Number.isNaN(new Date(v).getTime())),
});
type FormValues = z.infer<typeof formSchema>;

/**
 * A scope's blacklists (a merchant's, or the platform's without mchNo, which hold for every merchant): add an entry
 * with an optional expiry, remove one. Phones are stored as 11 digits and shown masked.
 */
export function RiskListsPanel({ mchNo, entries, canManage }: { mchNo?: string; entries: ListRow[]; canManage: boolean }) {
  const t = useTranslations("risk");
  const format = useFormatter();
  const text = useRiskText();
  const router = useRouter();
  const api = useRiskApi(mchNo);
  const [failed, setFailed] = useState<"conflict" | "failed" | null>(null);
  const form = useForm<FormValues>({ resolver: zodResolver(formSchema), defaultValues: { kind: "PHONE", value: "", note: "", expiresAt: "" } });
  const { register, handleSubmit, formState, setError, reset } = form;

  const submit = handleSubmit(async (values) => {
    setFailed(null);
    try {
      await api.addEntry({ kind: values.kind, value: values.value, note: values.note || undefined, expiresAt: values.expiresAt ? new Date(values.expiresAt) : undefined });
      reset({ ...values, value: "", note: "" });
      router.refresh();
    } catch (error) {
      const data = error instanceof TRPCClientError ? (error.data as { code?: string; fieldErrors?: Record<string, string[]> } | undefined) : undefined;
      const fields = Object.keys(data?.fieldErrors ?? {});
      if (fields.includes("entry.value")) setError("value", { type: "server", message: data?.code === "CONFLICT" ? "listed" : "server" });
      else if (fields.includes("entry.expiresAt")) setError("expiresAt", { type: "server" });
      else setFailed(data?.code === "CONFLICT" ? "conflict" : "failed");
    }
  });

  const valueError = formState.errors.value ? (formState.errors.value.message === "listed" ? t("fieldErrors.listed") : t("fieldErrors.listValue")) : undefined;

  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("lists.title")}</CardTitle>
        <CardDescription>{mchNo ? t("lists.description") : t("lists.platformDescription")}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-5">
        {canManage && (
          <form onSubmit={submit} noValidate className="flex flex-wrap items-start gap-3 rounded-md border p-4" data-testid="risk-list-form">
            <FormField label={t("lists.kind")}>
              <NativeSelect className="w-36" {...register("kind")} data-testid="risk-list-kind">
                {RISK_LIST_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`listKinds.${k}`)}
                  </option>
                ))}
              </NativeSelect>
            </FormField>
            <FormField label={t("lists.value")} error={valueError} required>
              <Input className="w-48" {...register("value")} data-testid="risk-list-value" />
            </FormField>
            <FormField label={t("lists.note")}>
              <Input className="w-40" {...register("note")} />
            </FormField>
            <FormField label={t("lists.expiresAt")} error={formState.errors.expiresAt ? t("fieldErrors.expiresAt") : undefined} description={t("lists.expiresHint")}>
              <Input type="datetime-local" className="w-52" {...register("expiresAt")} />
            </FormField>
            <div className="pt-7">
              <Button type="submit" disabled={formState.isSubmitting} data-testid="risk-list-add">
                {t("lists.add")}
              </Button>
            </div>
          </form>
        )}
        {failed && <p className="text-sm text-destructive">{t(failed === "conflict" ? "fieldErrors.listed" : "rules.actionFailed")}</p>}
        {entries.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("lists.empty")}</p>
        ) : (
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>{t("lists.kind")}</TableHead>
                <TableHead>{t("lists.value")}</TableHead>
                <TableHead>{t("lists.note")}</TableHead>
                <TableHead>{t("lists.expiresAt")}</TableHead>
                <TableHead>{t("columns.addedAt")}</TableHead>
                {canManage && <TableHead className="text-right">{t("columns.operations")}</TableHead>}
              </TableRow>
            </TableHeader>
            <TableBody>
              {entries.map((e) => (
                <TableRow key={e.id} data-testid="risk-list-row">
                  <TableCell>{text.kind(e.kind)}</TableCell>
                  <TableCell className="max-w-64 font-mono text-xs break-all">{e.value}</TableCell>
                  <TableCell className="max-w-48 whitespace-normal">{e.note ?? "—"}</TableCell>
                  <TableCell className="whitespace-nowrap">
                    {e.expiresAt ? format.dateTime(e.expiresAt, { dateStyle: "short", timeStyle: "short" }) : t("lists.never")}
                    {e.expired && (
                      <Badge variant="secondary" className="ml-2">
                        {t("lists.expired")}
                      </Badge>
                    )}
                  </TableCell>
                  <TableCell className="whitespace-nowrap">{format.dateTime(e.createdAt, { dateStyle: "short", timeStyle: "short" })}</TableCell>
                  {canManage && (
                    <TableCell className="text-right">
                      <Button
                        size="sm"
                        variant="ghost"
                        className="text-destructive"
                        onClick={async () => {
                          if (!window.confirm(t("lists.confirmRemove"))) return;
                          try {
                            await api.removeEntry(e.id);
                            router.refresh();
                          } catch {
                            setFailed("failed");
                          }
                        }}
                      >
                        {t("lists.remove")}
                      </Button>
                    </TableCell>
                  )}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}
