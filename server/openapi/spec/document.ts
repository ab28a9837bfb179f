import { createHash } from "node:crypto";
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject, type ZodOpenApiResponsesObject } from "zod-openapi";
import { ERROR_CODES, type ErrorCode } from "@/server/errors";
import { financeOperations } from "./finance";
import type { ApiOperation } from "./operation";
import { orderCenterOperations } from "./order-center";
import { paymentCenterOperations } from "./payment-center";
import { errorEnvelopeSchema } from "./responses";
import { tradeCenterOperations } from "./trade-center";
import { webhookPaths } from "./webhooks";

/** Every /api/v1 operation, by center. spec.test.ts checks it against the route files. */
export const API_OPERATIONS: readonly ApiOperation[] = [...paymentCenterOperations, ...orderCenterOperations, ...tradeCenterOperations, ...financeOperations];

/** What any signed request may be refused with, before its use case runs (handler.ts, authenticate.ts, the rate limit). */
const COMMON_ERRORS: ErrorCode[] = [
  "VALIDATION_FAILED",
  "APP_NOT_FOUND",
  "INVALID_SIGNATURE",
  "TIMESTAMP_OUT_OF_WINDOW",
  "NONCE_REUSED",
  "APP_DISABLED",
  "MERCHANT_INACTIVE",
  "PAYLOAD_TOO_LARGE",
  "RATE_LIMITED",
  "INTERNAL_ERROR",
  "SERVICE_UNAVAILABLE",
];
/** Only where a body is read: its media type, and the Idempotency-Key of a POST. */
const BODY_ERRORS: ErrorCode[] = ["UNSUPPORTED_MEDIA_TYPE"];
const POST_ERRORS: ErrorCode[] = ["IDEMPOTENCY_IN_PROGRESS", "IDEMPOTENCY_KEY_REUSED"];

const ERROR_MEANINGS: Partial<Record<ErrorCode, string>> = {
  VALIDATION_FAILED: "malformed JSON, wrong types, out-of-range values; `field` names the field",
  APP_NOT_FOUND: "no app with this X-App-Id",
  INVALID_SIGNATURE: "the signature does not verify",
  TIMESTAMP_OUT_OF_WINDOW: "X-Timestamp more than 300 s off",
  NONCE_REUSED: "X-Nonce seen in the last 10 minutes",
  RATE_LIMITED: "the app's request rate is exceeded; retry after Retry-After seconds",
  NO_CHANNEL_ACCOUNT:
    "the app has no enabled channel account a consumer can pay through (cashier mode), or none at all (channel modes): nothing was written; add or enable one in the console (a new TEST app starts with sandbox WeChat Pay and Alipay accounts)",
  REPEAT_TOO_SOON: "a new attempt less than the app's minimum interval after the previous one; retry after Retry-After seconds",
  IDEMPOTENCY_IN_PROGRESS: "the first request with this Idempotency-Key is still running",
  IDEMPOTENCY_KEY_REUSED: "this Idempotency-Key was used with another body",
  PAYLOAD_TOO_LARGE: "the body exceeds the limit (64 KiB; 1 MiB for imports)",
  UNSUPPORTED_MEDIA_TYPE: "send the body as application/json in UTF-8",
  INTERNAL_ERROR: "a bug: nothing but the request id is shown; safe to retry with the same Idempotency-Key",
  SERVICE_UNAVAILABLE: "the database cannot be reached: nothing was done; retry",
};

const AUTHENTICATION = `
Every request is signed. Send:

| header | value |
|---|---|
| \`X-App-Id\` | the app's id |
| \`X-Timestamp\` | Unix time in seconds (±300 s) |
| \`X-Nonce\` | 16–64 characters of \`[A-Za-z0-9]\`, new for every request |
| \`X-Signature\` | the signature of the string-to-sign |
| \`X-Sign-Type\` | optional: \`HMAC-SHA256\` (default) or \`RSA-SHA256\` |

string-to-sign = \`METHOD\\nPATH_AND_QUERY\\nTIMESTAMP\\nNONCE\\nSHA256_HEX(raw body)\\n\`
(\`PATH_AND_QUERY\` exactly as sent, e.g. \`/api/v1/pay-orders?mchOrderNo=A1\`; an empty body hashes the empty string).

- **HMAC-SHA256** (no \`X-Sign-Type\`, or \`HMAC-SHA256\`): \`X-Signature\` = lowercase hex of HMAC-SHA256(app secret, string-to-sign).
- **RSA-SHA256** (\`X-Sign-Type: RSA-SHA256\`, for an app that registered an RSA public key of 2048 bits or more):
  \`X-Signature\` = base64 of SHA256withRSA(the app's private key, string-to-sign).

A bad signature is 401 \`INVALID_SIGNATURE\` in both schemes. Webhooks are always signed with HMAC-SHA256 and the app secret.

**Idempotency.** Any POST may carry \`Idempotency-Key\` (≤ 255 characters): the first answer is stored for 24 h and
replayed (with \`Idempotent-Replayed: true\`) for the same key and body; another body → 422 \`IDEMPOTENCY_KEY_REUSED\`;
while the first is still running → 409 \`IDEMPOTENCY_IN_PROGRESS\`.

**Rate limits.** Each app has a rate (requests per second, with a burst). Every answer carries \`X-RateLimit-Limit\`,
\`X-RateLimit-Remaining\` and \`X-RateLimit-Reset\`; beyond it, 429 \`RATE_LIMITED\` with \`Retry-After\` (seconds).

**Errors.** Every non-2xx answer is \`{"error":{"code","message","field"},"requestId"}\`; every answer carries
\`X-Request-Id\` (yours, if you sent one). Money is an integer number of minor units (fen); times are ISO 8601.
`.trim();

const header = (description: string, example?: string) => ({ description, schema: { type: "string" as const }, ...(example ? { example } : {}) });

const COMPONENT_HEADERS = {
  "X-Request-Id": header("the request's id: yours if you sent X-Request-Id, else ours; quote it to support"),
  "X-RateLimit-Limit": header("requests the app may make per second (its burst)", "100"),
  "X-RateLimit-Remaining": header("requests left in the current window", "99"),
  "X-RateLimit-Reset": header("seconds until the window is full again", "1"),
  "Retry-After": header("seconds to wait before retrying", "1"),
};

const RESPONSE_HEADERS = {
  "X-Request-Id": { $ref: "#/components/headers/X-Request-Id" },
  "X-RateLimit-Limit": { $ref: "#/components/headers/X-RateLimit-Limit" },
  "X-RateLimit-Remaining": { $ref: "#/components/headers/X-RateLimit-Remaining" },
  "X-RateLimit-Reset": { $ref: "#/components/headers/X-RateLimit-Reset" },
};

const param = (name: string) => ({ $ref: `#/components/parameters/${name}` });

const COMPONENT_PARAMETERS = {
  XAppId: { name: "X-App-Id", in: "header" as const, required: true, description: "the app's id", schema: { type: "string" as const } },
  XTimestamp: { name: "X-Timestamp", in: "header" as const, required: true, description: "Unix time in seconds; refused more than 300 s off", schema: { type: "string" as const, pattern: "^\\d{1,12}$" }, example: "1764930600" },
  XNonce: { name: "X-Nonce", in: "header" as const, required: true, description: "new for every request; refused if seen in the last 10 minutes", schema: { type: "string" as const, pattern: "^[A-Za-z0-9]{16,64}$" }, example: "k3JmX9pQ2rT7vW1zA8bC" },
  XSignType: { name: "X-Sign-Type", in: "header" as const, required: false, description: "the signature scheme; default HMAC-SHA256", schema: { type: "string" as const, enum: ["HMAC-SHA256", "RSA-SHA256"] } },
  XRequestId: { name: "X-Request-Id", in: "header" as const, required: false, description: "your id for this request, echoed in X-Request-Id and in errors", schema: { type: "string" as const, maxLength: 128 } },
  IdempotencyKey: { name: "Idempotency-Key", in: "header" as const, required: false, description: "any POST: the first answer is stored for 24 h and replayed for the same key and body", schema: { type: "string" as const, minLength: 1, maxLength: 255 } },
};

function errorResponses(codes: ErrorCode[]): ZodOpenApiResponsesObject {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of new Set(codes)) {
    const status = ERROR_CODES[code].status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const responses: ZodOpenApiResponsesObject = {};
  for (const [status, list] of [...byStatus].sort(([a], [b]) => a - b)) {
    const retry = list.some((code) => code === "RATE_LIMITED" || code === "REPEAT_TOO_SOON");
    responses[`${status}` as `4${string}`] = {
      description: list.map((code) => `\`${code}\`${ERROR_MEANINGS[code] ? `: ${ERROR_MEANINGS[code]}` : ""}`).join("; "),
      headers: retry ? { ...RESPONSE_HEADERS, "Retry-After": { $ref: "#/components/headers/Retry-After" } } : RESPONSE_HEADERS,
      content: {
        "application/json": {
          schema: errorEnvelopeSchema,
          examples: Object.fromEntries(
            list.map((code) => [code, { value: { error: { code, message: ERROR_MEANINGS[code] ?? code.toLowerCase().replace(/_/g, " ") }, requestId: "req_01JEXAMPLE" } }]),
          ),
        },
      },
    };
  }
  return responses;
}

function operationObject(op: ApiOperation): ZodOpenApiOperationObject {
  const hasBody = op.body !== undefined;
  const codes = [...COMMON_ERRORS, ...(hasBody ? BODY_ERRORS : []), ...(op.method === "post" ? POST_ERRORS : []), ...op.errors];
  const success: ZodOpenApiResponsesObject = {};
  for (const [status, answer] of Object.entries(op.responses)) {
    success[status as `2${string}`] = {
      description: answer.description,
      headers: RESPONSE_HEADERS,
      content: { "application/json": { schema: answer.schema, ...(answer.example !== undefined ? { example: answer.example } : {}) } },
    };
  }
  return {
    operationId: op.operationId,
    tags: [op.tag],
    summary: op.summary,
    description: [op.description, op.testModeOnly ? "Only for apps in TEST mode; LIVE apps get 404 NOT_FOUND." : undefined].filter(Boolean).join("\n\n") || undefined,
    parameters: [
      ...Object.entries(op.pathParams ?? {}).map(([name, description]) => ({ name, in: "path" as const, required: true, description, schema: { type: "string" as const } })),
      param("XAppId"),
      param("XTimestamp"),
      param("XNonce"),
      param("XSignType"),
      param("XRequestId"),
      ...(op.method === "post" ? [param("IdempotencyKey")] : []),
    ],
    ...(op.query ? { requestParams: { query: op.query } } : {}),
    ...(op.body
      ? { requestBody: { required: true, content: { "application/json": { schema: op.body, ...(op.example !== undefined ? { example: op.example } : {}) } } } }
      : {}),
    responses: { ...success, ...errorResponses(codes) },
  };
}

function paths(): ZodOpenApiPathsObject {
  const result: ZodOpenApiPathsObject = {};
  for (const op of API_OPERATIONS) {
    result[op.path] = { ...result[op.path], [op.method]: operationObject(op) };
  }
  return result;
}

/** The OpenAPI 3.1 document of the Open API, rendered from the request validators' own zod schemas. */
export function buildOpenApiDocument() {
  return createDocument(
    {
      openapi: "3.1.0",
      info: {
        title: "PayCenter Open API",
        version: "1.0.0",
        description: `The order center, the payment center and the trade center of PayCenter, for business systems.\n\n${AUTHENTICATION}`,
        license: { name: "Proprietary" },
      },
      servers: [{ url: "/", description: "this PayCenter" }],
      security: [{ HmacSignature: [] }, { RsaSignature: [] }],
      tags: [
        { name: "Order center", description: "订单中心: every business order from every line, its lifecycle, after-sales, splits and shipments." },
        { name: "Payment center", description: "支付中心: pay orders through the channels, refunds, profit sharing." },
        { name: "Trade center", description: "交易中心: one order paid with coupon, points, wallet and a channel; buyers' assets." },
        { name: "Events", description: "The event feed, for systems that pull." },
        { name: "Settlement", description: "Settlement and reconciliation reads for the finance system." },
        { name: "Sandbox", description: "Test mode: make the sandbox channel act as a consumer would." },
        { name: "Webhooks", description: "What PayCenter POSTs to your notify URL." },
      ],
      paths: paths(),
      webhooks: webhookPaths(),
      components: {
        securitySchemes: {
          HmacSignature: {
            type: "apiKey",
            in: "header",
            name: "X-Signature",
            description: "Lowercase hex of HMAC-SHA256(app secret, string-to-sign), with X-App-Id, X-Timestamp and X-Nonce; X-Sign-Type absent or HMAC-SHA256.",
          },
          RsaSignature: {
            type: "apiKey",
            in: "header",
            name: "X-Signature",
            description: "Base64 of SHA256withRSA(the app's private key, string-to-sign), with X-Sign-Type: RSA-SHA256, X-App-Id, X-Timestamp and X-Nonce. The app registers its RSA public key (PEM, 2048+ bits) in the console.",
          },
        },
        parameters: COMPONENT_PARAMETERS,
        headers: COMPONENT_HEADERS,
      },
    },
  );
}

let cached: { json: string; etag: string } | undefined;

/** The document as JSON with its ETag, rendered once per process (it depends on the code only). */
export function openApiDocumentJson(): { json: string; etag: string } {
  if (!cached) {
    const json = JSON.stringify(buildOpenApiDocument());
    cached = { json, etag: `"${createHash("sha256").update(json).digest("base64url").slice(0, 27)}"` };
  }
  return cached;
}
