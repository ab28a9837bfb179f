import { POINTS_CURRENCY } from "./ledger";
import { formatMoney } from "./money";

/**
 * Amounts of the journal are money (minor units of a currency) or points (currency `PTS`, a whole number
 * of points, not money: formatMoney refuses it). Points are shown as a grouped integer with the
 * catalogue's unit ("500 积分", "500 pts"): `pointsLabel` puts the number into that message.
 */
export function isPointsCurrency(currency: string): boolean {
  return currency.trim() === POINTS_CURRENCY;
}

/** 12500n → "12,500" (no float: Intl formats the bigint itself). */
export function formatPoints(points: bigint | number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(typeof points === "bigint" ? points : BigInt(points));
}

/** Money as formatMoney shows it, points through `pointsLabel`. */
export function formatAmount(minor: bigint | number, currency: string, locale: string, pointsLabel: (points: string) => string): string {
  return isPointsCurrency(currency) ? pointsLabel(formatPoints(minor, locale)) : formatMoney(minor, currency.trim(), locale);
}
