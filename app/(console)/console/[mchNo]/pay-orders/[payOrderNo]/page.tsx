import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/shell/page-header";
import { AttemptsSection } from "@/components/console/order/attempts-section";
import { CallbacksSection } from "@/components/console/order/callbacks-section";
import { EventsSection } from "@/components/console/order/events-section";
import { JournalSection } from "@/components/console/order/journal-section";
import { OrderSummary } from "@/components/console/order/order-summary";
import { RefundsSection } from "@/components/console/order/refunds-section";
import { RefundDialog } from "@/components/console/refund-dialog";
import { LiveRefresh, type LiveWatch } from "@/components/live/live-refresh";
import { payOrderPhase, refundPhase } from "@/components/live/phases";
import { OrderSplitsCard } from "@/components/profit-sharing/order-splits-card";
import { StatusBadge } from "@/components/shell/status-badge";
import { orInterrupt } from "@/server/auth/guards";
import { formatMoney } from "@/server/domain/money";
import { maskAccount } from "@/server/domain/profit-sharing-form";
import { serverCaller } from "@/server/trpc/server";

// /console/[mchNo]/pay-orders/[payOrderNo] – one order: attempts, refunds (with the refund button), profit sharing (分账), journal, events and webhooks, raw callbacks
export default async function OrderPage({ params }: { params: Promise<{ mchNo: string; payOrderNo: string }> }) {
  const { mchNo, payOrderNo } = await params;
  const caller = await serverCaller();
  const detail = await orInterrupt(caller.payOrders.detail({ mchNo, payOrderNo }), `/console/${mchNo}/pay-orders/${payOrderNo}`);
  const [t, locale] = await Promise.all([getTranslations("orderDetail"), getLocale()]);
  const { order } = detail;
  const refundable = order.refundableAmount > 0n && detail.may.refund;
  const [splits, receivers] = await Promise.all([
    detail.may.profitSharing ? caller.profitSharing.orderSplits({ mchNo, payOrderNo }) : null,
    detail.may.split && order.profitSharing ? caller.profitSharing.receivers({ mchNo, appId: order.appId }) : [],
  ]);
  // in flight: the order while unpaid, each refund until the channel (or a reviewer) has decided
  const watch: LiveWatch[] = [
    { kind: "payment", key: order.payOrderNo, phase: payOrderPhase(order.status) },
    ...order.refunds.map((r): LiveWatch => ({ kind: "refund", key: r.refundNo, phase: refundPhase(r.status) })),
  ];
  const splitReceivers = receivers.filter((r) => r.bindState === "BOUND").map((r) => ({ id: r.id, label: `${r.name ?? maskAccount(r.account)} · ${maskAccount(r.account)}` }));

  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-6">
      <Link href={`/console/${mchNo}/pay-orders`} className="text-sm text-muted-foreground hover:underline">
        ← {t("back")}
      </Link>
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-3">
            <span className="font-mono">{order.payOrderNo}</span>
            <StatusBadge kind="orderStatus" status={order.status} />
          </span>
        }
        description={`${order.subject} · ${formatMoney(order.amount, order.currency, locale)}`}
      />
      <LiveRefresh watch={watch} />
      <OrderSummary order={order} />
      <AttemptsSection order={order} />
      <RefundsSection
        mchNo={mchNo}
        detail={detail}
        actions={refundable ? <RefundDialog mchNo={mchNo} payOrderNo={order.payOrderNo} refundableLabel={formatMoney(order.refundableAmount, order.currency, locale)} /> : undefined}
      />
      {splits && (splits.order.profitSharing || splits.splits.length > 0) && <OrderSplitsCard mchNo={mchNo} initial={splits} receivers={splitReceivers} maySplit={detail.may.split} />}
      {detail.entries && <JournalSection entries={detail.entries} />}
      <EventsSection mchNo={mchNo} detail={detail} />
      {detail.callbacks && <CallbacksSection callbacks={detail.callbacks} />}
    </div>
  );
}
