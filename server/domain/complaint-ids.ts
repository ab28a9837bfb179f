import { randomBytes } from "node:crypto";
import { randomBase32 } from "./ids";

/** Our complaint number, same shape as payOrderNo with `C` (CST timestamp to the millisecond + 8 random characters). */
export function newComplaintNo(now = new Date()): string {
  const stamp = new Date(now.getTime() + 8 * 3600_000).toISOString().replace(/[-:TZ.]/g, "").slice(0, 17);
  return `C${stamp}${randomBase32(8)}`;
}

/** The consumer's follow-up link key: 256 random bits (43 base64url characters). */
export function newViewToken(): string {
  return randomBytes(32).toString("base64url");
}
