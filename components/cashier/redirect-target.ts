import { isRedirectUrl } from "@/server/domain/pay-data-urls";
import type { CashierOrder } from "@/server/services/cashier/cashier-order-view";

/**
 * Where the cashier sends the browser once a payment has started: the channel's own page (Alipay,
 * WeChat H5; UnionPay's through a form POST) when the attempt waits on one and its URL is http(s); "refused" when the URL is anything
 * else (a channel answer must never run script here: `javascript:`, `data:`…); null when there is no
 * page to go to (a QR code, or nothing yet). The server checks the URL too; this is the last guard.
 */
export function redirectTarget(
  order: Pick<CashierOrder, "attempt">,
): { url: string } | { form: { action: string; fields: Record<string, string> } } | "refused" | null {
  const payData = order.attempt?.state === "waiting" ? order.attempt.payData : null;
  if (payData?.type === "form") return isRedirectUrl(payData.action) ? { form: { action: payData.action, fields: payData.fields } } : "refused";
  if (payData?.type !== "redirect") return null;
  return isRedirectUrl(payData.url) ? { url: payData.url } : "refused";
}

/** POSTs `fields` to `action` from this page, as a form the consumer submitted (UnionPay's front transaction). */
export function submitForm({ action, fields }: { action: string; fields: Record<string, string> }): void {
  const form = document.createElement("form");
  form.method = "POST";
  form.action = action;
  form.acceptCharset = "UTF-8";
  for (const [name, value] of Object.entries(fields)) {
    const input = document.createElement("input");
    input.type = "hidden";
    input.name = name;
    input.value = value;
    form.appendChild(input);
  }
  document.body.appendChild(form);
  form.submit();
}
