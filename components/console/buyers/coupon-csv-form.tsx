"use client";

import { useMutation } from "@tanstack/react-query";
import { Download } from "lucide-react";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { actionErrorKey } from "@/components/console/action-error";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { downloadCsv } from "@/components/ui/download-csv";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { COUPON_CSV_TEMPLATE, MAX_COUPON_CSV_CHARS, MAX_COUPON_CSV_ROWS } from "@/server/domain/console-coupon-schema";
import { toCsv } from "@/server/domain/order-import-file";
import { knownMessage } from "@/server/i18n/known-message";

const OUTCOME_VARIANT = { created: "success", duplicate: "secondary", failed: "destructive" } as const;

/** A CSV list of coupons: every row checked and issued on its own, a result per row (created / duplicate / failed and why). */
export function CouponCsvForm({ mchNo, appId, onIssued }: { mchNo: string; appId: string; onIssued: () => void }) {
  const t = useTranslations("buyers.issue");
  const tErr = useTranslations("actionErrors");
  const trpc = useTRPC();
  const [file, setFile] = useState<File | null>(null);
  const picker = useRef<HTMLInputElement>(null);
  const [tooLarge, setTooLarge] = useState(false);
  const issue = useMutation(trpc.buyers.issueCouponCsv.mutationOptions({ onSuccess: (result) => result.created > 0 && onIssued() }));
  const result = issue.data;
  const fileError = tooLarge ? t("errors.tooLarge", { rows: MAX_COUPON_CSV_ROWS }) : issue.error ? knownMessage(t, `errors.${issue.error.message}`, tErr(actionErrorKey(issue.error)), { rows: MAX_COUPON_CSV_ROWS }) : null;

  const submit = async () => {
    if (!file) return;
    const text = await file.text();
    setTooLarge(text.length > MAX_COUPON_CSV_CHARS);
    if (text.length > MAX_COUPON_CSV_CHARS) return;
    issue.mutate({ mchNo, appId, csv: text });
  };

  return (
    <div className="grid gap-4" data-testid="coupon-csv-form">
      <p className="text-sm text-muted-foreground">{t("csvHint", { rows: MAX_COUPON_CSV_ROWS })}</p>
      <div className="flex flex-wrap items-center gap-3">
        {/* the native picker's own text would follow the browser's language, not the page's */}
        <input
          ref={picker}
          type="file"
          accept=".csv,text/csv"
          aria-label={t("csvFile")}
          data-testid="coupon-csv-file"
          className="sr-only"
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setTooLarge(false);
            issue.reset();
          }}
        />
        <Button type="button" variant="outline" size="sm" onClick={() => picker.current?.click()}>
          {t("chooseFile")}
        </Button>
        <span className="max-w-56 truncate text-sm">{file?.name ?? t("noFile")}</span>
        <Button type="button" variant="ghost" size="sm" onClick={() => downloadCsv("coupons-template.csv", toCsv(COUPON_CSV_TEMPLATE))}>
          <Download aria-hidden /> {t("template")}
        </Button>
      </div>
      {fileError && (
        <Alert variant="destructive">
          <AlertDescription>{fileError}</AlertDescription>
        </Alert>
      )}
      {result && (
        <div className="grid gap-2" data-testid="coupon-csv-result">
          <p className="text-sm font-medium">{t("csvSummary", { created: result.created, duplicates: result.duplicates, failed: result.failed })}</p>
          <div className="max-h-64 overflow-y-auto rounded-md border">
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>{t("line")}</TableHead>
                  <TableHead>{t("buyerId")}</TableHead>
                  <TableHead>{t("couponNo")}</TableHead>
                  <TableHead>{t("result")}</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {result.rows.map((row) => (
                  <TableRow key={row.line} data-testid="coupon-csv-row">
                    <TableCell className="tabular-nums">{row.line}</TableCell>
                    <TableCell className="max-w-32 truncate font-mono text-xs">{row.buyerId || "—"}</TableCell>
                    <TableCell className="max-w-40 truncate font-mono text-xs">{row.couponNo ?? "—"}</TableCell>
                    <TableCell className="text-xs">
                      <Badge variant={OUTCOME_VARIANT[row.outcome]}>{t(`outcome.${row.outcome}`)}</Badge>
                      {row.reason && <span className="ml-2 text-destructive">{knownMessage(t, `errors.${row.reason}`, t("errors.invalid"))}</span>}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        </div>
      )}
      <div className="flex justify-end">
        <Button type="button" onClick={submit} disabled={!file || issue.isPending || !appId} data-testid="coupon-csv-submit">
          {issue.isPending ? t("submitting") : t("csvSubmit")}
        </Button>
      </div>
    </div>
  );
}
