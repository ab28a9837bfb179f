import { isRedirectUrl } from "@/server/domain/pay-data-urls";
import type { CashierOrder } from "@/server/services/cashier/cashier-order-view";

/**
 * Where the cashier sends the browser once a payment has started: the channel's own page (Alipay,
 * WeChat H5) when the attempt waits on one and its URL is http(s); "refused" when the URL is anything
 * else (a channel answer must never run script here: `javascript:`, `data:`…); null when there is no
 * page to go to (a QR code, or nothing yet). The server checks the URL too; this is the last guard.
 */
export function redirectTarget(order: Pick<CashierOrder, "attempt">): { url: string } | "refused" | null {
  const payData = order.attempt?.state === "waiting" ? order.attempt.payData : null;
  if (payData?.type !== "redirect") return null;
  return isRedirectUrl(payData.url) ? { url: payData.url } : "refused";
}
