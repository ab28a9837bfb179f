import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { seedIfEmpty } from "@/prisma/seed";
import { startHttpHarness, type Harness } from "@/server/testing/http-harness";
import { DEMO_APP, openApiClient, useFixedDemoApps } from "@/server/testing/open-api-client";
import { buyerAssetsResponse, couponResponse, errorEnvelopeSchema, eventPageResponse, orderPageResponse, orderResponse, payOrderResponse } from "./responses";

let harness: Harness;
let call: ReturnType<typeof openApiClient>;

beforeAll(async () => {
  useFixedDemoApps();
  await seedIfEmpty();
  harness = await startHttpHarness();
  call = openApiClient(harness.url, DEMO_APP);
});
afterAll(() => harness?.close());

/** The answer parsed with the document's schema: what it says is what the server sends. */
function conforms(schema: z.ZodType, answer: { status: number; json: unknown }, status: number) {
  expect(answer.status, JSON.stringify(answer.json)).toBe(status);
  const parsed = schema.safeParse(answer.json);
  expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
}

describe("GET /api/v1/openapi.json", () => {
  it("answers the document without a signature, cacheable, and 304 for its ETag", async () => {
    const response = await fetch(`${harness.url}/api/v1/openapi.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(response.headers.get("cache-control")).toContain("max-age=");
    const document = await response.json();
    expect(document.openapi).toBe("3.1.0");
    expect(Object.keys(document.paths)).toContain("/api/v1/pay-orders/{payOrderNo}");
    expect(document.paths["/api/v1/pay-orders"].post.requestBody.content["application/json"].schema.required).toEqual(
      expect.arrayContaining(["mchOrderNo", "amount", "subject"]),
    );

    const etag = response.headers.get("etag")!;
    const again = await fetch(`${harness.url}/api/v1/openapi.json`, { headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
  });

  it("is not shadowed by the catch-all: a neighbour still answers the 404 envelope", async () => {
    const response = await fetch(`${harness.url}/api/v1/openapi.yaml`);
    expect(response.status).toBe(404);
    conforms(errorEnvelopeSchema, { status: 404, json: await response.json() }, 404);
  });
});

describe("the document's response schemas", () => {
  it("describe what the payment center answers", async () => {
    const mchOrderNo = `OAS-${Date.now()}`;
    const created = await call("/api/v1/pay-orders", { body: { mchOrderNo, amount: 1200, subject: "OpenAPI check", metadata: { storeId: "S01" } } });
    conforms(payOrderResponse, created, 201);
    conforms(payOrderResponse, await call(`/api/v1/pay-orders/${created.json.payOrderNo}`), 200);
    conforms(payOrderResponse, await call(`/api/v1/pay-orders?mchOrderNo=${mchOrderNo}`), 200);
    conforms(payOrderResponse, await call(`/api/v1/pay-orders/${created.json.payOrderNo}/close`, { method: "POST" }), 200);
    conforms(errorEnvelopeSchema, await call("/api/v1/pay-orders/P404"), 404);
    conforms(errorEnvelopeSchema, await call("/api/v1/pay-orders", { body: { mchOrderNo, amount: "12" } }), 400);
  });

  it("describe what the order and trade centers answer", async () => {
    const sourceOrderNo = `OAS-O-${Date.now()}`;
    const order = await call("/api/v1/orders", {
      body: {
        sourceOrderNo,
        type: "standard",
        scene: "mall",
        buyer: { id: "OAS-BUYER", name: "张三", phone: "13800138000" },
        lines: [{ sku: "SOFA-3", name: "三人沙发", quantity: 1, unitPrice: 3000 }],
        payableAmount: 3000,
        shippingAddress: { receiver: "张三", phone: "13800138000", province: "广东省", city: "佛山市", district: "顺德区", detail: "1号" },
      },
    });
    conforms(orderResponse, order, 201);
    conforms(orderResponse, await call(`/api/v1/orders/by-source/${sourceOrderNo}`), 200);
    conforms(orderPageResponse, await call("/api/v1/orders?buyerId=OAS-BUYER&limit=5"), 200);
    const expiresAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
    conforms(couponResponse, await call("/api/v1/coupons", { body: { couponNo: `OAS-C-${Date.now()}`, buyerId: "OAS-BUYER", type: "amount_off", value: 500, expiresAt } }), 201);
    conforms(buyerAssetsResponse, await call("/api/v1/buyers/OAS-BUYER/assets"), 200);
    conforms(eventPageResponse, await call("/api/v1/events?limit=5"), 200);
  });
});
