import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { Section } from "@/components/console/order/section";
import { TradeSection } from "@/components/console/trade/trade-section";
import { LiveRefresh, type LiveWatch } from "@/components/live/live-refresh";
import { afterSalePhase } from "@/components/live/phases";
import { OrderActions } from "@/components/orders/order-actions";
import { AfterSaleDecision, MergedShipmentAction, SplitAction } from "@/components/orders/order-post-actions";
import { OrderStatusBadge, OverdueBadge } from "@/components/orders/order-status-badge";
import {
  AfterSalesSection,
  FamilySection,
  LinesSection,
  OrderSummarySection,
  PaymentsSection,
  ShipmentsSection,
  TimelineSection,
} from "@/components/orders/order-sections";
import { OrderReviewBanner } from "@/components/risk/order-review-banner";
import { PageHeader } from "@/components/shell/page-header";
import { orInterrupt } from "@/server/auth/guards";
import { formatMoney } from "@/server/domain/money";
import { serverCaller } from "@/server/trpc/server";

// /console/[mchNo]/orders/[orderNo] – one order of the order center: lines, amounts, pay orders, timeline, shipments, after-sales, split family, actions by role
export default async function OrderCenterOrderPage({ params }: { params: Promise<{ mchNo: string; orderNo: string }> }) {
  const { mchNo, orderNo } = await params;
  const base = `/console/${mchNo}/orders`;
  const caller = await serverCaller();
  const { order, app, may } = await orInterrupt(caller.orders.detail({ mchNo, orderNo }), `${base}/${orderNo}`);
  const [t, locale, format] = await Promise.all([getTranslations("orderCenter"), getLocale(), getFormatter()]);
  // held by a risk rule (风控): members without risk.read simply see no banner
  const risk = order.riskReview ? await caller.risk.orderReview({ mchNo, orderNo }).catch(() => null) : null;
  // in flight: after-sales being refunded, and a cancelled order whose payments are still being refunded
  const cancelling = order.status === "CANCELLED" && order.refundedAmount < order.paidAmount;
  const watch: LiveWatch[] = [
    ...order.afterSales.filter((a) => a.status !== "PENDING_REVIEW").map((a): LiveWatch => ({ kind: "afterSale", key: a.afterSaleNo, phase: afterSalePhase(a.status) })),
    ...(order.status === "CANCELLED" && order.paidAmount > 0n ? [{ kind: "refund", key: order.orderNo, phase: cancelling ? "pending" : "succeeded" } as const] : []),
  ];

  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-6">
      <Link href={base} className="text-sm text-muted-foreground hover:underline">
        ← {t("detail.back")}
      </Link>
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-3">
            <span className="font-mono">{order.orderNo}</span>
            <OrderStatusBadge status={order.status} testId="order-center-status" />
            {order.overdueAt && <OverdueBadge />}
          </span>
        }
        description={`${order.buyer.name ?? order.buyer.id} · ${formatMoney(order.payableAmount, order.currency, locale)} · ${format.dateTime(order.placedAt, { dateStyle: "medium", timeStyle: "short" })}`}
      />
      <LiveRefresh watch={watch} />
      {risk?.review && <OrderReviewBanner mchNo={mchNo} review={risk.review} mayReview={risk.mayReview} />}
      {(may.next.length > 0 || may.cancel || may.split || may.ship) && (
        <Section title={t("actions.title")} testId="order-actions-section">
          <div className="flex flex-wrap gap-2">
            <OrderActions mchNo={mchNo} orderNo={order.orderNo} next={may.next} cancellable={may.cancel} />
            {may.split && <SplitAction mchNo={mchNo} orderNo={order.orderNo} lines={order.lines} />}
            {may.ship && <MergedShipmentAction mchNo={mchNo} orderNo={order.orderNo} />}
          </div>
        </Section>
      )}
      <OrderSummarySection order={order} appName={app.name} />
      <LinesSection order={order} />
      <TradeSection mchNo={mchNo} orderNo={order.orderNo} />
      <div className="grid gap-6 lg:grid-cols-2">
        <PaymentsSection order={order} mchNo={mchNo} linkPayOrders={may.viewPayOrders} />
        <ShipmentsSection order={order} />
      </div>
      <AfterSalesSection
        order={order}
        actions={(afterSale) => (may.reviewAfterSales && afterSale.status === "PENDING_REVIEW" ? <AfterSaleDecision mchNo={mchNo} afterSaleId={afterSale.afterSaleId} /> : null)}
      />
      <FamilySection order={order} base={base} />
      <TimelineSection order={order} />
    </div>
  );
}
