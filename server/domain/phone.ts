/**
 * A mainland mobile number as the order center stores it: 11 digits starting with 1, after stripping
 * spaces, dashes and a leading +86 / 0086 / 86. Null when what is left is not such a number.
 */
export function normalisePhone(raw: string): string | null {
  const digits = raw.replace(/[\s-]/g, "").replace(/^(\+86|0086)/, "");
  const local = digits.length === 13 && digits.startsWith("86") ? digits.slice(2) : digits;
  return /^1\d{10}$/.test(local) ? local : null;
}

/** `138****8000`: what answers, events, pages and exports show of a buyer's phone. */
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : "****";
}
