"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Bell } from "lucide-react";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuLabel, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { useAlertWords } from "./alert-words";
import { IncidentStatusBadge } from "./incident-status-badge";

const POLL_MS = 15_000;

/**
 * The header's bell: how many of the merchant's (or, for operators, the platform's) incidents fire, refreshed every
 * 15 s; opening it lists the latest and marks them seen.
 */
export function AlertBell({ mchNo, href }: { mchNo: string | null; href: string }) {
  const t = useTranslations("alerts.bell");
  const words = useAlertWords();
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const merchantBell = useQuery({ ...trpc.alerts.bell.queryOptions({ mchNo: mchNo ?? "" }), enabled: mchNo !== null, refetchInterval: POLL_MS });
  const adminBell = useQuery({ ...trpc.adminAlerts.bell.queryOptions(), enabled: mchNo === null, refetchInterval: POLL_MS });
  const bell = mchNo !== null ? merchantBell.data : adminBell.data;
  const merchantSeen = useMutation(trpc.alerts.markSeen.mutationOptions());
  const adminSeen = useMutation(trpc.adminAlerts.markSeen.mutationOptions());
  const onOpenChange = (open: boolean) => {
    if (!open || !bell?.unseen) return;
    const done = () => queryClient.invalidateQueries({ queryKey: mchNo !== null ? trpc.alerts.bell.pathKey() : trpc.adminAlerts.bell.pathKey() });
    if (mchNo !== null) merchantSeen.mutate({ mchNo }, { onSettled: done });
    else adminSeen.mutate(undefined, { onSettled: done });
  };
  const firing = bell?.firing ?? 0;

  return (
    <DropdownMenu onOpenChange={onOpenChange}>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" size="icon" className="relative" aria-label={firing ? `${t("label")} · ${t("firing", { count: firing })}` : t("label")} data-testid="alert-bell" data-firing={bell ? firing : undefined}>
          <Bell className="size-5" />
          {firing > 0 && (
            <span data-testid="alert-bell-count" className="absolute -right-0.5 -top-0.5 flex h-4 min-w-4 items-center justify-center rounded-full bg-destructive px-1 text-[10px] font-semibold leading-none text-white">
              {firing > 99 ? "99+" : firing}
            </span>
          )}
          {firing === 0 && (bell?.unseen ?? 0) > 0 && <span className="absolute right-1.5 top-1.5 size-2 rounded-full bg-warning" />}
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-80" data-testid="alert-bell-menu">
        <DropdownMenuLabel className="flex items-center justify-between">
          <span>{t("title")}</span>
          {firing > 0 && <span className="text-xs font-normal text-destructive">{t("firing", { count: firing })}</span>}
        </DropdownMenuLabel>
        <DropdownMenuSeparator />
        {(bell?.recent.length ?? 0) === 0 && <p className="px-2 py-4 text-center text-sm text-muted-foreground">{t("empty")}</p>}
        {bell?.recent.map((i) => (
          <DropdownMenuItem key={i.id} asChild>
            <Link href={`${href}/incidents`} className="flex flex-col items-start gap-1" data-testid="alert-bell-item">
              <span className="flex w-full items-center justify-between gap-2">
                <span className="truncate font-medium">{words.kind(i.kind)}</span>
                <IncidentStatusBadge status={i.status} />
              </span>
              <span className="flex w-full justify-between gap-2 text-xs text-muted-foreground">
                <span className="truncate">{i.subjectLabel}</span>
                <span className="shrink-0">
                  {!i.seen && <span className="mr-1 font-medium text-primary">{t("new")}</span>}
                  {format.relativeTime(i.firstAt)}
                </span>
              </span>
            </Link>
          </DropdownMenuItem>
        ))}
        <DropdownMenuSeparator />
        <DropdownMenuItem asChild>
          <Link href={href} className="justify-center text-sm text-primary">
            {t("viewAll")}
          </Link>
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
