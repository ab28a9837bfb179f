import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { Empty, Section } from "@/components/console/order/section";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatMoney } from "@/server/domain/money";
import type { ConsoleBuyer } from "@/server/services/buyers-console/get-buyer";
import { CouponStatusBadge } from "./coupon-status-badge";

/** The buyer's coupons, newest first: what each is worth, from what spend, until when, and the order that holds or used it. */
export async function BuyerCoupons({ mchNo, coupons, total }: { mchNo: string; coupons: ConsoleBuyer["coupons"]; total: number }) {
  const [t, locale, format] = await Promise.all([getTranslations("buyers"), getLocale(), getFormatter()]);
  const money = (fen: bigint) => formatMoney(fen, "CNY", locale);
  return (
    <Section title={t("coupons.title")} testId="buyer-coupons">
      {coupons.length === 0 ? (
        <Empty>{t("coupons.empty")}</Empty>
      ) : (
        <>
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>{t("coupons.couponNo")}</TableHead>
                <TableHead>{t("coupons.value")}</TableHead>
                <TableHead className="text-right">{t("coupons.minSpend")}</TableHead>
                <TableHead>{t("coupons.expiresAt")}</TableHead>
                <TableHead>{t("coupons.status")}</TableHead>
                <TableHead>{t("coupons.order")}</TableHead>
                <TableHead>{t("coupons.issuedAt")}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {coupons.map((coupon) => (
                <TableRow key={`${coupon.appId}:${coupon.couponNo}`} data-testid="buyer-coupon-row">
                  <TableCell className="max-w-56 truncate font-mono text-xs" title={coupon.couponNo}>
                    {coupon.couponNo}
                  </TableCell>
                  <TableCell className="whitespace-nowrap">
                    {coupon.type === "amount_off" ? t("coupons.amountOff", { amount: money(coupon.value) }) : t("coupons.percentOff", { percent: coupon.value.toString() })}
                  </TableCell>
                  <TableCell className="text-right tabular-nums">{coupon.minSpend > 0n ? money(coupon.minSpend) : t("coupons.noMinimum")}</TableCell>
                  <TableCell className="whitespace-nowrap text-xs">{format.dateTime(coupon.expiresAt, { dateStyle: "medium", timeStyle: "short" })}</TableCell>
                  <TableCell>
                    <CouponStatusBadge status={coupon.status} />
                  </TableCell>
                  <TableCell className="font-mono text-xs">
                    {coupon.orderNo ? (
                      <Link href={`/console/${mchNo}/orders/${coupon.orderNo}`} className="text-primary hover:underline">
                        {coupon.orderNo}
                      </Link>
                    ) : (
                      "—"
                    )}
                  </TableCell>
                  <TableCell className="whitespace-nowrap text-xs text-muted-foreground">{format.dateTime(coupon.createdAt, { dateStyle: "short", timeStyle: "short" })}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {total > coupons.length && <p className="mt-2 text-xs text-muted-foreground">{t("coupons.newestOnly", { shown: coupons.length, total })}</p>}
        </>
      )}
    </Section>
  );
}
