"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { Download, Upload } from "lucide-react";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { liveRefetchInterval } from "@/components/live/live-interval";
import { useEndedToasts } from "@/components/live/live-refresh";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { downloadCsv } from "@/components/ui/download-csv";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { IMPORT_TEMPLATE, toCsv } from "@/server/domain/order-import-file";

async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

type ImportError = { index: number; field: string; message: string };

/** Upload a CSV/XLSX of orders into an app; a progress bar while it runs; counts, per-row errors and their download. */
export function OrderImport({ mchNo, apps }: { mchNo: string; apps: { id: string; name: string }[] }) {
  const t = useTranslations("orderCenter.import");
  const trpc = useTRPC();
  const [appId, setAppId] = useState(apps[0]?.id ?? "");
  const [file, setFile] = useState<File | null>(null);
  const picker = useRef<HTMLInputElement>(null);
  const [started, setStarted] = useState<{ importId: string; firstRow: number[] } | null>(null);
  const start = useMutation(trpc.orders.startImport.mutationOptions({ onSuccess: (data) => setStarted({ importId: data.importId, firstRow: data.firstRow }) }));
  const status = useQuery({
    ...trpc.orders.importStatus.queryOptions({ mchNo, importId: started?.importId ?? "-" }),
    enabled: started !== null,
    refetchInterval: liveRefetchInterval((data) => data.status === "RUNNING"),
  });
  const job = status.data;
  // started and not yet answered counts as running, so a quick import still gets its toast
  useEndedToasts(started ? [{ kind: "import", key: started.importId, phase: !job || job.status === "RUNNING" ? "pending" : job.failed > 0 ? "failed" : "succeeded" }] : []);
  const done = job ? job.created + job.duplicates + job.failed : 0;
  const percent = job?.total ? Math.min(100, Math.round((done / job.total) * 100)) : 0;
  const errors = ((job?.errors ?? []) as ImportError[]).map((e) => ({ ...e, row: started?.firstRow[e.index] ?? e.index + 2 }));
  const failure = start.error?.message;

  return (
    <div className="flex flex-col gap-4">
      <Card>
        <CardContent className="flex flex-wrap items-end gap-4 pt-6">
          <label className="grid gap-1 text-xs font-medium text-muted-foreground">
            {t("app")}
            <select value={appId} onChange={(e) => setAppId(e.target.value)} className="h-9 w-48 rounded-md border bg-background px-2 text-sm text-foreground">
              {apps.map((app) => (
                <option key={app.id} value={app.id}>
                  {app.name}
                </option>
              ))}
            </select>
          </label>
          <label className="grid gap-1 text-xs font-medium text-muted-foreground">
            {t("file")}
            <span className="flex items-center gap-3">
              {/* The native picker's own text would follow the browser's language, not the page's. */}
              <input
                ref={picker}
                type="file"
                accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                data-testid="import-file"
                onChange={(e) => setFile(e.target.files?.[0] ?? null)}
                className="sr-only"
              />
              <Button type="button" variant="outline" onClick={() => picker.current?.click()}>
                {t("choose")}
              </Button>
              <span className="max-w-56 truncate text-sm font-normal text-foreground">{file?.name ?? t("noFile")}</span>
            </span>
          </label>
          <Button
            disabled={!file || !appId || start.isPending}
            onClick={async () => {
              if (!file) return;
              setStarted(null);
              start.mutate({ mchNo, appId, fileName: file.name, contentBase64: await base64Of(file) });
            }}
            data-testid="import-start"
          >
            <Upload aria-hidden /> {start.isPending ? t("parsing") : t("start")}
          </Button>
          <Button variant="ghost" onClick={() => downloadCsv("order-import-template.csv", toCsv(IMPORT_TEMPLATE))}>
            <Download aria-hidden /> {t("template")}
          </Button>
        </CardContent>
      </Card>
      {failure && (
        <Alert variant="destructive">
          <AlertDescription>{failure === "tooMany" ? t("tooMany") : failure === "empty" ? t("empty") : t("parseFailed", { message: failure })}</AlertDescription>
        </Alert>
      )}
      {job && (
        <Card data-testid="import-result" data-status={job.status}>
          <CardHeader>
            <CardTitle as="h2" className="text-base">
              {job.status === "RUNNING" ? t("running") : (job.fileName ?? job.importId)}
            </CardTitle>
          </CardHeader>
          <CardContent className="flex flex-col gap-4">
            <div className="h-2 overflow-hidden rounded-full bg-muted" role="progressbar" aria-valuenow={percent} aria-valuemin={0} aria-valuemax={100}>
              <div className="h-full bg-primary transition-all" style={{ width: `${percent}%` }} />
            </div>
            <p className="text-xs text-muted-foreground">{t("progress", { done, total: job.total })}</p>
            <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-4">
              {(["total", "created", "duplicates", "failed"] as const).map((key) => (
                <div key={key}>
                  <dt className="text-xs text-muted-foreground">{t(key)}</dt>
                  <dd className="text-lg font-semibold tabular-nums" data-testid={`import-${key}`}>
                    {job[key]}
                  </dd>
                </div>
              ))}
            </dl>
            {errors.length > 0 && (
              <>
                <div className="flex items-center justify-between">
                  <h3 className="text-sm font-medium">{t("errors")}</h3>
                  <Button size="sm" variant="outline" onClick={() => downloadCsv(`${job.importId}-errors.csv`, toCsv([[t("row"), t("field"), t("message")], ...errors.map((e) => [e.row, e.field, e.message])]))}>
                    <Download aria-hidden /> {t("downloadErrors")}
                  </Button>
                </div>
                <Table>
                  <TableHeader>
                    <TableRow>
                      <TableHead>{t("row")}</TableHead>
                      <TableHead>{t("field")}</TableHead>
                      <TableHead>{t("message")}</TableHead>
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {errors.map((error) => (
                      <TableRow key={error.index} data-testid="import-error">
                        <TableCell className="tabular-nums">{error.row}</TableCell>
                        <TableCell className="font-mono text-xs">{error.field}</TableCell>
                        <TableCell className="text-sm">{error.message}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </>
            )}
          </CardContent>
        </Card>
      )}
    </div>
  );
}
