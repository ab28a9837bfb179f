import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { formatMoney } from "@/server/domain/money";
import { Section } from "./section";
import type { PayOrderDetail } from "./types";

/** The order's own fields, as a definition list. */
export async function OrderSummary({ order }: { order: PayOrderDetail["order"] }) {
  const [t, locale, format] = await Promise.all([getTranslations("orderDetail"), getLocale(), getFormatter()]);
  const money = (v: bigint) => formatMoney(v, order.currency, locale);
  const when = (d: Date | null) => (d ? format.dateTime(d, { dateStyle: "medium", timeStyle: "medium" }) : "—");
  const rows: [string, string][] = [
    [t("mchOrderNo"), order.mchOrderNo],
    [t("app"), `${order.app.name} (${order.app.id})`],
    [t("subject"), order.subject],
    [t("amount"), money(order.amount)],
    [t("paidAmount"), money(order.paidAmount)],
    [t("refundedAmount"), money(order.refundedAmount)],
    [t("refundingAmount"), money(order.refundingAmount)],
    [t("refundable"), money(order.refundableAmount)],
    [t("channelTradeNo"), order.channelTradeNo ?? "—"],
    [t("createdAt"), when(order.createdAt)],
    [t("paidAt"), when(order.paidAt)],
    [order.closedAt ? t("closedAt") : t("expiresAt"), when(order.closedAt ?? order.expiresAt)],
    [t("notifyUrl"), order.notifyUrl ?? "—"],
  ];
  return (
    <Section title={t("summary")} testId="order-summary">
      <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2 lg:grid-cols-3">
        {rows.map(([label, value]) => (
          <div key={label} className="min-w-0">
            <dt className="text-xs text-muted-foreground">{label}</dt>
            <dd className="break-all" data-field={label}>
              {value}
            </dd>
          </div>
        ))}
        {order.metadata !== null && (
          <div className="sm:col-span-2 lg:col-span-3">
            <dt className="text-xs text-muted-foreground">{t("metadata")}</dt>
            <dd>
              <pre className="mt-1 overflow-x-auto rounded bg-muted p-2 text-xs">{JSON.stringify(order.metadata, null, 2)}</pre>
            </dd>
          </div>
        )}
      </dl>
    </Section>
  );
}
