import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { Empty, Section } from "@/components/console/order/section";
import { StatusBadge } from "@/components/shell/status-badge";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatMoney } from "@/server/domain/money";
import { knownMessage } from "@/server/i18n/known-message";
import type { ConsoleOrder } from "@/server/services/order-console/get-console-order";
import { OrderStatusBadge } from "./order-status-badge";

type Order = ConsoleOrder["order"];

async function tools(order: Order) {
  const [t, locale, format] = await Promise.all([getTranslations("orderCenter"), getLocale(), getFormatter()]);
  const money = (v: bigint | null | undefined) => formatMoney(v ?? 0n, order.currency, locale);
  const when = (d: Date | null | undefined) => (d ? format.dateTime(d, { dateStyle: "medium", timeStyle: "short" }) : "—");
  return { t, money, when };
}

/** The order's own fields and its amounts. */
export async function OrderSummarySection({ order, appName }: { order: Order; appName: string }) {
  const { t, money, when } = await tools(order);
  const address = order.shippingAddress as Record<string, string> | undefined;
  const rows: [string, ReactNode][] = [
    [t("detail.sourceOrderNo"), <span className="font-mono">{order.sourceOrderNo}</span>],
    [t("detail.app"), appName],
    [t("detail.type"), t(`type.${order.type}`)],
    [t("detail.flow"), t(`flow.${order.flow}`)],
    [t("detail.scene"), order.scene],
    [t("detail.store"), order.storeId ?? "—"],
    [t("detail.buyer"), `${order.buyer.name ?? ""} (${order.buyer.id})`],
    [t("detail.phone"), order.buyer.phone ?? "—"],
    [t("detail.placedAt"), when(order.placedAt)],
    [t("detail.paidAt"), when(order.paidAt)],
    [t("detail.payable"), money(order.payableAmount)],
    [t("detail.paid"), money(order.paidAmount)],
    [t("detail.refunded"), money(order.refundedAmount)],
  ];
  if (order.presale?.depositAmount) rows.push([t("type.presale"), t("detail.deposit", { amount: money(order.presale.depositAmount), at: when(order.presale.balanceDueAt) })]);
  if (address) rows.push([t("detail.address"), [address.receiver, address.phone, address.province, address.city, address.district, address.detail].filter(Boolean).join(" ")]);
  return (
    <Section title={t("detail.summary")} testId="order-center-summary">
      <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2 lg:grid-cols-4">
        {rows.map(([label, value]) => (
          <div key={label} className="min-w-0">
            <dt className="text-xs text-muted-foreground">{label}</dt>
            <dd className="break-all">{value}</dd>
          </div>
        ))}
      </dl>
      {"cancelReason" in order && order.cancelReason && (
        <p className="mt-3 text-sm text-destructive" data-testid="cancel-reason">
          {t("detail.cancelled", { reason: `${knownMessage(t, `cancelReason.${order.cancelReason}`, order.cancelReason)}${order.cancelNote ? ` · ${order.cancelNote}` : ""}` })}
        </p>
      )}
    </Section>
  );
}

/** Lines, discount, shipping and the payable total. */
export async function LinesSection({ order }: { order: Order }) {
  const { t, money } = await tools(order);
  return (
    <Section title={t("detail.lines")} testId="order-lines">
      <Table>
        <TableHeader>
          <TableRow>
            <TableHead>{t("detail.sku")}</TableHead>
            <TableHead>{t("detail.name")}</TableHead>
            <TableHead className="text-right">{t("detail.quantity")}</TableHead>
            <TableHead className="text-right">{t("detail.unitPrice")}</TableHead>
            <TableHead className="text-right">{t("detail.lineAmount")}</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {order.lines.map((line, index) => (
            <TableRow key={index}>
              <TableCell className="font-mono text-xs">{line.sku}</TableCell>
              <TableCell>{line.name}</TableCell>
              <TableCell className="text-right tabular-nums">{line.quantity}</TableCell>
              <TableCell className="text-right tabular-nums">{money(line.unitPrice)}</TableCell>
              <TableCell className="text-right tabular-nums">{money(line.amount)}</TableCell>
            </TableRow>
          ))}
          <TableRow>
            <TableCell colSpan={4} className="text-right text-muted-foreground">{t("detail.discount")}</TableCell>
            <TableCell className="text-right tabular-nums">−{money(order.discountAmount)}</TableCell>
          </TableRow>
          <TableRow>
            <TableCell colSpan={4} className="text-right text-muted-foreground">{t("detail.shipping")}</TableCell>
            <TableCell className="text-right tabular-nums">{money(order.shippingAmount)}</TableCell>
          </TableRow>
          <TableRow>
            <TableCell colSpan={4} className="text-right font-medium">{t("detail.payable")}</TableCell>
            <TableCell className="text-right font-medium tabular-nums">{money(order.payableAmount)}</TableCell>
          </TableRow>
        </TableBody>
      </Table>
    </Section>
  );
}

/** The pay orders that pay it, linking to the payment center's pages. */
export async function PaymentsSection({ order, mchNo, linkPayOrders }: { order: Order; mchNo: string; linkPayOrders: boolean }) {
  const { t, money } = await tools(order);
  return (
    <Section title={t("detail.payments")} testId="order-payments">
      {order.payments.length === 0 ? (
        <Empty>{t("detail.noPayments")}</Empty>
      ) : (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>{t("detail.payOrderNo")}</TableHead>
              <TableHead>{t("detail.purposeCol")}</TableHead>
              <TableHead className="text-right">{t("detail.amount")}</TableHead>
              <TableHead>{t("list.status")}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {order.payments.map((payment) => (
              <TableRow key={payment.payOrderNo}>
                <TableCell className="font-mono text-xs">
                  {linkPayOrders ? (
                    <Link href={`/console/${mchNo}/pay-orders/${payment.payOrderNo}`} className="text-primary hover:underline">
                      {payment.payOrderNo}
                    </Link>
                  ) : (
                    payment.payOrderNo
                  )}
                </TableCell>
                <TableCell>{payment.purpose ? knownMessage(t, `purpose.${payment.purpose}`, payment.purpose) : "—"}</TableCell>
                <TableCell className="text-right tabular-nums">{money(payment.amount)}</TableCell>
                <TableCell>
                  <StatusBadge kind="orderStatus" status={payment.status} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Section>
  );
}

/** Every status the order went through, who moved it, and the carrier and tracking number of a shipping. */
export async function TimelineSection({ order }: { order: Order }) {
  const { t, when } = await tools(order);
  return (
    <Section title={t("detail.timeline")} testId="order-timeline">
      <ol className="flex flex-col gap-3 border-l pl-4">
        {order.timeline.map((entry, index) => (
          <li key={index} className="relative text-sm">
            <span className="absolute -left-[21px] top-1.5 size-2 rounded-full bg-primary" aria-hidden />
            <div className="flex flex-wrap items-center gap-2">
              <OrderStatusBadge status={entry.status} />
              <span className="text-xs text-muted-foreground">{when(entry.at)}</span>
              <span className="font-mono text-xs text-muted-foreground">{entry.by}</span>
            </div>
            {("carrier" in entry || "trackingNo" in entry || "note" in entry) && (
              <p className="mt-1 text-xs">
                {[entry.carrier, entry.trackingNo].filter(Boolean).join(" ")}
                {entry.note ? ` · ${entry.note}` : ""}
              </p>
            )}
          </li>
        ))}
      </ol>
    </Section>
  );
}

export async function ShipmentsSection({ order }: { order: Order }) {
  const { t, when } = await tools(order);
  return (
    <Section title={t("detail.shipments")} testId="order-shipments">
      {order.shipments.length === 0 ? (
        <Empty>{t("detail.noShipments")}</Empty>
      ) : (
        <ul className="flex flex-col gap-2 text-sm">
          {order.shipments.map((shipment) => (
            <li key={shipment.shipmentNo} className="flex flex-wrap gap-3">
              <span className="font-mono text-xs">{shipment.shipmentNo}</span>
              <span>{shipment.carrier}</span>
              <span className="font-mono">{shipment.trackingNo}</span>
              <span className="text-xs text-muted-foreground">{when(shipment.createdAt)}</span>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

/** The order's after-sales with their review state; `actions` renders approve / reject for one pending review. */
export async function AfterSalesSection({ order, actions }: { order: Order; actions?: (afterSale: Order["afterSales"][number]) => ReactNode }) {
  const { t, money, when } = await tools(order);
  return (
    <Section title={t("detail.afterSales")} testId="order-after-sales">
      {order.afterSales.length === 0 ? (
        <Empty>{t("detail.noAfterSales")}</Empty>
      ) : (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>{t("detail.afterSaleNo")}</TableHead>
              <TableHead>{t("detail.type")}</TableHead>
              <TableHead className="text-right">{t("detail.amount")}</TableHead>
              <TableHead>{t("detail.reason")}</TableHead>
              <TableHead>{t("list.status")}</TableHead>
              <TableHead />
            </TableRow>
          </TableHeader>
          <TableBody>
            {order.afterSales.map((afterSale) => (
              <TableRow key={afterSale.afterSaleId} data-testid="after-sale-row">
                <TableCell className="font-mono text-xs">
                  {afterSale.afterSaleNo}
                  <div className="text-muted-foreground">{when(afterSale.createdAt)}</div>
                </TableCell>
                <TableCell>{knownMessage(t, `afterSaleType.${afterSale.type}`, afterSale.type)}</TableCell>
                <TableCell className="text-right tabular-nums">
                  {money(afterSale.amount)}
                  {afterSale.refundedAmount > 0n && <div className="text-xs text-muted-foreground">{t("detail.refunded")} {money(afterSale.refundedAmount)}</div>}
                </TableCell>
                <TableCell className="max-w-48 text-xs">
                  {afterSale.reason}
                  {"rejectReason" in afterSale && afterSale.rejectReason ? <div className="text-destructive">{afterSale.rejectReason}</div> : null}
                </TableCell>
                <TableCell>
                  <Badge variant={afterSale.status === "REFUNDED" ? "success" : afterSale.status === "REJECTED" ? "destructive" : afterSale.status === "REFUNDING" ? "outline" : "warning"} data-status={afterSale.status} data-testid="after-sale-status">
                    {knownMessage(t, `afterSaleStatus.${afterSale.status}`, afterSale.status)}
                  </Badge>
                </TableCell>
                <TableCell className="text-right">{actions?.(afterSale)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Section>
  );
}

/** A split order's parent and children. */
export async function FamilySection({ order, base }: { order: Order; base: string }) {
  const { t } = await tools(order);
  if (!order.parentOrderNo && order.childOrderNos.length === 0) return null;
  return (
    <Section title={t("detail.family")} testId="order-family">
      <dl className="grid gap-3 text-sm sm:grid-cols-2">
        {order.parentOrderNo && (
          <div>
            <dt className="text-xs text-muted-foreground">{t("detail.parent")}</dt>
            <dd>
              <Link href={`${base}/${order.parentOrderNo}`} className="font-mono text-xs text-primary hover:underline">
                {order.parentOrderNo}
              </Link>
            </dd>
          </div>
        )}
        {order.childOrderNos.length > 0 && (
          <div>
            <dt className="text-xs text-muted-foreground">{t("detail.children")}</dt>
            <dd className="flex flex-col gap-1">
              {order.childOrderNos.map((child) => (
                <Link key={child} href={`${base}/${child}`} className="font-mono text-xs text-primary hover:underline">
                  {child}
                </Link>
              ))}
            </dd>
          </div>
        )}
      </dl>
    </Section>
  );
}
