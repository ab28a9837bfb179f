"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { liveRefetchInterval } from "@/components/live/live-interval";
import { useEndedToasts } from "@/components/live/live-refresh";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { cn } from "@/components/ui/cn";
import { reconErrorCode } from "@/server/domain/reconciliation-errors";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/trpc/root";
import { RunStatusBadge } from "./recon-badges";
import { ReconMoney } from "./recon-money";
import { RUN_DIFFERENCE_COUNTS } from "@/server/domain/reconciliation";

type RunDetail = inferRouterOutputs<AppRouter>["reconciliation"]["run"];

/** How far a run has gone, by its state (the bill's row count is known only once it is read). */
const STEP: Record<string, number> = { QUEUED: 5, DOWNLOADING: 25, MATCHING: 60, REPAIRING: 85, SUCCEEDED: 100, FAILED: 100 };

/**
 * A run's progress and figures. While the run is under way it polls on the live schedule (react-query
 * refetchInterval: 2 s backing off to 10 s), stops once it has ended, and a toast says how it ended.
 */
export function RunProgress({ mchNo, initial }: { mchNo: string; initial: RunDetail }) {
  const t = useTranslations("reconciliation");
  const format = useFormatter();
  const trpc = useTRPC();
  const query = useQuery({
    ...trpc.reconciliation.run.queryOptions({ mchNo, runId: initial.run.id }),
    initialData: initial,
    refetchInterval: liveRefetchInterval((data) => data.run.active),
  });
  const { run, differenceStatus } = query.data;
  useEndedToasts([{ kind: "reconRun", key: run.id, phase: run.active ? "pending" : run.status === "FAILED" ? "failed" : "succeeded" }]);
  const percent = STEP[run.status] ?? 0;
  const when = (d: Date | null) => (d ? format.dateTime(d, { dateStyle: "short", timeStyle: "medium" }) : "");
  return (
    <div className="flex flex-col gap-6">
      <section className="rounded-lg border bg-card p-4" data-testid="run-progress">
        <div className="mb-2 flex flex-wrap items-center gap-3 text-sm">
          <RunStatusBadge status={run.status} />
          <span className="text-muted-foreground">{t(`run.trigger.${run.trigger === "manual" ? "manual" : "schedule"}`)}</span>
          {run.startedAt && <span className="text-muted-foreground">{t("run.startedAt", { time: when(run.startedAt) })}</span>}
          {run.endedAt && <span className="text-muted-foreground">{t("run.endedAt", { time: when(run.endedAt) })}</span>}
        </div>
        <div
          className="h-2 w-full overflow-hidden rounded-full bg-muted"
          role="progressbar"
          aria-label={t("run.progress")}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
        >
          <div className={cn("h-full transition-all", run.status === "FAILED" ? "bg-destructive" : run.status === "SUCCEEDED" ? "bg-success" : "bg-primary animate-pulse")} style={{ width: `${percent}%` }} />
        </div>
        <p className="mt-2 text-xs text-muted-foreground">{t("run.progressRows", { rows: run.billRows })}</p>
        {run.status === "FAILED" && (
          <Alert variant="destructive" className="mt-3">
            <AlertDescription>{t("run.failed", { message: t(`run.errors.${reconErrorCode(run.errorCode)}`) })}</AlertDescription>
          </Alert>
        )}
        {run.status === "SUCCEEDED" && (
          <p className={cn("mt-3 text-sm font-medium", run.closedAt ? "text-success" : "text-warning-foreground")} data-testid="day-closure">
            {run.closedAt ? `✓ ${t("run.dayClosed")}` : t("run.dayOpen", { count: run.openDifferences })}
          </p>
        )}
      </section>

      <section className="grid gap-6 lg:grid-cols-2">
        <div className="rounded-lg border bg-card">
          <h2 className="px-4 pt-4 font-medium">{t("run.figures")}</h2>
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>{t("run.side")}</TableHead>
                <TableHead className="text-right">{t("run.payments")}</TableHead>
                <TableHead className="text-right">{t("run.refunds")}</TableHead>
                <TableHead className="text-right">{t("run.fees")}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              <TableRow data-testid="figures-bill">
                <TableCell>{t("runs.billSide")}</TableCell>
                <TableCell className="text-right">
                  {run.billPaymentCount} · <ReconMoney minor={run.billPaymentAmount} />
                </TableCell>
                <TableCell className="text-right">
                  {run.billRefundCount} · <ReconMoney minor={run.billRefundAmount} />
                </TableCell>
                <TableCell className="text-right">
                  <ReconMoney minor={run.billFee} />
                </TableCell>
              </TableRow>
              <TableRow data-testid="figures-local">
                <TableCell>{t("runs.localSide")}</TableCell>
                <TableCell className="text-right">
                  {run.localPaymentCount} · <ReconMoney minor={run.localPaymentAmount} />
                </TableCell>
                <TableCell className="text-right">
                  {run.localRefundCount} · <ReconMoney minor={run.localRefundAmount} />
                </TableCell>
                <TableCell className="text-right">
                  <ReconMoney minor={run.localFee} />
                </TableCell>
              </TableRow>
            </TableBody>
          </Table>
          <dl className="grid grid-cols-2 gap-2 p-4 text-sm">
            <dt className="text-muted-foreground">{t("run.rows")}</dt>
            <dd className="tabular-nums">{run.billRows}</dd>
            <dt className="text-muted-foreground">{t("run.matched")}</dt>
            <dd className="tabular-nums">{run.matched}</dd>
          </dl>
        </div>
        <div className="rounded-lg border bg-card p-4">
          <h2 className="mb-2 font-medium">{t("run.differencesByType")}</h2>
          <dl className="grid grid-cols-2 gap-2 text-sm">
            {RUN_DIFFERENCE_COUNTS.map(([field, type]) => (
              <div key={field} className="contents">
                <dt className="text-muted-foreground" title={t(`typeHelp.${type}`)}>
                  {t(`types.${type}`)}
                </dt>
                <dd className="tabular-nums">{run[field]}</dd>
              </div>
            ))}
            <dt className="text-muted-foreground">{t("run.repaired")}</dt>
            <dd className="tabular-nums">{run.repaired}</dd>
            <dt className="text-muted-foreground">{t("run.expected")}</dt>
            <dd className="tabular-nums">{differenceStatus.expected}</dd>
            <dt className="font-medium">{t("run.open")}</dt>
            <dd className="font-medium tabular-nums" data-testid="open-count">
              {differenceStatus.open}
            </dd>
          </dl>
          <Link
            href={`/console/${mchNo}/reconciliation/differences?runId=${run.id}&status=ALL`}
            className="mt-4 inline-block text-sm text-primary hover:underline"
            data-testid="run-differences-link"
          >
            {t("run.viewDifferences")} →
          </Link>
        </div>
      </section>
    </div>
  );
}
