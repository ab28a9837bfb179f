import { randomBytes } from "node:crypto";
import { newPayOrderNo } from "@/server/domain/ids";
import { loadEnv } from "@/server/env";
import { sign, stringToSign } from "@/server/domain/open-api-signature";
import { decryptSecret, secretContext } from "@/server/secrets";
import { findMerchantApp } from "./find-app";

const TIMEOUT_MS = 10_000;
const SNIPPET = 2_000;

/**
 * Proves an app's signature path end to end: signs a harmless Open API request (GET of a pay order
 * that does not exist) with the app's current secret, exactly as a business system would, sends it
 * over HTTP to PUBLIC_BASE_URL, and reports what came back. 404 ORDER_NOT_FOUND = the signature was
 * accepted; 401 = it was not; 403 APP_DISABLED / MERCHANT_INACTIVE = signed fine, but refused.
 */
export async function sendTestRequest(merchantId: string, appId: string) {
  const app = await findMerchantApp(merchantId, appId);
  const secret = decryptSecret(app.secretEnc, secretContext.appSecret(app.id));
  const path = `/api/v1/pay-orders/${newPayOrderNo()}`;
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = randomBytes(16).toString("hex");
  const signature = sign(secret, stringToSign("GET", path, timestamp, nonce, ""));
  const url = `${loadEnv().PUBLIC_BASE_URL}${path}`;
  const started = performance.now();
  try {
    const response = await fetch(url, {
      method: "GET",
      headers: { "x-app-id": app.id, "x-timestamp": timestamp, "x-nonce": nonce, "x-signature": signature },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const text = (await response.text()).slice(0, SNIPPET);
    const latencyMs = Math.round(performance.now() - started);
    let code: string | null = null;
    try {
      code = (JSON.parse(text) as { error?: { code?: string } }).error?.code ?? null;
    } catch {
      // not JSON: shown as text
    }
    return { method: "GET", url, status: response.status, latencyMs, code, body: text, signatureAccepted: response.status !== 401, error: null };
  } catch (error) {
    const latencyMs = Math.round(performance.now() - started);
    return { method: "GET", url, status: null, latencyMs, code: null, body: "", signatureAccepted: false, error: (error as Error).message };
  }
}
