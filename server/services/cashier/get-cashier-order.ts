import { channelOfApp } from "@/server/channels/registry";
import { preselectedChannel } from "@/server/domain/cashier-modes";
import type { ClientDevice } from "@/server/domain/user-agent";
import { type CashierOrder, cashierOrderView } from "./cashier-order-view";
import { listCashierChannels } from "./list-cashier-channels";
import { loadCashierOrder } from "./load-cashier-order";
import { loadCashierOrderContext } from "./load-cashier-order-context";

export type GetCashierOrderOptions = { payOrderNo: string; device: ClientDevice };

/**
 * The cashier's view of an order (`/pay/[payOrderNo]`, polled while it can be paid). Anyone holding
 * the payOrderNo may read it — the number is unguessable and the view holds only what the cashier
 * shows. Unknown → ORDER_NOT_FOUND. Reads the database only: the channels are asked by checkCashierPayment.
 */
export async function getCashierOrder({ payOrderNo, device }: GetCashierOrderOptions): Promise<CashierOrder> {
  const loaded = await loadCashierOrder(payOrderNo);
  const channels = loaded.phase === "payable" ? await listCashierChannels(loaded.order.appId, device, loaded.order) : [];
  const preselected = preselectedChannel(
    channels.map((c) => c.channel),
    channelOfApp(device.app),
    loaded.order.payments.at(-1)?.channel,
  );
  const context = await loadCashierOrderContext(loaded.order, loaded.now);
  return cashierOrderView(loaded, channels, preselected, context);
}
