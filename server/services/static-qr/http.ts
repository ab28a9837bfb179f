import { classifyUserAgent } from "@/server/domain/user-agent";
import type { StaticQrPayerApp } from "@/server/domain/static-qr";
import { loadEnv } from "@/server/env";

/** The /q routes' small HTTP helpers: which app the browser is, the cookies, the client's address. */

export function payerAppOf(headers: Headers): StaticQrPayerApp | null {
  return classifyUserAgent(headers.get("user-agent")).app;
}

/** A cookie of the request by name (no decoding: our values are base64url and dots). */
export function cookieReader(headers: Headers): (name: string) => string | undefined {
  const jar = new Map<string, string>();
  for (const part of (headers.get("cookie") ?? "").split(";")) {
    const at = part.indexOf("=");
    if (at > 0) jar.set(part.slice(0, at).trim(), part.slice(at + 1).trim());
  }
  return (name) => jar.get(name);
}

/** A Set-Cookie for the /q pages: HttpOnly, SameSite=Lax (the channel's redirect back is a top-level GET), Secure over https. */
export function qCookie(name: string, value: string, maxAgeSeconds: number): string {
  const secure = loadEnv().PUBLIC_BASE_URL.startsWith("https:") ? "; Secure" : "";
  return `${name}=${value}; Path=/q; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Lax${secure}`;
}

export function clientIpOf(headers: Headers): string | null {
  return headers.get("x-forwarded-for")?.split(",")[0]?.trim() || headers.get("x-real-ip") || null;
}

/** `/q/<code>` with an optional refusal reason for the page to show. */
export function codePageUrl(code: string, reason?: string): string {
  const url = new URL(`/q/${encodeURIComponent(code)}`, loadEnv().PUBLIC_BASE_URL);
  if (reason) url.searchParams.set("e", reason);
  return url.toString();
}
