import { useLocale, useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { formatMoney } from "@/server/domain/money";
import type { CashierOrder } from "@/server/services/cashier/cashier-order-view";

function MerchantLogo({ name, logoUrl }: { name: string; logoUrl: string | null }) {
  if (logoUrl) {
    // a merchant's own logo from anywhere: a plain img, no image optimisation to configure per host
    return <img src={logoUrl} alt="" className="size-8 rounded-full border object-cover" />;
  }
  return (
    <span aria-hidden="true" className="flex size-8 items-center justify-center rounded-full bg-primary/10 text-sm font-semibold text-primary">
      {Array.from(name)[0]}
    </span>
  );
}

/** Who is paid, how much, for what. */
export function OrderSummary({ order }: { order: CashierOrder }) {
  const t = useTranslations("cashier");
  const tt = useTranslations("cashierTrade");
  const locale = useLocale();
  const label = order.kind === "top_up" ? tt("topUp.amount") : order.kind === "trade" ? tt("leftToPay") : t("amountDue");
  return (
    <header className="flex flex-col items-center gap-1 px-6 pt-7 pb-5 text-center">
      <div className="flex max-w-full items-center gap-2 text-sm font-medium">
        <MerchantLogo name={order.merchant.name} logoUrl={order.merchant.logoUrl} />
        <span className="truncate" data-testid="merchant-name">
          {order.merchant.name}
        </span>
        {order.testMode && <Badge variant="warning">{t("testMode")}</Badge>}
      </div>
      {order.kind === "top_up" && (
        <h1 className="mt-3 text-base font-semibold" data-testid="top-up-title">
          {tt("topUp.title")}
        </h1>
      )}
      <p className="mt-4 text-xs text-muted-foreground" data-testid="amount-label">
        {label}
      </p>
      <p className="text-4xl font-semibold tracking-tight tabular-nums" data-testid="amount">
        {formatMoney(order.amount, order.currency, locale)}
      </p>
      <p className="line-clamp-2 text-sm text-muted-foreground" data-testid="subject">
        {order.subject}
      </p>
    </header>
  );
}
