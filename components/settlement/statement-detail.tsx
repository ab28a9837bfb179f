"use client";

import { useQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { Fragment, useState } from "react";
import { ReconMoney } from "@/components/reconciliation/recon-money";
import { liveRefetchInterval } from "@/components/live/live-interval";
import { useEndedToasts } from "@/components/live/live-refresh";
import { useTRPC } from "@/components/trpc/provider";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { ENTRY_KINDS } from "@/server/domain/ledger";
import type { AppRouter } from "@/server/trpc/root";
import type { PayoutAccount } from "@/server/services/settlement/statement-view";
import { LineEntries } from "./line-entries";
import { StatementActions } from "./statement-actions";
import { StatementStatusBadge } from "./statement-badges";
import { StatementGroup } from "./statement-group";

type Detail = inferRouterOutputs<AppRouter>["settlement"]["get"];
const AUDIT_ACTIONS = ["created", "confirmed", "paid_out", "voided"] as const;
const CHANNELS = ["wechatpay", "alipay", "unionpay", "wallet", "points"] as const;

/**
 * One statement: its figures, its lines (each opens onto the journal entries it sums), the payout, the
 * history and finance's next step. It polls while the statement can still change (draft, confirmed).
 */
export function StatementDetail({ mchNo, initial, appNames, payoutAccount }: { mchNo: string; initial: Detail; appNames: Record<string, string>; payoutAccount: PayoutAccount | null }) {
  const t = useTranslations("settlement");
  const tKind = useTranslations("ledger.kinds");
  const tChannel = useTranslations("channel");
  const format = useFormatter();
  const trpc = useTRPC();
  const router = useRouter();
  const statementNo = initial.statement.statementNo;
  const query = useQuery({
    ...trpc.settlement.get.queryOptions({ mchNo, statementNo }),
    initialData: initial,
    refetchInterval: liveRefetchInterval((data) => ["DRAFT", "CONFIRMED"].includes(data.statement.status)),
  });
  const { statement: s, lines, trail, mayManage } = query.data;
  useEndedToasts([{ kind: "statement", key: s.statementNo, phase: s.status === "PAID_OUT" ? "succeeded" : s.status === "VOIDED" ? "failed" : "pending" }]);
  const [open, setOpen] = useState<string | null>(null);
  const money = (minor: bigint) => <ReconMoney minor={minor} currency={s.currency} />;
  const when = (d: Date | null) => (d ? format.dateTime(d, { dateStyle: "medium", timeStyle: "short" }) : "");
  const figures: { key: string; label: string; value: bigint; strong?: boolean }[] = [
    { key: "gross", label: t("summary.gross"), value: s.grossAmount },
    { key: "refunds", label: t("summary.refunds"), value: s.refundAmount },
    { key: "fees", label: t("summary.fees"), value: -s.feeAmount },
    { key: "profitShares", label: t("summary.profitShares"), value: s.profitShareAmount },
    { key: "assets", label: t("summary.assets"), value: s.assetAmount },
    { key: "adjustments", label: t("summary.adjustments"), value: s.adjustmentAmount },
  ];
  const download = (format: "pdf" | "xlsx") => `/api/console/settlements/${statementNo}/${format}`;
  return (
    <div className="flex flex-col gap-6">
      <section className="flex flex-wrap items-center justify-between gap-3 rounded-lg border bg-card p-4">
        <div className="flex flex-wrap items-center gap-3 text-sm">
          <StatementStatusBadge status={s.status} />
          <span className="font-mono text-xs text-muted-foreground">{s.statementNo}</span>
          <span>
            <StatementGroup scope={s.scope} groupKey={s.groupKey} appNames={appNames} /> · {s.currency}
          </span>
          <span className="text-muted-foreground">{t(`cycles.${s.cycle}`)}</span>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <Button asChild size="sm" variant="outline">
            <a href={download("pdf")} download data-testid="download-pdf">
              {t("actions.pdf")}
            </a>
          </Button>
          <Button asChild size="sm" variant="outline">
            <a href={download("xlsx")} download data-testid="download-xlsx">
              {t("actions.xlsx")}
            </a>
          </Button>
          {mayManage && (
            <StatementActions
              mchNo={mchNo}
              statementNo={statementNo}
              status={s.status}
              payoutAccount={payoutAccount}
              onDone={() => {
                void query.refetch();
                router.refresh();
              }}
            />
          )}
        </div>
      </section>

      <section className="grid gap-4 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
        <div className="rounded-lg border bg-card p-4" data-testid="statement-summary">
          <h2 className="mb-3 font-medium">{t("summary.title")}</h2>
          <dl className="grid grid-cols-[1fr_auto] gap-y-1.5 text-sm">
            {figures.map((f) => (
              <Fragment key={f.key}>
                <dt className="text-muted-foreground">{f.label}</dt>
                <dd className="pl-6 text-right">{money(f.value)}</dd>
              </Fragment>
            ))}
            <dt className="border-t pt-2 font-medium">{t("summary.net")}</dt>
            <dd className="border-t pl-6 pt-2 text-right text-lg font-semibold" data-testid="statement-net">
              {money(s.netAmount)}
            </dd>
            {s.unreconciledAmount !== 0n && (
              <>
                <dt className="text-warning-foreground">{t("summary.unreconciled")}</dt>
                <dd className="text-right">{money(s.unreconciledAmount)}</dd>
              </>
            )}
          </dl>
          <p className="mt-3 text-xs text-muted-foreground">
            {t("summary.entries")} {s.entryCount}
            {s.carriedEntries > 0 && ` · ${t("summary.carried", { count: s.carriedEntries })}`}
          </p>
        </div>
        <div className="flex flex-col gap-4">
          {s.payout && (
            <div className="rounded-lg border bg-card p-4" data-testid="statement-payout">
              <h2 className="mb-3 font-medium">{t("payout.title")}</h2>
              <dl className="grid grid-cols-[8rem_1fr] gap-y-1.5 text-sm">
                <dt className="text-muted-foreground">{t("payout.reference")}</dt>
                <dd className="font-mono">{s.payout.reference}</dd>
                <dt className="text-muted-foreground">{t("payout.paidAt")}</dt>
                <dd>{s.payout.paidAt ? format.dateTime(s.payout.paidAt, { dateStyle: "medium" }) : "—"}</dd>
                <dt className="text-muted-foreground">{t("payout.account")}</dt>
                <dd>{[s.payout.account?.holder, s.payout.account?.bank, s.payout.account?.account].filter(Boolean).join(" · ") || "—"}</dd>
                {s.payout.note && (
                  <>
                    <dt className="text-muted-foreground">{t("payout.note")}</dt>
                    <dd>{s.payout.note}</dd>
                  </>
                )}
              </dl>
            </div>
          )}
          <div className="rounded-lg border bg-card p-4" data-testid="statement-trail">
            <h2 className="mb-3 font-medium">{t("audit.title")}</h2>
            {trail.length === 0 && <p className="text-sm text-muted-foreground">{t("audit.empty")}</p>}
            <ol className="flex flex-col gap-2 text-sm">
              {trail.map((a) => {
                const action = a.action.split(".").at(-1) ?? a.action;
                const reason = a.action === "settlement.voided" && a.detail && typeof a.detail === "object" ? (a.detail as { reason?: string }).reason : undefined;
                return (
                  <li key={a.id} className="flex flex-wrap gap-x-3">
                    <span className="whitespace-nowrap text-muted-foreground tabular-nums">{when(a.at)}</span>
                    <span className="font-medium">{(AUDIT_ACTIONS as readonly string[]).includes(action) ? t(`auditActions.${action as "created"}`) : a.action}</span>
                    {a.actorName && <span className="text-muted-foreground">{a.actorName}</span>}
                    {reason && <span className="text-muted-foreground">「{reason}」</span>}
                  </li>
                );
              })}
            </ol>
          </div>
        </div>
      </section>

      <section className="flex flex-col gap-2">
        <h2 className="font-medium">{t("lines.title")}</h2>
        <div className="overflow-x-auto rounded-lg border bg-card">
          <Table aria-label={t("lines.title")} data-testid="statement-lines">
            <TableHeader>
              <TableRow>
                <TableHead>{t("lines.day")}</TableHead>
                <TableHead>{t("lines.app")}</TableHead>
                <TableHead>{t("lines.channel")}</TableHead>
                <TableHead>{t("lines.kind")}</TableHead>
                <TableHead className="text-right">{t("lines.count")}</TableHead>
                <TableHead className="text-right">{t("lines.amount")}</TableHead>
                <TableHead className="text-right">{t("lines.fee")}</TableHead>
                <TableHead className="text-right">{t("lines.net")}</TableHead>
                <TableHead />
              </TableRow>
            </TableHeader>
            <TableBody>
              {lines.length === 0 && (
                <TableRow>
                  <TableCell colSpan={9} className="py-10 text-center text-muted-foreground">
                    {t("lines.empty")}
                  </TableCell>
                </TableRow>
              )}
              {lines.map((line) => (
                <Fragment key={line.lineId}>
                  <TableRow data-testid="statement-line" data-kind={line.kind}>
                    <TableCell className="whitespace-nowrap tabular-nums">
                      {line.day}
                      {!line.reconciled && (
                        <Badge variant="warning" className="ml-2">
                          {t("lines.notReconciled")}
                        </Badge>
                      )}
                    </TableCell>
                    <TableCell className="max-w-48 truncate" title={line.appId}>
                      {appNames[line.appId] ?? line.appId}
                    </TableCell>
                    <TableCell className="whitespace-nowrap">{(CHANNELS as readonly string[]).includes(line.channel) ? tChannel(line.channel as "wechatpay") : line.channel}</TableCell>
                    <TableCell className="whitespace-nowrap">{(ENTRY_KINDS as readonly string[]).includes(line.kind) ? tKind(line.kind as "payment") : line.kind}</TableCell>
                    <TableCell className="text-right tabular-nums">{line.entryCount}</TableCell>
                    <TableCell className="text-right">{money(line.amount)}</TableCell>
                    <TableCell className="text-right">{money(line.fee)}</TableCell>
                    <TableCell className="text-right font-medium">{money(line.net)}</TableCell>
                    <TableCell className="text-right">
                      <Button
                        variant="link"
                        size="sm"
                        className={cn("h-auto px-0", open === line.lineId && "text-muted-foreground")}
                        aria-expanded={open === line.lineId}
                        onClick={() => setOpen(open === line.lineId ? null : line.lineId)}
                        data-testid="line-entries-toggle"
                      >
                        {open === line.lineId ? t("lines.hide") : t("lines.entries")}
                      </Button>
                    </TableCell>
                  </TableRow>
                  {open === line.lineId && (
                    <TableRow className="bg-muted/30 hover:bg-muted/30">
                      <TableCell colSpan={9}>
                        <LineEntries mchNo={mchNo} statementNo={statementNo} lineId={line.lineId} currency={s.currency} />
                      </TableCell>
                    </TableRow>
                  )}
                </Fragment>
              ))}
            </TableBody>
          </Table>
        </div>
      </section>
    </div>
  );
}
