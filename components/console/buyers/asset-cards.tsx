import { getLocale, getTranslations } from "next-intl/server";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { formatPoints } from "@/server/domain/asset-format";
import { formatMoney } from "@/server/domain/money";

type Holding = { balance: bigint; frozen: bigint; available: bigint };

/** The buyer's wallet (stored value, ¥) and points: balance, what open trades have frozen, what can be spent. */
export async function AssetCards({ wallet, points }: { wallet: Holding; points: Holding }) {
  const [t, locale] = await Promise.all([getTranslations("buyers"), getLocale()]);
  const cards = [
    { key: "wallet", title: t("detail.wallet"), holding: wallet, show: (v: bigint) => formatMoney(v, "CNY", locale) },
    { key: "points", title: t("detail.points"), holding: points, show: (v: bigint) => t("pointsValue", { points: formatPoints(v, locale) }) },
  ] as const;
  return (
    <div className="grid gap-4 md:grid-cols-2">
      {cards.map(({ key, title, holding, show }) => (
        <Card key={key} data-testid={`buyer-${key}`}>
          <CardHeader>
            <CardTitle as="h2" className="text-base">
              {title}
            </CardTitle>
          </CardHeader>
          <CardContent>
            <dl className="grid grid-cols-3 gap-4">
              <div>
                <dt className="text-xs text-muted-foreground">{t("detail.available")}</dt>
                <dd className="text-xl font-semibold tabular-nums" data-testid={`buyer-${key}-available`}>
                  {show(holding.available)}
                </dd>
              </div>
              <div>
                <dt className="text-xs text-muted-foreground">{t("detail.frozen")}</dt>
                <dd className="text-xl tabular-nums text-muted-foreground">{show(holding.frozen)}</dd>
              </div>
              <div>
                <dt className="text-xs text-muted-foreground">{t("detail.balance")}</dt>
                <dd className="text-xl tabular-nums">{show(holding.balance)}</dd>
              </div>
            </dl>
          </CardContent>
        </Card>
      ))}
    </div>
  );
}
