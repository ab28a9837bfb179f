"use client";

import { useQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useTRPC } from "@/components/trpc/provider";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { maskAccount } from "@/server/domain/profit-sharing-form";
import { BindStateBadge } from "./ps-badges";
import { useReceiverWords } from "./ps-words";
import { RemoveReceiverButton } from "./remove-receiver-button";
import type { ReceiverRow } from "./types";

/**
 * An app's receivers. Binding happens at the channel after the row is written: while any receiver is
 * still binding the list polls every two seconds (react-query refetchInterval) and stops when none is.
 */
export function ReceiversTable({
  mchNo,
  appId,
  initial,
  accountNames,
  mayManage,
}: {
  mchNo: string;
  appId: string;
  initial: ReceiverRow[];
  accountNames: Record<string, string>;
  mayManage: boolean;
}) {
  const t = useTranslations("profitSharing.receivers");
  const format = useFormatter();
  const words = useReceiverWords();
  const trpc = useTRPC();
  const query = useQuery({
    ...trpc.profitSharing.receivers.queryOptions({ mchNo, appId }),
    initialData: initial,
    refetchInterval: (q) => (q.state.data?.some((r) => r.bindState === "PENDING") ? 2000 : false),
  });
  const rows: ReceiverRow[] = query.data;
  if (rows.length === 0) return <p className="p-4 text-sm text-muted-foreground">{t("empty")}</p>;
  return (
    <Table data-testid="receivers-table">
      <TableHeader>
        <TableRow>
          <TableHead>{t("name")}</TableHead>
          <TableHead>{t("type")}</TableHead>
          <TableHead>{t("account")}</TableHead>
          <TableHead>{t("relation")}</TableHead>
          <TableHead>{t("channelAccount")}</TableHead>
          <TableHead>{t("bindState")}</TableHead>
          <TableHead>{t("createdAt")}</TableHead>
          {mayManage && <TableHead className="text-right">{t("actions")}</TableHead>}
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((r) => (
          <TableRow key={r.id} data-testid="receiver-row" data-account={r.account}>
            <TableCell className="max-w-40 truncate font-medium">{r.name ?? "—"}</TableCell>
            <TableCell className="whitespace-nowrap text-xs">{words.type(r.type)}</TableCell>
            <TableCell className="font-mono text-xs">
              {maskAccount(r.account)}
            </TableCell>
            <TableCell className="whitespace-nowrap text-xs">{words.relation(r.relationType, r.customRelation)}</TableCell>
            <TableCell className="max-w-40 truncate text-xs">{accountNames[r.channelAccountId] ?? "—"}</TableCell>
            <TableCell>
              <BindStateBadge state={r.bindState} error={r.bindError} />
            </TableCell>
            <TableCell className="whitespace-nowrap text-xs text-muted-foreground">{format.dateTime(r.createdAt, { dateStyle: "short", timeStyle: "short" })}</TableCell>
            {mayManage && (
              <TableCell className="text-right">
                <RemoveReceiverButton mchNo={mchNo} receiverId={r.id} label={r.name ?? maskAccount(r.account)} />
              </TableCell>
            )}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
