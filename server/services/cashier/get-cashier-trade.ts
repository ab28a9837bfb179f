import { type CashierTrade, cashierTradeView } from "./cashier-trade-view";
import { loadCashierOrder } from "./load-cashier-order";
import { loadCashierOrderContext } from "./load-cashier-order-context";

/**
 * The trade the cashier page shows (a trade pay order's own, an order pay order's latest), polled once
 * its channel part is paid until the coordinator has ended it. Null on any other page. Unknown → ORDER_NOT_FOUND.
 */
export async function getCashierTrade({ payOrderNo }: { payOrderNo: string }): Promise<CashierTrade | null> {
  const { order, now } = await loadCashierOrder(payOrderNo);
  const context = await loadCashierOrderContext(order, now);
  return context?.trade ? cashierTradeView(context.trade) : null;
}
