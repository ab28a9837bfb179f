import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { KeysetPager } from "@/components/console/keyset-pager";
import { Empty, Section } from "@/components/console/order/section";
import { cn } from "@/components/ui/cn";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatPoints } from "@/server/domain/asset-format";
import { formatMoney } from "@/server/domain/money";
import type { BuyerMovement } from "@/server/services/buyers-console/list-buyer-movements";

/** The buyer's wallet and points movements, newest first, one keyset page (the cursor in the URL): the balance's change and the frozen part's. */
export async function BuyerMovements({
  mchNo,
  path,
  params,
  page,
}: {
  mchNo: string;
  path: string;
  params: Record<string, string | undefined>;
  page: { rows: BuyerMovement[]; nextCursor: string | null };
}) {
  const [t, tl, locale, format] = await Promise.all([getTranslations("buyers"), getTranslations("ledger"), getLocale(), getFormatter()]);
  const signed = (m: BuyerMovement, value: bigint) => {
    if (value === 0n) return "—";
    const sign = value > 0n ? "+" : "";
    return m.asset === "wallet" ? `${sign}${formatMoney(value, "CNY", locale)}` : `${sign}${t("pointsValue", { points: formatPoints(value, locale) })}`;
  };
  return (
    <Section title={t("movements.title")} testId="buyer-movements">
      {page.rows.length === 0 ? (
        <Empty>{params.cursor ? t("movements.noMore") : t("movements.empty")}</Empty>
      ) : (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>{t("movements.time")}</TableHead>
              <TableHead>{t("movements.kind")}</TableHead>
              <TableHead className="text-right">{t("movements.amount")}</TableHead>
              <TableHead className="text-right">{t("movements.frozen")}</TableHead>
              <TableHead>{t("movements.order")}</TableHead>
              <TableHead>{t("movements.memo")}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {page.rows.map((m) => (
              <TableRow key={m.id.toString()} data-testid="buyer-movement-row">
                <TableCell className="whitespace-nowrap text-xs tabular-nums">{format.dateTime(m.occurredAt, { dateStyle: "short", timeStyle: "medium" })}</TableCell>
                <TableCell className="whitespace-nowrap">{tl(`kinds.${m.kind}`)}</TableCell>
                <TableCell className={cn("whitespace-nowrap text-right tabular-nums", m.amount < 0n && "text-destructive")}>{signed(m, m.amount)}</TableCell>
                <TableCell className="whitespace-nowrap text-right tabular-nums text-muted-foreground">{signed(m, m.frozen)}</TableCell>
                <TableCell className="font-mono text-xs">
                  {m.orderNo ? (
                    <Link href={`/console/${mchNo}/orders/${m.orderNo}`} className="text-primary hover:underline">
                      {m.orderNo}
                    </Link>
                  ) : (
                    (m.payOrderNo ?? "—")
                  )}
                  {m.tradeId && <div className="text-muted-foreground">{m.tradeId}</div>}
                </TableCell>
                <TableCell className="max-w-64 truncate text-xs text-muted-foreground" title={m.memo ?? undefined}>
                  {m.memo ?? ""}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <div className="mt-3">
        <KeysetPager path={path} params={params} cursor={params.cursor} nextCursor={page.nextCursor} />
      </div>
    </Section>
  );
}
