import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { StatusBadge } from "@/components/shell/status-badge";
import { Card, CardAction, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatMoney } from "@/server/domain/money";
import type { MerchantHome } from "@/server/services/overview/get-merchant-home";

type Row = { key: string; no: string; href: string; amount: bigint; currency: string; kind: "orderStatus" | "refundStatus"; status: string; at: Date };

async function ActivityCard({ id, title, rows, allHref }: { id: string; title: string; rows: Row[]; allHref: string }) {
  const t = await getTranslations("overview.latest");
  const locale = await getLocale();
  const format = await getFormatter();
  return (
    <Card className="min-w-0 gap-3" data-testid={`latest-${id}`}>
      <CardHeader>
        <CardTitle as="h2" className="text-base">
          {title}
        </CardTitle>
        <CardAction>
          <Link href={allHref} className="text-sm text-primary underline-offset-4 hover:underline">
            {t("viewAll")}
          </Link>
        </CardAction>
      </CardHeader>
      <CardContent>
        {rows.length === 0 ? (
          <p className="py-6 text-center text-sm text-muted-foreground">{t("empty")}</p>
        ) : (
          <Table className="table-fixed">
            <TableHeader>
              <TableRow>
                <TableHead className="w-[42%]">{t("number")}</TableHead>
                <TableHead className="text-right">{t("amount")}</TableHead>
                <TableHead className="w-[6.5rem]">{t("status")}</TableHead>
                <TableHead className="hidden w-[5.5rem] text-right sm:table-cell">{t("time")}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((row) => (
                <TableRow key={row.key}>
                  <TableCell className="truncate font-mono text-xs">
                    <Link href={row.href} title={row.no} className="text-primary underline-offset-4 hover:underline">
                      {row.no}
                    </Link>
                  </TableCell>
                  <TableCell className="text-right tabular-nums">{formatMoney(row.amount, row.currency, locale)}</TableCell>
                  <TableCell>
                    <StatusBadge kind={row.kind} status={row.status} />
                  </TableCell>
                  <TableCell className="hidden text-right text-xs text-muted-foreground tabular-nums sm:table-cell">
                    {format.dateTime(row.at, { month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" })}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}

/** The latest payments and refunds, a few rows each, linking to their pay orders. */
export async function LatestActivity({ mchNo, latest }: { mchNo: string; latest: MerchantHome["latest"] }) {
  const t = await getTranslations("overview.latest");
  const base = `/console/${mchNo}`;
  const payments: Row[] = latest.payments.map((p) => ({
    key: p.payOrderNo,
    no: p.payOrderNo,
    href: `${base}/pay-orders/${p.payOrderNo}`,
    amount: p.paidAmount,
    currency: p.currency,
    kind: "orderStatus",
    status: p.status,
    at: p.paidAt ?? p.createdAt,
  }));
  const refunds: Row[] = latest.refunds.map((r) => ({
    key: r.refundNo,
    no: r.refundNo,
    href: `${base}/pay-orders/${r.payOrderNo}`,
    amount: r.amount,
    currency: r.currency,
    kind: "refundStatus",
    status: r.status,
    at: r.createdAt,
  }));
  return (
    <div className="grid gap-4 2xl:grid-cols-2">
      <ActivityCard id="payments" title={t("payments")} rows={payments} allHref={`${base}/pay-orders`} />
      <ActivityCard id="refunds" title={t("refunds")} rows={refunds} allHref={`${base}/refunds`} />
    </div>
  );
}
