import { createHash, randomBytes } from "node:crypto";

/** How long a reset link works. */
export const PASSWORD_RESET_TTL_MS = 30 * 60_000;
/** Requests allowed per e-mail and per IP within RATE_WINDOW_MS (counted whether or not the e-mail has an account). */
export const RESETS_PER_EMAIL = 3;
export const RESETS_PER_IP = 10;
export const RATE_WINDOW_MS = 15 * 60_000;

/** A fresh reset token (256 bits, URL-safe), sent once in the link; only its hash is stored. */
export function newResetToken(): string {
  return randomBytes(32).toString("base64url");
}

export function hashResetToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
