"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Download, FileSpreadsheet, FileText } from "lucide-react";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { CreateExportInput, ExportFormat } from "@/server/domain/export-schema";

type ExportRequest = Omit<CreateExportInput, "format" | "locale">;

/**
 * Export buttons for a list page (ledger, orders, refunds): CSV or Excel of the rows the page's
 * filters choose. The file is prepared by a job; this shows its progress, then a download link.
 */
export function ExportPanel({ mchNo, request }: { mchNo: string; request: ExportRequest }) {
  const t = useTranslations("exports");
  const locale = useLocale();
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [exportId, setExportId] = useState<string | null>(null);
  const create = useMutation(
    trpc.exports.create.mutationOptions({
      onSuccess: (created) => {
        setExportId(created.id);
        void queryClient.invalidateQueries({ queryKey: trpc.exports.list.queryKey() });
      },
    }),
  );
  const current = useQuery({
    ...trpc.exports.get.queryOptions({ mchNo, exportId: exportId ?? "exp_0" }),
    enabled: exportId !== null,
    refetchInterval: (query) => (query.state.data && ["SUCCEEDED", "FAILED"].includes(query.state.data.status) ? false : 1000),
  });
  const start = (fileFormat: ExportFormat) =>
    create.mutate({ mchNo, request: { ...request, format: fileFormat, locale: locale === "en" ? "en" : "zh-CN" } as CreateExportInput });
  const job = current.data;
  const busy = create.isPending || (job !== undefined && (job.status === "QUEUED" || job.status === "RUNNING"));
  const percent = job?.totalRows ? Math.min(100, Math.round((job.rowsWritten / job.totalRows) * 100)) : 0;

  return (
    <div className="flex flex-col gap-2" data-testid="export-panel">
      <div className="flex flex-wrap gap-2">
        <Button type="button" variant="outline" disabled={busy} onClick={() => start("csv")}>
          <FileText aria-hidden /> {t("exportCsv")}
        </Button>
        <Button type="button" variant="outline" disabled={busy} onClick={() => start("xlsx")}>
          <FileSpreadsheet aria-hidden /> {t("exportXlsx")}
        </Button>
      </div>
      {create.error && (
        <Alert variant="destructive">
          <AlertDescription>{create.error.data?.code === "CONFLICT" ? t("tooMany") : t("failed")}</AlertDescription>
        </Alert>
      )}
      {exportId && (create.isPending || !job || job.status === "QUEUED" || job.status === "RUNNING") && (
        <div className="flex flex-col gap-1" aria-live="polite" data-testid="export-progress">
          <p className="text-sm text-muted-foreground">
            {job?.totalRows != null ? t("progress", { written: format.number(job.rowsWritten), total: format.number(job.totalRows) }) : t("preparing")}
          </p>
          <div role="progressbar" aria-label={t("preparing")} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} className="h-2 w-full max-w-sm overflow-hidden rounded bg-muted">
            <div className="h-full bg-primary transition-[width]" style={{ width: `${percent}%` }} />
          </div>
        </div>
      )}
      {job?.status === "SUCCEEDED" && job.downloadUrl && (
        <p className="flex flex-wrap items-center gap-2 text-sm" aria-live="polite" data-testid="export-ready">
          <span>{t("ready", { rows: format.number(job.rowsWritten) })}</span>
          <a className="inline-flex items-center gap-1 font-medium text-primary underline underline-offset-4" href={job.downloadUrl} download={job.fileName ?? undefined}>
            <Download className="size-4" aria-hidden />
            {t("download", { fileName: job.fileName ?? "" })}
          </a>
        </p>
      )}
      {job?.status === "FAILED" && (
        <Alert variant="destructive">
          <AlertDescription>{t("failed")}</AlertDescription>
        </Alert>
      )}
    </div>
  );
}
