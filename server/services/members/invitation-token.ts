import { createHash, randomBytes } from "node:crypto";

/** A fresh invitation token (256 bits, URL-safe) — shown once; only its hash is stored. */
export function newInvitationToken(): string {
  return randomBytes(32).toString("base64url");
}

export function hashInvitationToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
