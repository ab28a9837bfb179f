import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { PortalOrderCard } from "@/components/orders/portal-order-card";
import { listPortalOrders } from "@/server/services/portal/list-portal-orders";

export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// /my-orders/[token] – a buyer's orders from every line of the merchant, from a short-lived signed link a business system handed out
export default async function MyOrdersPage({ params, searchParams }: { params: Promise<{ token: string }>; searchParams: SearchParams }) {
  const { token } = await params;
  const cursorParam = (await searchParams).cursor;
  const cursor = typeof cursorParam === "string" && cursorParam.length <= 300 ? cursorParam : undefined;
  const [t, format] = await Promise.all([getTranslations("portal"), getFormatter()]);
  const page = await listPortalOrders(decodeURIComponent(token), cursor);
  if (!page) {
    return (
      <main className="mx-auto flex max-w-md flex-col gap-2 px-4 py-16 text-center" data-testid="portal-expired">
        <h1 className="text-xl font-semibold">{t("expired")}</h1>
        <p className="text-sm text-muted-foreground">{t("expiredBody")}</p>
      </main>
    );
  }
  await getLocale();
  return (
    <main className="mx-auto flex max-w-md flex-col gap-3 px-3 py-5" data-testid="portal">
      <header className="px-1">
        <h1 className="text-xl font-semibold">{t("title")}</h1>
        <p className="text-sm text-muted-foreground">{t("subtitle", { merchant: page.merchantName })}</p>
      </header>
      {page.orders.length === 0 && <p className="rounded-lg border bg-card p-6 text-center text-sm text-muted-foreground">{t("empty")}</p>}
      {page.orders.map((order) => (
        <PortalOrderCard key={order.orderNo} order={order} />
      ))}
      {page.nextCursor && (
        <a href={`?cursor=${encodeURIComponent(page.nextCursor)}`} className="rounded-lg border bg-card py-3 text-center text-sm text-primary">
          {t("more")}
        </a>
      )}
      <p className="px-1 text-center text-xs text-muted-foreground">{t("validUntil", { at: format.dateTime(page.expiresAt, { dateStyle: "short", timeStyle: "short" }) })}</p>
    </main>
  );
}
