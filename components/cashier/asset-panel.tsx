"use client";

import { Coins, TicketPercent, Wallet } from "lucide-react";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Switch } from "@/components/ui/switch";
import { formatMoney, minorToDecimal } from "@/server/domain/money";
import type { CashierAssets } from "@/server/services/cashier/get-cashier-assets";
import { choiceLimits, pointsStep, type TradeChoice, type TradeDraft, draftErrors } from "./trade-choice";

type Props = { assets: CashierAssets; draft: TradeDraft; choice: TradeChoice; onChange: (draft: TradeDraft) => void; disabled?: boolean };

function Section({ icon, title, aside, children }: { icon: ReactNode; title: string; aside?: ReactNode; children: ReactNode }) {
  return (
    <section className="flex flex-col gap-2.5">
      <h3 className="flex items-center justify-between gap-3 text-sm font-medium">
        <span className="inline-flex items-center gap-1.5">
          {icon}
          {title}
        </span>
        {aside && <span className="text-xs font-normal text-muted-foreground">{aside}</span>}
      </h3>
      {children}
    </section>
  );
}

/**
 * The order's buyer's coupons, points and wallet, to apply to the order: one coupon (or none), points
 * by slider or number (whole fen only), a wallet amount or "use max". Controlled: the parent holds the
 * typed draft and what it comes to (`choice`, always within the limits).
 */
export function AssetPanel({ assets, draft, choice, onChange, disabled }: Props) {
  const t = useTranslations("cashierTrade");
  const locale = useLocale();
  const format = useFormatter();
  const money = (fen: bigint) => formatMoney(fen, assets.currency, locale);
  const limits = choiceLimits(assets, choice);
  const errors = draftErrors(draft);
  const step = pointsStep(assets.pointsPerYuan);
  const set = (patch: Partial<TradeDraft>) => onChange({ ...draft, ...patch });

  return (
    <div className="flex flex-col gap-5" data-testid="asset-panel">
      <p className="text-xs text-muted-foreground" data-testid="asset-buyer">
        {t("buyer", { buyer: assets.buyer })}
      </p>

      {assets.coupons.length > 0 && (
        <Section icon={<TicketPercent className="size-4 text-primary" aria-hidden="true" />} title={t("coupons")} aside={t("couponsCount", { count: assets.coupons.length })}>
          <fieldset className="flex flex-col gap-2" disabled={disabled}>
            <legend className="sr-only">{t("coupons")}</legend>
            {assets.coupons.map((coupon) => (
              <label
                key={coupon.couponNo}
                className="flex cursor-pointer items-center gap-3 rounded-xl border px-3.5 py-2.5 transition-colors hover:bg-accent/50 has-checked:border-primary has-checked:bg-primary/5 has-focus-visible:ring-[3px] has-focus-visible:ring-ring/50"
              >
                <span className="flex min-w-0 flex-1 flex-col">
                  <span className="font-medium">
                    {coupon.type === "amount_off" ? t("amountOff", { value: money(coupon.value) }) : t("percentOff", { percent: Number(coupon.value) })}
                  </span>
                  <span className="text-xs text-muted-foreground">
                    {coupon.minSpend > 0n ? t("minSpend", { amount: money(coupon.minSpend) }) : t("noMinSpend")}
                    {" · "}
                    {t("expires", { date: format.dateTime(coupon.expiresAt, { dateStyle: "medium" }) })}
                  </span>
                </span>
                <span className="text-sm font-semibold text-destructive tabular-nums">{t("discountOnOrder", { amount: money(coupon.discount) })}</span>
                <input
                  type="radio"
                  name="coupon"
                  value={coupon.couponNo}
                  checked={draft.couponNo === coupon.couponNo}
                  onChange={() => set({ couponNo: coupon.couponNo })}
                  className="size-5 accent-primary outline-none"
                />
              </label>
            ))}
            <label className="flex cursor-pointer items-center gap-3 rounded-xl border px-3.5 py-2.5 text-sm transition-colors hover:bg-accent/50 has-checked:border-primary has-checked:bg-primary/5 has-focus-visible:ring-[3px] has-focus-visible:ring-ring/50">
              <span className="flex-1">{t("noCoupon")}</span>
              <input type="radio" name="coupon" value="" checked={draft.couponNo === null} onChange={() => set({ couponNo: null })} className="size-5 accent-primary outline-none" />
            </label>
          </fieldset>
        </Section>
      )}

      {assets.points.spendable > 0n && (
        <Section
          icon={<Coins className="size-4 text-warning" aria-hidden="true" />}
          title={t("points")}
          aside={t("pointsRate", { rate: format.number(assets.pointsPerYuan), yuan: money(100n) })}
        >
          <p className="text-xs text-muted-foreground">
            {t("pointsAvailable", { points: format.number(Number(assets.points.spendable)), worth: money(assets.points.worth) })}
          </p>
          <input
            type="range"
            min={0}
            max={Number(limits.points)}
            step={Number(step)}
            value={Number(choice.points)}
            disabled={disabled || limits.points === 0n}
            aria-label={t("pointsSlider")}
            onChange={(event) => set({ pointsText: event.target.value })}
            className="w-full accent-primary"
          />
          <div className="flex items-center gap-2">
            <label className="sr-only" htmlFor="cashier-points">
              {t("pointsToUse")}
            </label>
            <Input
              id="cashier-points"
              inputMode="numeric"
              placeholder="0"
              value={draft.pointsText}
              aria-invalid={errors.points || undefined}
              disabled={disabled}
              onChange={(event) => set({ pointsText: event.target.value })}
              onBlur={() => set({ pointsText: choice.points > 0n ? String(choice.points) : "" })}
              className="h-10 flex-1 tabular-nums"
            />
            <Button type="button" variant="outline" className="h-10" disabled={disabled || limits.points === 0n} onClick={() => set({ pointsText: String(limits.points) })}>
              {t("useMax")}
            </Button>
          </div>
        </Section>
      )}

      {assets.wallet.spendable > 0n && (
        <Section icon={<Wallet className="size-4 text-primary" aria-hidden="true" />} title={t("wallet")} aside={t("walletAvailable", { amount: money(assets.wallet.spendable) })}>
          <div className="flex items-center gap-3">
            <label className="sr-only" htmlFor="cashier-wallet">
              {t("walletToUse")}
            </label>
            <Input
              id="cashier-wallet"
              inputMode="decimal"
              placeholder={t("walletToUse")}
              value={draft.walletMax ? minorToDecimal(choice.wallet) : draft.walletText}
              aria-invalid={errors.wallet || undefined}
              disabled={disabled || draft.walletMax}
              onChange={(event) => set({ walletText: event.target.value })}
              onBlur={() => set({ walletText: choice.wallet > 0n ? minorToDecimal(choice.wallet) : "" })}
              className="h-10 flex-1 tabular-nums"
            />
            <label className="inline-flex shrink-0 items-center gap-2 text-sm">
              <Switch checked={draft.walletMax} disabled={disabled} onCheckedChange={(on) => set({ walletMax: on })} aria-label={t("walletUseMax")} />
              <span aria-hidden="true">{t("walletUseMax")}</span>
            </label>
          </div>
        </Section>
      )}
    </div>
  );
}
