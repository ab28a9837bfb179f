import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { withParams } from "@/components/console/query-params";
import { KeysetPager } from "@/components/console/keyset-pager";
import { AutoRefresh } from "@/components/orders/auto-refresh";
import { cn } from "@/components/ui/cn";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { COMPLAINT_STATUSES, type ComplaintStatusValue } from "@/server/domain/complaint-schema";
import { formatMoney } from "@/server/domain/money";
import type { listComplaints } from "@/server/services/complaints/list-complaints";
import { ComplaintStatusBadge } from "./complaint-status-badge";
import { SlaCountdown } from "./sla-countdown";

type Page = Awaited<ReturnType<typeof listComplaints>>;

/**
 * The complaint queue of the console and of the operator platform: tabs by status with counts, the SLA
 * counting down live for open ones, and the page refreshing itself so new complaints appear.
 */
export async function ComplaintQueue({
  page,
  path,
  status,
  params,
  showMerchant,
  allParam,
}: {
  page: Page;
  path: string;
  status?: ComplaintStatusValue;
  params: Record<string, string | undefined>;
  showMerchant?: boolean;
  /** The status parameter of the "all" tab when the page defaults to another tab (operators: escalated). */
  allParam?: string;
}) {
  const [t, locale, format] = await Promise.all([getTranslations("complaints"), getLocale(), getFormatter()]);
  const current = { ...params, cursor: undefined };
  const total = Object.values(page.counts).reduce((a, b) => a + (b ?? 0), 0);
  const tabs = [{ key: "all", status: undefined as ComplaintStatusValue | undefined, label: t("console.tabCount", { label: t("console.tabAll"), count: total }) }].concat(
    COMPLAINT_STATUSES.map((s) => ({ key: s, status: s, label: t("console.tabCount", { label: t(`status.${s}`), count: page.counts[s] ?? 0 }) })),
  );
  return (
    <>
      <AutoRefresh active everyMs={15_000} />
      <nav className="flex flex-wrap gap-1 border-b" aria-label={t("console.status")}>
        {tabs.map((tab) => (
          <Link
            key={tab.key}
            href={`${path}${withParams(current, { status: tab.status ?? allParam })}`}
            aria-current={status === tab.status ? "page" : undefined}
            className={cn(
              "-mb-px border-b-2 px-3 py-2 text-sm",
              status === tab.status ? "border-primary font-medium text-foreground" : "border-transparent text-muted-foreground hover:text-foreground",
            )}
          >
            {tab.label}
          </Link>
        ))}
      </nav>
      <div className="rounded-lg border bg-card">
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>{t("console.complaintNoFiled")}</TableHead>
              {showMerchant && <TableHead>{t("console.merchant")}</TableHead>}
              <TableHead>{t("console.payment")}</TableHead>
              <TableHead>{t("console.reason")}</TableHead>
              <TableHead className="text-right">{t("console.requested")}</TableHead>
              <TableHead>{t("console.status")}</TableHead>
              <TableHead>{t("console.sla")}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {page.rows.length === 0 && (
              <TableRow>
                <TableCell colSpan={showMerchant ? 7 : 6} className="py-10 text-center text-muted-foreground">
                  {t("console.empty")}
                </TableCell>
              </TableRow>
            )}
            {page.rows.map((r) => (
              <TableRow key={r.complaintNo} data-testid="complaint-row" data-complaint-no={r.complaintNo}>
                <TableCell className="text-xs">
                  <Link href={`${path}/${r.complaintNo}`} className="font-mono text-primary hover:underline">
                    {r.complaintNo}
                  </Link>
                  <div className="text-muted-foreground">{format.dateTime(r.createdAt, { dateStyle: "short", timeStyle: "short" })}</div>
                </TableCell>
                {showMerchant && (
                  <TableCell className="max-w-40 text-xs">
                    <div className="truncate">{r.merchant?.name}</div>
                    <div className="font-mono text-muted-foreground">{r.merchant?.mchNo}</div>
                  </TableCell>
                )}
                <TableCell className="max-w-60 text-xs">
                  <div className="truncate">
                    {r.subject} · {formatMoney(r.amount, r.currency, locale)}
                  </div>
                  <div className="truncate font-mono text-muted-foreground">{r.payOrderNo}</div>
                </TableCell>
                <TableCell className="text-xs">{t(`reason.${r.reason}`)}</TableCell>
                <TableCell className="text-right text-xs tabular-nums">{r.requestedAmount !== null ? formatMoney(r.requestedAmount, r.currency, locale) : t("console.none")}</TableCell>
                <TableCell>
                  <ComplaintStatusBadge status={r.status} resolution={r.resolution} />
                </TableCell>
                <TableCell className="min-w-32 text-xs">{r.status === "OPEN" ? <SlaCountdown dueAt={r.slaDueAt} /> : t("console.none")}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      <KeysetPager path={path} params={params} cursor={params.cursor} nextCursor={page.nextCursor} />
    </>
  );
}
