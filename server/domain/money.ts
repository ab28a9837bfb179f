/**
 * Money is an integer number of minor units (fen for CNY) with an ISO 4217 currency.
 * Never a float: conversion to and from decimal strings (Alipay's yuan) is done on digits.
 */
export type Currency = "CNY" | "USD" | "HKD" | "EUR" | "JPY";

/** Number of minor-unit digits per currency (ISO 4217 exponent). */
const EXPONENT: Record<Currency, number> = { CNY: 2, USD: 2, HKD: 2, EUR: 2, JPY: 0 };

export const SUPPORTED_CURRENCIES = Object.keys(EXPONENT) as Currency[];

export function isCurrency(value: string): value is Currency {
  return value in EXPONENT;
}

/** A currency code as stored or received, checked: an unknown code is an error, never silently CNY. */
export function parseCurrency(value: string): Currency {
  const code = value.trim();
  if (!isCurrency(code)) throw new RangeError(`unsupported currency ${JSON.stringify(value)}`);
  return code;
}

export function currencyExponent(currency: Currency): number {
  return EXPONENT[currency];
}

/** Largest amount the Open API accepts: 1,000,000,000.00 yuan. */
export const MAX_AMOUNT_MINOR = 100_000_000_000n;

/** "128.00" → 12800n. Accepts up to the currency's number of decimals; anything else throws. */
export function decimalToMinor(decimal: string, currency: Currency = "CNY"): bigint {
  const exp = EXPONENT[currency];
  const match = /^(-)?(\d+)(?:\.(\d+))?$/.exec(decimal.trim());
  if (!match) throw new RangeError(`not a decimal amount: ${JSON.stringify(decimal)}`);
  const [, sign, whole, frac = ""] = match;
  if (frac.length > exp) throw new RangeError(`${decimal} has more than ${exp} decimals`);
  const minor = BigInt(whole + frac.padEnd(exp, "0"));
  return sign ? -minor : minor;
}

/** 12800n → "128.00" (no grouping, no symbol: the wire format channels expect). */
export function minorToDecimal(minor: bigint | number, currency: Currency = "CNY"): string {
  const exp = EXPONENT[currency];
  const value = BigInt(minor);
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(exp + 1, "0");
  const whole = digits.slice(0, digits.length - exp);
  const frac = digits.slice(digits.length - exp);
  return `${negative ? "-" : ""}${whole}${exp ? `.${frac}` : ""}`;
}

/**
 * Locale formatting for people: formatMoney(12800n, "CNY", "zh-CN") → "¥128.00".
 * Uses Intl's string-decimal support so no float ever carries the amount.
 */
export function formatMoney(minor: bigint | number, currency: Currency | string, locale: string): string {
  const cur = parseCurrency(currency);
  const decimal = minorToDecimal(minor, cur);
  const format = new Intl.NumberFormat(locale, {
    style: "currency",
    currency: cur,
    minimumFractionDigits: EXPONENT[cur],
    maximumFractionDigits: EXPONENT[cur],
  });
  // Intl.NumberFormat accepts decimal strings exactly (ES2023 "Intl.NumberFormat v3").
  return format.format(decimal as unknown as number);
}

/** Fee in minor units for a rate in basis points, rounded half up (channels round to the fen). */
export function feeForRate(amount: bigint, rateBps: number): bigint {
  if (!Number.isInteger(rateBps) || rateBps < 0) throw new RangeError(`bad fee rate ${rateBps}`);
  return (amount * BigInt(rateBps) + 5_000n) / 10_000n;
}
