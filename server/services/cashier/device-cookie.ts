import { randomBytes } from "node:crypto";

/**
 * The cashier's device cookie (risk control, docs/adr/0018): a random id the server sets the first time a browser
 * opens a cashier, so the CASHIER checkpoint can count and blacklist one device across orders. HttpOnly, a year,
 * not a secret (it proves nothing; it only tells devices apart).
 */
export const DEVICE_COOKIE = "pc_dev";
const SHAPE = /^[A-Za-z0-9_-]{22}$/;
const YEAR_S = 365 * 24 * 3600;

/** The device id the request's cookie carries, or null (absent or not one of ours). */
export function deviceIdFrom(headers: Headers): string | null {
  const cookie = headers.get("cookie");
  if (!cookie) return null;
  for (const part of cookie.split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === DEVICE_COOKIE) {
      const value = rest.join("=");
      return SHAPE.test(value) ? value : null;
    }
  }
  return null;
}

/** The request's device id; a new one (and its Set-Cookie on `resHeaders`) when it has none. */
export function ensureDeviceId(headers: Headers, resHeaders: Headers | undefined): string {
  const known = deviceIdFrom(headers);
  if (known) return known;
  const id = randomBytes(16).toString("base64url");
  resHeaders?.append("set-cookie", `${DEVICE_COOKIE}=${id}; Path=/; Max-Age=${YEAR_S}; HttpOnly; SameSite=Lax`);
  return id;
}
