import { randomBytes } from "node:crypto";
import { sign, stringToSign } from "@/server/domain/open-api-signature";

export type TestApp = { id: string; secret: string };

export type SignedRequest = {
  method?: "GET" | "POST";
  body?: unknown;
  /** Raw body text (overrides body), for malformed input. */
  raw?: string;
  headers?: Record<string, string>;
  /** Overrides of the signing inputs, to forge bad requests. */
  timestamp?: string;
  nonce?: string;
  secret?: string;
};

/** A business system's client: signs exactly as OPEN-API.md says (a reference implementation for the tests). */
export function openApiClient(baseUrl: string, app: TestApp) {
  return async function call(path: string, request: SignedRequest = {}) {
    const method = request.method ?? (request.body !== undefined || request.raw !== undefined ? "POST" : "GET");
    const raw = request.raw ?? (request.body === undefined ? "" : JSON.stringify(request.body));
    const timestamp = request.timestamp ?? String(Math.floor(Date.now() / 1000));
    const nonce = request.nonce ?? randomBytes(12).toString("hex");
    const signature = sign(request.secret ?? app.secret, stringToSign(method, path, timestamp, nonce, raw));
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      body: method === "GET" ? undefined : raw,
      headers: {
        "content-type": "application/json",
        "x-app-id": app.id,
        "x-timestamp": timestamp,
        "x-nonce": nonce,
        "x-signature": signature,
        ...request.headers,
      },
    });
    const text = await response.text();
    let json: any = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = { unparsable: text };
    }
    return { status: response.status, json, headers: response.headers };
  };
}

/** The seeded demo apps with their secrets, fixed through DEMO_APP_ID / DEMO_APP_SECRET. */
export const DEMO_APP: TestApp = { id: "app_TESTDEMO00000001", secret: "sk_test_demo_secret_for_integration_tests_0001" };
export const ACME_APP: TestApp = { id: "app_TESTACME00000002", secret: "sk_test_acme_secret_for_integration_tests_0002" };

export function useFixedDemoApps(): void {
  process.env.DEMO_APP_ID = DEMO_APP.id;
  process.env.DEMO_APP_SECRET = DEMO_APP.secret;
  process.env.DEMO_APP2_ID = ACME_APP.id;
  process.env.DEMO_APP2_SECRET = ACME_APP.secret;
}
