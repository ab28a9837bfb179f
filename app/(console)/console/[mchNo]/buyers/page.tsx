import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { IssueCouponsDialog } from "@/components/console/buyers/issue-coupons-dialog";
import { KeysetPager } from "@/components/console/keyset-pager";
import { flatParams } from "@/components/console/query-params";
import { FilterBar, FilterInput } from "@/components/shell/filter-bar";
import { PageHeader } from "@/components/shell/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { orInterrupt } from "@/server/auth/guards";
import { formatPoints } from "@/server/domain/asset-format";
import { formatMoney } from "@/server/domain/money";
import { serverCaller } from "@/server/trpc/server";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// /console/[mchNo]/buyers – the trade center's buyers (会员资产): wallet, points and coupons per buyer, by buyer id prefix, keyset-paged
export default async function BuyersPage({ params, searchParams }: { params: Promise<{ mchNo: string }>; searchParams: SearchParams }) {
  const { mchNo } = await params;
  const raw = flatParams(await searchParams);
  const search = (raw.q ?? "").trim().slice(0, 64);
  const base = `/console/${mchNo}/buyers`;
  const caller = await serverCaller();
  const page = await orInterrupt(caller.buyers.list({ mchNo, search: search || undefined, cursor: raw.cursor }), base);
  const apps = page.may.manage ? await caller.buyers.issueApps({ mchNo }) : [];
  const [t, locale, format] = await Promise.all([getTranslations("buyers"), getLocale(), getFormatter()]);
  const money = (fen: bigint) => formatMoney(fen, "CNY", locale);
  const points = (n: bigint) => t("pointsValue", { points: formatPoints(n, locale) });

  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-4">
      <PageHeader title={t("title")} description={t("description")} actions={page.may.manage && apps.length > 0 ? <IssueCouponsDialog mchNo={mchNo} apps={apps} /> : undefined} />
      <FilterBar path={base}>
        <FilterInput label={t("list.search")} name="q" defaultValue={search} maxLength={64} placeholder={t("list.searchPlaceholder")} className="w-56" />
      </FilterBar>
      <div className="rounded-lg border bg-card">
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>{t("list.buyer")}</TableHead>
              <TableHead className="text-right">{t("list.wallet")}</TableHead>
              <TableHead className="text-right">{t("list.walletFrozen")}</TableHead>
              <TableHead className="text-right">{t("list.points")}</TableHead>
              <TableHead className="text-right">{t("list.pointsFrozen")}</TableHead>
              <TableHead className="text-right">{t("list.usableCoupons")}</TableHead>
              <TableHead>{t("list.lastMovement")}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {page.rows.length === 0 && (
              <TableRow>
                <TableCell colSpan={7} className="py-10 text-center text-muted-foreground">
                  {search ? t("list.noMatch") : t("list.empty")}
                </TableCell>
              </TableRow>
            )}
            {page.rows.map((row) => (
              <TableRow key={row.buyerId} data-testid="buyer-row">
                <TableCell>
                  <Link href={`${base}/${encodeURIComponent(row.buyerId)}`} className="font-mono text-xs text-primary hover:underline">
                    {row.buyerId}
                  </Link>
                </TableCell>
                <TableCell className="text-right tabular-nums">{money(row.walletBalance)}</TableCell>
                <TableCell className="text-right tabular-nums text-muted-foreground">{row.walletFrozen > 0n ? money(row.walletFrozen) : "—"}</TableCell>
                <TableCell className="text-right tabular-nums">{points(row.pointsBalance)}</TableCell>
                <TableCell className="text-right tabular-nums text-muted-foreground">{row.pointsFrozen > 0n ? points(row.pointsFrozen) : "—"}</TableCell>
                <TableCell className="text-right tabular-nums">{row.usableCoupons}</TableCell>
                <TableCell className="text-xs text-muted-foreground">{row.lastMovementAt ? format.dateTime(row.lastMovementAt, { dateStyle: "short", timeStyle: "short" }) : "—"}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      <KeysetPager path={base} params={raw} cursor={raw.cursor} nextCursor={page.nextCursor} />
    </div>
  );
}
