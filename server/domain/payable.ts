/**
 * Whether an app can take a payment at all: at least one ENABLED channel account with a mode a consumer can pay
 * with (a barcode-only account serves the POS, never the cashier). An app without one would accept orders whose
 * cashier offers nothing, so the Open API refuses them with NO_CHANNEL_ACCOUNT and the console warns.
 */
export const CASHIER_PAYABLE_MODES = ["native", "jsapi", "h5", "app", "pc", "wap", "qr"] as const;

export type PayableAccount = { status: string; modes: readonly string[] };

export function canTakePayments(accounts: readonly PayableAccount[]): boolean {
  return accounts.some((a) => a.status === "ENABLED" && a.modes.some((m) => (CASHIER_PAYABLE_MODES as readonly string[]).includes(m)));
}
