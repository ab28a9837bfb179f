import type { Tx } from "@/server/db";
import type { PayOrder } from "@/server/generated/prisma/client.ts";
import { walletTopUpClosed } from "@/server/services/buyers/wallet-top-up-paid";
import { cancelLockedOrder } from "./cancel-order";
import { lockOrderWithPayOrders } from "./order-records";
import { tradeChannelClosed } from "@/server/services/trades/trade-hooks";

/**
 * The payment center calls this in the transaction that closes a pay order unpaid (expiry, or a
 * close): an unpaid `full` or `deposit` pay order cancels a PENDING_PAYMENT order (payment_timeout),
 * an unpaid balance a DEPOSIT_PAID one (balance_timeout: the deposit is refunded only if refundable).
 * A pay order the order center closes itself belongs to an order it has already cancelled: nothing to do.
 */
export async function applyPayOrderClosedToOrder(tx: Tx, payOrder: PayOrder): Promise<void> {
  if (payOrder.purpose === "top_up") return walletTopUpClosed(tx, payOrder);
  if (!payOrder.orderNo || !payOrder.purpose) return;
  // A trade's channel part ended unpaid: the trade releases its parts; the order stays payable (OPEN-API.md).
  if (payOrder.purpose === "trade") {
    await tradeChannelClosed(tx, payOrder);
    return;
  }
  const order = await lockOrderWithPayOrders(tx, payOrder.appId, payOrder.orderNo);
  if ((payOrder.purpose === "full" || payOrder.purpose === "deposit") && order.status === "PENDING_PAYMENT") {
    await cancelLockedOrder(tx, order, { reason: "payment_timeout", by: "payment" });
  } else if (payOrder.purpose === "balance" && order.status === "DEPOSIT_PAID") {
    await cancelLockedOrder(tx, order, { reason: "balance_timeout", by: "payment" });
  }
}
