/**
 * The integration page's signing examples (OPEN-API.md: HMAC-SHA256 over
 * METHOD\nPATH_AND_QUERY\nTIMESTAMP\nNONCE\nSHA256_HEX(body)\n). An integration test runs both
 * against a real server, so what the page shows is known to work. The secret is never in them:
 * they read APP_SECRET from the environment.
 */

const EXAMPLE_ORDER = { mchOrderNo: "M20261122001", amount: 12800, subject: "Sofa deposit", mode: "cashier" };

export function curlExample(appId: string, baseUrl: string, mchOrderNo = EXAMPLE_ORDER.mchOrderNo): string {
  const body = JSON.stringify({ ...EXAMPLE_ORDER, mchOrderNo });
  return `# APP_SECRET: the secret shown once when the app was created or its secret rotated
APP_ID="${appId}"
BASE_URL="${baseUrl}"
PATH_AND_QUERY="/api/v1/pay-orders"
BODY='${body}'
TS=$(date +%s)
NONCE=$(openssl rand -hex 16)
BODY_SHA256=$(printf '%s' "$BODY" | openssl dgst -sha256 -hex | sed 's/^.* //')
SIGNATURE=$(printf 'POST\\n%s\\n%s\\n%s\\n%s\\n' "$PATH_AND_QUERY" "$TS" "$NONCE" "$BODY_SHA256" \\
  | openssl dgst -sha256 -hmac "$APP_SECRET" -hex | sed 's/^.* //')

curl -sS -X POST "$BASE_URL$PATH_AND_QUERY" \\
  -H "Content-Type: application/json" \\
  -H "X-App-Id: $APP_ID" \\
  -H "X-Timestamp: $TS" \\
  -H "X-Nonce: $NONCE" \\
  -H "X-Signature: $SIGNATURE" \\
  -d "$BODY"
`;
}

export function typescriptExample(appId: string, baseUrl: string, mchOrderNo = EXAMPLE_ORDER.mchOrderNo): string {
  return `import { createHash, createHmac, randomBytes } from "node:crypto";

const APP_ID = "${appId}";
const APP_SECRET = process.env.APP_SECRET ?? ""; // shown once when the app was created or its secret rotated
const BASE_URL = "${baseUrl}";

/** Signs and sends one Open API request: HMAC-SHA256 over METHOD, path, timestamp, nonce and the body's SHA-256. */
async function callPayCenter(method: "GET" | "POST", pathAndQuery: string, body?: unknown) {
  const raw = body === undefined ? "" : JSON.stringify(body);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = randomBytes(16).toString("hex");
  const bodySha256 = createHash("sha256").update(raw).digest("hex");
  const stringToSign = \`\${method}\\n\${pathAndQuery}\\n\${timestamp}\\n\${nonce}\\n\${bodySha256}\\n\`;
  const signature = createHmac("sha256", APP_SECRET).update(stringToSign).digest("hex");
  const response = await fetch(BASE_URL + pathAndQuery, {
    method,
    headers: {
      "Content-Type": "application/json",
      "X-App-Id": APP_ID,
      "X-Timestamp": timestamp,
      "X-Nonce": nonce,
      "X-Signature": signature,
    },
    body: method === "GET" ? undefined : raw,
  });
  return { status: response.status, body: await response.json() };
}

const created = await callPayCenter("POST", "/api/v1/pay-orders", ${JSON.stringify({ ...EXAMPLE_ORDER, mchOrderNo })});
console.log(JSON.stringify(created));
`;
}
