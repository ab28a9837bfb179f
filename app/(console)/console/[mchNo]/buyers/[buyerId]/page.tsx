import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AssetCards } from "@/components/console/buyers/asset-cards";
import { BuyerCoupons } from "@/components/console/buyers/buyer-coupons";
import { BuyerMovements } from "@/components/console/buyers/buyer-movements";
import { BuyerTrades } from "@/components/console/buyers/buyer-trades";
import { GrantPointsDialog } from "@/components/console/buyers/grant-points-dialog";
import { IssueCouponsDialog } from "@/components/console/buyers/issue-coupons-dialog";
import { flatParams } from "@/components/console/query-params";
import { PageHeader } from "@/components/shell/page-header";
import { orInterrupt } from "@/server/auth/guards";
import { serverCaller } from "@/server/trpc/server";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The path segment as the buyer id: Next hands it over still percent-encoded (e2e: "张三 50%41/VIP-…" round-trips). */
function buyerIdOf(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

// /console/[mchNo]/buyers/[buyerId] – one buyer: wallet and points, coupons, movements (keyset-paged), trades
export default async function BuyerPage({ params, searchParams }: { params: Promise<{ mchNo: string; buyerId: string }>; searchParams: SearchParams }) {
  const { mchNo, buyerId: segment } = await params;
  const buyerId = buyerIdOf(segment);
  const raw = flatParams(await searchParams);
  const base = `/console/${mchNo}/buyers`;
  const path = `${base}/${encodeURIComponent(buyerId)}`;
  const caller = await serverCaller();
  const [buyer, movements, trades] = await orInterrupt(
    Promise.all([caller.buyers.detail({ mchNo, buyerId }), caller.buyers.movements({ mchNo, buyerId, cursor: raw.cursor }), caller.buyers.trades({ mchNo, buyerId })]),
    path,
  );
  const t = await getTranslations("buyers");
  const apps = buyer.may.manage ? await caller.buyers.issueApps({ mchNo }) : [];
  const actions =
    apps.length > 0 ? (
      <>
        <GrantPointsDialog mchNo={mchNo} buyerId={buyer.buyerId} apps={apps} />
        <IssueCouponsDialog mchNo={mchNo} apps={apps} buyerId={buyer.buyerId} />
      </>
    ) : undefined;

  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-6">
      <Link href={base} className="text-sm text-muted-foreground hover:underline">
        ← {t("detail.back")}
      </Link>
      <PageHeader title={<span className="font-mono">{buyer.buyerId}</span>} description={t("detail.description")} actions={actions} />
      <AssetCards wallet={buyer.wallet} points={buyer.points} />
      <BuyerCoupons mchNo={mchNo} coupons={buyer.coupons} total={buyer.couponCount} />
      <BuyerMovements mchNo={mchNo} path={path} params={raw} page={movements} />
      <BuyerTrades mchNo={mchNo} trades={trades} />
    </div>
  );
}
