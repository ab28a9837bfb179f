import { readdirSync } from "node:fs";
import path from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import { beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { createSchema } from "zod-openapi";
import { API_OPERATIONS, buildOpenApiDocument } from "./document";
import { WEBHOOK_EVENT_TYPES } from "./webhooks";

const ROOT = path.resolve(import.meta.dirname, "../../..");
const V1 = path.join(ROOT, "app/api/v1");
/** Route files that are not operations of the Open API: the 404 catch-all, and the document itself. */
const NOT_OPERATIONS = new Set(["app/api/v1/[[...path]]/route.ts", "app/api/v1/openapi.json/route.ts"]);
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === "route.ts" ? [path.relative(ROOT, full).split(path.sep).join("/")] : [];
  });
}

/** "app/api/v1/pay-orders/[payOrderNo]/route.ts" → "/api/v1/pay-orders/{payOrderNo}" */
const openApiPath = (file: string) => path.posix.dirname(file).replace(/^app/, "").replace(/\[(\w+)\]/g, "{$1}");

type Handler = ((...args: never[]) => unknown) & { openApi?: { route: string; body?: z.ZodType } };

async function routeHandlers() {
  const found: { file: string; path: string; method: string; handler: Handler }[] = [];
  for (const file of routeFiles(V1).filter((f) => !NOT_OPERATIONS.has(f))) {
    const module = (await import(path.join(ROOT, file))) as Record<string, unknown>;
    for (const method of METHODS) {
      if (typeof module[method] === "function") found.push({ file, path: openApiPath(file), method: method.toLowerCase(), handler: module[method] as Handler });
    }
  }
  return found;
}

const document = buildOpenApiDocument();
type Operation = { requestBody?: { content: Record<string, { schema: unknown }> }; parameters?: { in?: string; name?: string }[] };
const operationIn = (p: string, method: string) => (document.paths?.[p] as Record<string, Operation> | undefined)?.[method];

describe("the OpenAPI document", () => {
  let handlers: Awaited<ReturnType<typeof routeHandlers>>;
  // importing every route module (and the services behind them) takes a while on a cold cache
  beforeAll(async () => {
    handlers = await routeHandlers();
  }, 120_000);

  it("is a valid OpenAPI 3.1 document", async () => {
    const result = await new Validator().validate(JSON.parse(JSON.stringify(document)));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(document.openapi).toBe("3.1.0");
  });

  it("has an operation for every method of every route file under app/api/v1, and none without one", async () => {
    expect(handlers.length).toBeGreaterThan(30);
    const fromRoutes = handlers.map((h) => `${h.method} ${h.path}`).sort();
    const documented = API_OPERATIONS.map((op) => `${op.method} ${op.path}`).sort();
    expect(documented).toEqual(fromRoutes);
    for (const { path: p, method } of handlers) expect(operationIn(p, method), `${method} ${p}`).toBeDefined();
  });

  it("documents each request body with the very schema the route validates with", async () => {
    for (const { file, path: p, method, handler } of handlers) {
      const op = API_OPERATIONS.find((o) => o.path === p && o.method === method)!;
      const label = `${method.toUpperCase()} ${p} (${file})`;
      expect(handler.openApi, `${label}: not an openApiRoute`).toBeDefined();
      if (op.bodyValidatedBy === "service") {
        // the route takes any JSON and its use case validates with op.body: still one schema, not two
        expect(op.body, label).toBeDefined();
      } else {
        expect(handler.openApi!.body, label).toBe(op.body);
      }
      const documented = operationIn(p, method)!.requestBody?.content["application/json"]?.schema;
      if (!op.body) {
        expect(documented, `${label}: a body the route does not read`).toBeUndefined();
        continue;
      }
      // the document's body is the validator rendered for input, nothing else
      expect(documented, label).toEqual(createSchema(op.body, { io: "input" }).schema);
    }
  });

  it("names every path parameter of every operation, and only those", () => {
    for (const op of API_OPERATIONS) {
      const placeholders = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(Object.keys(op.pathParams ?? {}).sort(), op.path).toEqual(placeholders);
      const params = operationIn(op.path, op.method)!.parameters ?? [];
      expect(params.filter((param) => param.in === "path").map((param) => param.name).sort(), op.path).toEqual(placeholders);
    }
  });

  it("documents query parameters from the route's own query schema where it has one", () => {
    const list = operationIn("/api/v1/orders", "get")!.parameters ?? [];
    expect(list.filter((p) => p.in === "query").map((p) => p.name)).toEqual(expect.arrayContaining(["buyerId", "status", "placedFrom", "limit", "cursor"]));
  });

  it("describes the signature schemes, the idempotency key, the rate-limit headers and 429", () => {
    const schemes = document.components?.securitySchemes ?? {};
    expect(Object.keys(schemes).sort()).toEqual(["HmacSignature", "RsaSignature"]);
    expect(document.components?.parameters?.XSignType).toMatchObject({ name: "X-Sign-Type", schema: { enum: ["HMAC-SHA256", "RSA-SHA256"] } });
    const create = (document.paths?.["/api/v1/pay-orders"] as Record<string, { parameters: { $ref?: string }[]; responses: Record<string, { headers?: Record<string, unknown> }> }>).post;
    expect(create.parameters.map((p) => p.$ref)).toContain("#/components/parameters/IdempotencyKey");
    expect(Object.keys(create.responses)).toEqual(expect.arrayContaining(["200", "201", "400", "401", "403", "409", "422", "429", "502", "503"]));
    expect(Object.keys(create.responses["429"].headers ?? {})).toEqual(expect.arrayContaining(["Retry-After", "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset"]));
    expect(Object.keys(create.responses["201"].headers ?? {})).toEqual(expect.arrayContaining(["X-Request-Id", "X-RateLimit-Remaining"]));
  });

  it("has a webhook with an example for every event type", () => {
    const hooks = document.webhooks ?? {};
    expect(Object.keys(hooks).sort()).toEqual([...WEBHOOK_EVENT_TYPES].sort());
    const paid = (hooks["pay_order.succeeded"] as { post: { requestBody: { content: Record<string, { examples: Record<string, { value: { type: string; data: { payOrderNo?: string } } }> }> } } }).post;
    const example = paid.requestBody.content["application/json"].examples["pay_order.succeeded"].value;
    expect(example.type).toBe("pay_order.succeeded");
    expect(example.data.payOrderNo).toMatch(/^P/);
  });
});
