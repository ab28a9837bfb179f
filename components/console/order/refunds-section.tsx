import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatMoney } from "@/server/domain/money";
import { RefundActions } from "../refund-actions";
import { StatusBadge } from "@/components/shell/status-badge";
import { Empty, Section } from "./section";
import type { PayOrderDetail } from "./types";

/** The order's refunds: who asked, who decided, what the channel said; review and retry for those who may. */
export async function RefundsSection({ mchNo, detail, actions }: { mchNo: string; detail: PayOrderDetail; actions?: React.ReactNode }) {
  const { order, may } = detail;
  const [t, tr, locale, format] = await Promise.all([getTranslations("orderDetail"), getTranslations("refunds"), getLocale(), getFormatter()]);
  return (
    <Section title={t("refunds")} actions={actions} testId="order-refunds">
      {order.refunds.length === 0 ? (
        <Empty>{t("noRefunds")}</Empty>
      ) : (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>{tr("refundNo")}</TableHead>
              <TableHead className="text-right">{tr("amount")}</TableHead>
              <TableHead>{tr("status")}</TableHead>
              <TableHead>{tr("reason")}</TableHead>
              <TableHead>{tr("requestedBy")}</TableHead>
              <TableHead>{tr("reviewedBy")}</TableHead>
              <TableHead>{tr("createdAt")}</TableHead>
              {may.review && <TableHead>{tr("actions")}</TableHead>}
            </TableRow>
          </TableHeader>
          <TableBody>
            {order.refunds.map((r) => (
              <TableRow key={r.refundNo} data-testid="refund-row" data-refund-no={r.refundNo}>
                <TableCell className="font-mono text-xs">
                  <div>{r.refundNo}</div>
                  <div className="text-muted-foreground">{r.kind === "DUPLICATE_PAYMENT" ? tr("kindDuplicate") : r.mchRefundNo}</div>
                </TableCell>
                <TableCell className="text-right tabular-nums">{formatMoney(r.amount, r.currency, locale)}</TableCell>
                <TableCell className="text-xs">
                  <div className="flex flex-col gap-1">
                    <StatusBadge kind="refundStatus" status={r.status} />
                    {r.failureMessage && (
                      <span className="max-w-56 text-destructive" data-testid="refund-failure">
                        {r.failureMessage}
                      </span>
                    )}
                    {r.retryCount > 0 && <span className="text-muted-foreground">{tr("retries", { count: r.retryCount })}</span>}
                  </div>
                </TableCell>
                <TableCell className="max-w-48 text-xs">{r.reason ?? "—"}</TableCell>
                <TableCell className="text-xs">{r.requestedBy ?? tr("api")}</TableCell>
                <TableCell className="text-xs">
                  {r.reviewedBy ? (
                    <>
                      <div>{r.reviewedBy}</div>
                      {r.reviewNote && <div className="text-muted-foreground">“{r.reviewNote}”</div>}
                    </>
                  ) : (
                    "—"
                  )}
                </TableCell>
                <TableCell className="whitespace-nowrap text-xs text-muted-foreground">{format.dateTime(r.createdAt, { dateStyle: "short", timeStyle: "medium" })}</TableCell>
                {may.review && (
                  <TableCell>
                    <RefundActions mchNo={mchNo} refundNo={r.refundNo} status={r.status} amountLabel={formatMoney(r.amount, r.currency, locale)} />
                  </TableCell>
                )}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Section>
  );
}
