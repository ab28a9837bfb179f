"use client";

import { useQuery } from "@tanstack/react-query";
import { LoaderCircle } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { type ReactNode, useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Separator } from "@/components/ui/separator";
import { formatMoney } from "@/server/domain/money";
import type { CashierTrade } from "@/server/services/cashier/cashier-trade-view";
import { AssetPanel } from "./asset-panel";
import { TradeBreakdown } from "./trade-breakdown";
import { appliesAnything, breakdown, draftChoice, EMPTY_DRAFT, isAllocationError } from "./trade-choice";
import type { Notice } from "./use-start-payment";
import { usePayTrade } from "./use-pay-trade";

type Props = {
  payOrderNo: string;
  /** The usual channel picker, for paying the order as it is (null when its own pay order is closed: a trade pays it then). */
  picker: ReactNode | null;
  /** A trade was made: its channel part's cashier, or (covered in full) the receipt. */
  onTrade: (trade: CashierTrade) => void;
  /** The order must be read again: its state explains the refusal (a trade under way, paid, closed). */
  onStale: () => void;
};

/**
 * The cashier of an order's own pay order when its buyer may apply coupon, points and wallet: the
 * asset panel, the live breakdown (the server's allocation), then either the usual channel picker
 * (nothing applied) or one button that makes the trade and goes on to pay the rest.
 */
export function OrderTrade({ payOrderNo, picker, onTrade, onStale }: Props) {
  const t = useTranslations("cashierTrade");
  const locale = useLocale();
  const trpc = useTRPC();
  const assetsQuery = useQuery(trpc.cashier.assets.queryOptions({ payOrderNo }, { staleTime: 30_000 }));
  const [draft, setDraft] = useState(EMPTY_DRAFT);
  const [notice, setNotice] = useState<Notice | null>(null);
  const trade = usePayTrade({
    payOrderNo,
    onDone: onTrade,
    onRefused(refusal, code) {
      setNotice(refusal);
      if (refusal === null || code === "TRADE_IN_PROGRESS") onStale();
      else void assetsQuery.refetch();
    },
  });

  const assets = assetsQuery.data;
  if (assetsQuery.isPending) {
    return (
      <>
        <p className="flex items-center justify-center gap-2 py-4 text-sm text-muted-foreground" role="status">
          <LoaderCircle className="size-4 animate-spin" aria-hidden="true" />
        </p>
        {picker}
      </>
    );
  }
  // not tradeable after all (or the read failed): the page as it would be without assets
  if (!assets) return <>{picker}</>;

  const choice = draftChoice(assets, draft);
  const split = breakdown(assets, choice);
  const applies = appliesAnything(choice);
  const hasAssets = assets.coupons.length > 0 || assets.points.spendable > 0n || assets.wallet.spendable > 0n;
  const left = isAllocationError(split) ? assets.payable : split.channel;

  return (
    <div className="flex flex-col gap-5" data-testid="order-trade">
      {notice && (
        <Alert variant={notice.error ? "destructive" : "default"} role={notice.error ? "alert" : "status"}>
          <AlertDescription>{notice.text}</AlertDescription>
        </Alert>
      )}
      {hasAssets && (
        <AssetPanel
          assets={assets}
          draft={draft}
          choice={choice}
          disabled={trade.submitting}
          onChange={(next) => {
            setNotice(null);
            setDraft(next);
          }}
        />
      )}
      {applies && !isAllocationError(split) && (
        <TradeBreakdown split={{ payable: assets.payable, coupon: split.coupon, points: split.points, pointsAmount: split.pointsAmount, wallet: split.wallet, channel: split.channel }} currency={assets.currency} />
      )}
      {applies || !picker ? (
        <Button size="lg" className="h-12 w-full text-base" disabled={trade.submitting || isAllocationError(split)} onClick={() => trade.submit(choice)} data-testid="pay-trade">
          {trade.submitting && <LoaderCircle className="animate-spin" aria-hidden="true" />}
          {trade.submitting ? t("submitting") : left === 0n ? t("payCovered") : t("next", { amount: formatMoney(left, assets.currency, locale) })}
        </Button>
      ) : (
        <>
          {hasAssets && <Separator />}
          {picker}
        </>
      )}
    </div>
  );
}
