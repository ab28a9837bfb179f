import { randomBase32 } from "@/server/domain/ids";
import type { StaticQrPayerApp } from "@/server/domain/static-qr";
import { decryptSecret, encryptSecret } from "@/server/secrets";

/**
 * The two cookies of the consumer's OAuth round trip (docs/adr/0025), both sealed (AES-GCM, the
 * deployment's key) so the browser can neither read nor forge them:
 * - the state cookie: the random `state` sent to the channel, bound to the code and the app the
 *   payer is in; the callback must bring back the same state in the same browser (CSRF);
 * - the payer cookie: the openid / buyer id the channel told us, bound to our app (the seal's context)
 *   and to the channel app it is valid at. An openid is never taken from a query string.
 */

export const STATE_TTL_MS = 10 * 60_000;
export const PAYER_TTL_MS = 2 * 3_600_000;

export type OAuthState = { code: string; app: StaticQrPayerApp; state: string; expiresAt: number };
export type PayerSession = {
  appId: string;
  app: StaticQrPayerApp;
  channelAccountId: string;
  /** The channel app the openid belongs to (WeChat appid, Alipay app_id). */
  channelAppId: string;
  openid: string;
  expiresAt: number;
};

const STATE_CONTEXT = "staticQr.oauthState";
const payerContext = (appId: string) => `staticQr.payer:${appId}`;

/** Cookie names: the payer's per app, so codes of two apps do not overwrite each other's payer. */
export const STATE_COOKIE = "pc_qr_state";
export const payerCookieName = (appId: string) => `pc_qr_payer_${appId.replace(/[^A-Za-z0-9_]/g, "")}`;

export function newOAuthState(code: string, app: StaticQrPayerApp, now = Date.now()): { state: string; cookie: string } {
  const value: OAuthState = { code, app, state: randomBase32(24), expiresAt: now + STATE_TTL_MS };
  return { state: value.state, cookie: encryptSecret(JSON.stringify(value), STATE_CONTEXT) };
}

function openSealed<T>(sealed: string | undefined, context: string): T | null {
  if (!sealed || sealed.length > 4096) return null;
  try {
    return JSON.parse(decryptSecret(sealed, context)) as T;
  } catch {
    return null;
  }
}

/** The state cookie, if it is ours, for this code, unexpired, and `state` is the one it holds. */
export function checkOAuthState(cookie: string | undefined, code: string, state: string | null, now = Date.now()): OAuthState | null {
  const opened = openSealed<OAuthState>(cookie, STATE_CONTEXT);
  if (!opened || opened.code !== code || !state || opened.state !== state || opened.expiresAt < now) return null;
  return opened;
}

export function sealPayerSession(session: Omit<PayerSession, "expiresAt">, now = Date.now()): string {
  return encryptSecret(JSON.stringify({ ...session, expiresAt: now + PAYER_TTL_MS }), payerContext(session.appId));
}

/** The payer cookie for this app, if it is ours, unexpired, and from the app the payer is in now. */
export function openPayerSession(cookie: string | undefined, appId: string, app: StaticQrPayerApp, now = Date.now()): PayerSession | null {
  const opened = openSealed<PayerSession>(cookie, payerContext(appId));
  if (!opened || opened.appId !== appId || opened.app !== app || opened.expiresAt < now) return null;
  return opened;
}
