import { minorToDecimal } from "@/server/domain/money";

/**
 * Who the simulated Alipay says is paid and who paid, as real notifications and answers name them.
 * A sandbox merchant has one app, so its PID (seller_id: 2088 + 12 digits) follows from the app_id's
 * last 12 digits: stored nowhere, the same for merchants registered before it was asked for.
 * Provisioning writes it into the channel account's credentials (server/sandbox/provision.ts).
 */
export function sandboxSellerId(appId: string): string {
  return `2088${appId.slice(-12).padStart(12, "0")}`;
}

/** The seller's Alipay login, as Alipay sends it in full to the seller. */
export function sandboxSellerEmail(appId: string): string {
  return `seller${appId.slice(-6)}@sandbox.com`;
}

/** The buyer's login, masked as Alipay shows it to merchants (`san***@sandbox.com`). */
export function maskedBuyerLogonId(payerId: string): string {
  return `${payerId.slice(0, 3)}***@sandbox.com`;
}

/** The sandbox's buyer pays the whole amount from the Alipay balance: no coupons, no points. */
export function fundBills(amount: bigint): { fund_channel: string; amount: string }[] {
  return [{ fund_channel: "ALIPAYACCOUNT", amount: minorToDecimal(amount, "CNY") }];
}

/** fund_bill_list as a notification carries it: a JSON string, its keys in camelCase (unlike the answers). */
export function fundBillListParam(amount: bigint): string {
  return JSON.stringify(fundBills(amount).map((bill) => ({ amount: bill.amount, fundChannel: bill.fund_channel })));
}
