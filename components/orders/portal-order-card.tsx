import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { formatMoney } from "@/server/domain/money";
import { knownMessage } from "@/server/i18n/known-message";
import type { listPortalOrders } from "@/server/services/portal/list-portal-orders";

type PortalOrder = NonNullable<Awaited<ReturnType<typeof listPortalOrders>>>["orders"][number];

/** One order on the buyer's phone: where it stands, what is in it, its progress, and a pay button while unpaid. */
export async function PortalOrderCard({ order }: { order: PortalOrder }) {
  const [t, tc, locale, format] = await Promise.all([getTranslations("portal"), getTranslations("complaints"), getLocale(), getFormatter()]);
  const money = (v: bigint) => formatMoney(v, order.currency, locale);
  const when = (d: Date) => format.dateTime(d, { dateStyle: "short", timeStyle: "short" });
  return (
    <article className="rounded-xl border bg-card p-4 shadow-xs" data-testid="portal-order" data-order-no={order.orderNo}>
      <div className="flex items-start justify-between gap-2">
        <div className="min-w-0">
          <p className="truncate text-xs text-muted-foreground">
            {order.appName} · {t("placedAt", { at: when(order.placedAt) })}
          </p>
          <p className="truncate font-mono text-xs text-muted-foreground">{order.sourceOrderNo}</p>
        </div>
        <span className="shrink-0 rounded-full bg-primary/10 px-2 py-0.5 text-xs font-medium text-primary" data-testid="portal-status">
          {knownMessage(t, `status.${order.status}`, order.status)}
        </span>
      </div>
      <ul className="mt-3 flex flex-col gap-1 text-sm">
        {order.lines.map((line, index) => (
          <li key={index} className="flex justify-between gap-2">
            <span className="truncate">
              {line.name} × {line.quantity}
            </span>
            <span className="shrink-0 tabular-nums">{money(line.amount)}</span>
          </li>
        ))}
      </ul>
      <div className="mt-3 flex flex-wrap justify-between gap-2 border-t pt-3 text-sm">
        <span className="font-medium">{t("total", { amount: money(order.payableAmount) })}</span>
        <span className="text-muted-foreground">
          {order.paidAmount > 0n && t("paid", { amount: money(order.paidAmount) })}
          {order.refundedAmount > 0n && ` · ${t("refunded", { amount: money(order.refundedAmount) })}`}
        </span>
      </div>
      {order.shipments.length > 0 && (
        <p className="mt-2 text-xs text-muted-foreground">
          {order.shipments.map((s) => t("shipped", { carrier: s.carrier ?? "", trackingNo: s.trackingNo ?? "" })).join(" · ")}
        </p>
      )}
      <details className="mt-2 text-xs">
        <summary className="cursor-pointer text-muted-foreground">{t("timeline")}</summary>
        <ol className="mt-2 flex flex-col gap-1 border-l pl-3">
          {order.timeline.map((entry, index) => (
            <li key={index}>
              {knownMessage(t, `status.${entry.status}`, entry.status)} · {when(entry.at)}
            </li>
          ))}
        </ol>
      </details>
      {order.payNow.map((payment) => (
        <a key={payment.url} href={payment.url} className="mt-3 block rounded-lg bg-primary py-3 text-center text-sm font-medium text-primary-foreground" data-testid="portal-pay">
          {t("pay", { amount: money(payment.amount) })}
        </a>
      ))}
      {order.complain.map((payment) => (
        <a key={payment.url} href={payment.url} className="mt-2 block text-right text-xs text-muted-foreground underline-offset-4 hover:underline" data-testid="portal-complain">
          {payment.filed ? tc("portalFollow") : tc("portalLink")}
        </a>
      ))}
    </article>
  );
}
