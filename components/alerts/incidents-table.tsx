"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { IncidentStatus, IncidentView } from "@/server/services/alerts-console/incidents";
import { alertErrorKey, type AlertErrorKey } from "./alert-error";
import { useAlertWords } from "./alert-words";
import { IncidentStatusBadge } from "./incident-status-badge";

const STATUSES = ["FIRING", "ACKNOWLEDGED", "RESOLVED"] as const;
const POLL_MS = 15_000;

type Props = {
  /** The merchant's incidents; null: operators (every owner's, or the platform's). */
  mchNo: string | null;
  /** "open": firing and acknowledged only (the overview's top); "history": every one, filterable, paged. */
  mode: "open" | "history";
  /** Where "see all" leads (open mode). */
  historyHref?: string;
};

/** Incidents with acknowledge / resolve, who and when; refreshes by itself every 15 s. */
export function IncidentsTable({ mchNo, mode, historyHref }: Props) {
  const t = useTranslations("monitoring.incidents");
  const ta = useTranslations("alerts");
  const tOpen = useTranslations("monitoring.open");
  const format = useFormatter();
  const words = useAlertWords();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<IncidentStatus | undefined>();
  const [scope, setScope] = useState<"all" | "platform">("all");
  const [before, setBefore] = useState<Date[]>([]);
  const [error, setError] = useState<AlertErrorKey | null>(null);
  const filter = { status: mode === "history" ? status : undefined, open: mode === "open" || undefined, before: before.at(-1) };
  const merchantQuery = useQuery({ ...trpc.alerts.incidents.queryOptions({ mchNo: mchNo ?? "", ...filter }), enabled: mchNo !== null, refetchInterval: POLL_MS });
  const adminQuery = useQuery({ ...trpc.adminAlerts.incidents.queryOptions({ ...filter, scope }), enabled: mchNo === null, refetchInterval: POLL_MS });
  const data = mchNo !== null ? merchantQuery.data : adminQuery.data && { ...adminQuery.data, mayManage: true };
  const refresh = () => queryClient.invalidateQueries({ queryKey: mchNo !== null ? trpc.alerts.pathKey() : trpc.adminAlerts.pathKey() });
  const merchantAck = useMutation(trpc.alerts.acknowledge.mutationOptions());
  const merchantResolve = useMutation(trpc.alerts.resolve.mutationOptions());
  const adminAck = useMutation(trpc.adminAlerts.acknowledge.mutationOptions());
  const adminResolve = useMutation(trpc.adminAlerts.resolve.mutationOptions());
  const busy = merchantAck.isPending || merchantResolve.isPending || adminAck.isPending || adminResolve.isPending;

  async function act(action: "acknowledge" | "resolve", id: string) {
    setError(null);
    try {
      if (mchNo !== null) await (action === "acknowledge" ? merchantAck : merchantResolve).mutateAsync({ mchNo, id });
      else await (action === "acknowledge" ? adminAck : adminResolve).mutateAsync({ id });
    } catch (e) {
      setError(alertErrorKey(e));
    }
    await refresh();
  }

  const at = (d: Date) => format.dateTime(d, { dateStyle: "short", timeStyle: "short" });
  const handled = (i: IncidentView) => (
    <div className="flex flex-col gap-0.5 text-xs text-muted-foreground">
      {i.acknowledgedAt && <span>{t("acknowledgedBy", { name: i.acknowledgedBy ?? t("someone"), at: at(i.acknowledgedAt) })}</span>}
      {i.resolvedAt && <span>{i.resolvedBy ? t("resolvedBy", { name: i.resolvedBy, at: at(i.resolvedAt) }) : t("resolvedAuto", { at: at(i.resolvedAt) })}</span>}
    </div>
  );
  const incidents = data?.incidents ?? [];

  return (
    <div className="flex flex-col gap-3" data-testid={mode === "open" ? "open-incidents" : "incident-history"} data-loaded={data ? "true" : "false"}>
      {mode === "history" && (
        <div className="flex flex-wrap items-center gap-1 text-sm">
          {[undefined, ...STATUSES].map((s) => (
            <button
              key={s ?? "all"}
              type="button"
              aria-pressed={s === status}
              onClick={() => {
                setStatus(s);
                setBefore([]);
              }}
              className={cn("rounded px-2 py-1", s === status ? "bg-secondary font-medium" : "text-muted-foreground hover:text-foreground")}
            >
              {s ? ta(`status.${s}`) : t("all")}
            </button>
          ))}
          {mchNo === null && (
            <span className="ml-auto flex gap-1">
              {(["all", "platform"] as const).map((s) => (
                <button key={s} type="button" aria-pressed={s === scope} onClick={() => setScope(s)} className={cn("rounded px-2 py-1", s === scope ? "bg-secondary font-medium" : "text-muted-foreground hover:text-foreground")}>
                  {s === "all" ? t("scopeAll") : t("scopePlatform")}
                </button>
              ))}
            </span>
          )}
        </div>
      )}
      {error && (
        <p role="status" className="rounded-md border border-destructive/30 bg-destructive/5 px-3 py-2 text-sm text-destructive">
          {ta(`errors.${error}`)}
        </p>
      )}
      <div className="overflow-x-auto">
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>{t("alert")}</TableHead>
              <TableHead>{t("subject")}</TableHead>
              {mchNo === null && <TableHead>{t("merchant")}</TableHead>}
              <TableHead>{t("measured")}</TableHead>
              <TableHead>{t("status")}</TableHead>
              <TableHead>{t("firstAt")}</TableHead>
              {mode === "history" && <TableHead>{t("handledBy")}</TableHead>}
              <TableHead />
            </TableRow>
          </TableHeader>
          <TableBody>
            {data && incidents.length === 0 && (
              <TableRow>
                <TableCell colSpan={8} className="py-6 text-center text-muted-foreground">
                  {mode === "open" ? tOpen("none") : t("empty")}
                </TableCell>
              </TableRow>
            )}
            {incidents.map((i) => (
              <TableRow key={i.id} data-testid="incident-row" data-incident-id={i.id} className="align-top">
                <TableCell className="min-w-40 max-w-56 whitespace-normal">
                  <div className="font-medium">{words.kind(i.kind)}</div>
                  {i.ruleName && i.ruleName !== words.kind(i.kind) && <div className="text-xs text-muted-foreground">{i.ruleName}</div>}
                </TableCell>
                <TableCell className="min-w-32 max-w-48 whitespace-normal break-words text-sm">{i.subjectLabel}</TableCell>
                {mchNo === null && <TableCell className="min-w-28 whitespace-normal text-sm">{i.merchant ? `${i.merchant.name} (${i.merchant.mchNo})` : t("platform")}</TableCell>}
                <TableCell className="min-w-36 max-w-56 whitespace-normal text-sm">{words.measured(i.kind, i.value, i.threshold)}</TableCell>
                <TableCell className={mode === "open" ? "min-w-28 whitespace-normal" : undefined}>
                  <IncidentStatusBadge status={i.status} />
                  {mode === "open" && <div className="mt-1">{handled(i)}</div>}
                </TableCell>
                <TableCell className="whitespace-nowrap text-xs text-muted-foreground">{at(i.firstAt)}</TableCell>
                {mode === "history" && <TableCell className="min-w-36 whitespace-normal">{handled(i)}</TableCell>}
                <TableCell className="whitespace-nowrap">
                  {data?.mayManage && i.status !== "RESOLVED" && (
                    <div className="flex gap-2">
                      {i.status === "FIRING" && (
                        <Button size="sm" variant="outline" disabled={busy} onClick={() => act("acknowledge", i.id)}>
                          {ta("actions.acknowledge")}
                        </Button>
                      )}
                      <Button size="sm" variant="outline" disabled={busy} onClick={() => act("resolve", i.id)}>
                        {ta("actions.resolve")}
                      </Button>
                    </div>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      {mode === "open" && historyHref && (
        <Link href={historyHref} className="self-end text-sm text-primary hover:underline">
          {tOpen("viewAll")}
        </Link>
      )}
      {mode === "history" && (data?.nextBefore || before.length > 0) && (
        <div className="flex justify-end gap-2">
          {before.length > 0 && (
            <Button size="sm" variant="outline" onClick={() => setBefore(before.slice(0, -1))}>
              ←
            </Button>
          )}
          {data?.nextBefore && (
            <Button size="sm" variant="outline" onClick={() => setBefore([...before, data.nextBefore!])}>
              {t("older")}
            </Button>
          )}
        </div>
      )}
    </div>
  );
}
