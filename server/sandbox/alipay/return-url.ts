import { minorToDecimal } from "@/server/domain/money";
import type { SandboxTrade } from "@/server/generated/prisma/client.ts";
import type { SandboxKeys } from "../types";
import { sandboxSellerId } from "./merchant";
import { chinaTime, signingContent, signRsa2, type Params } from "./wire";

/**
 * Where Alipay's own cashier (page.pay, wap.pay) sends the browser after a payment: the trade's
 * return_url with the synchronous-return parameters, signed like a notification (RSA2 over every
 * parameter but sign and sign_type). Merchants must not trust it for the outcome; the
 * notification or a query decides.
 */
export function alipayReturnUrl(trade: SandboxTrade & { returnUrl: string }, keys: SandboxKeys): string {
  const params: Params = {
    charset: "utf-8",
    out_trade_no: trade.outTradeNo,
    method: `alipay.trade.${trade.tradeType}.pay.return`,
    total_amount: minorToDecimal(trade.amount, "CNY"),
    trade_no: trade.channelTradeNo,
    auth_app_id: trade.channelAppId,
    version: "1.0",
    app_id: trade.channelAppId,
    seller_id: sandboxSellerId(trade.channelAppId),
    sign_type: "RSA2",
    timestamp: chinaTime(trade.paidAt ?? new Date()),
  };
  params.sign = signRsa2(signingContent(params, ["sign", "sign_type"]), keys.channelPrivateKeyPem);
  const url = new URL(trade.returnUrl);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return url.toString();
}
