// The list's query shapes chosen for speed at size (docs/adr/0013-order-center-scale.md) answer exactly what
// the plain query would: a dealer's stores (one index scan per store, merged), the SKU alone (OrderLine
// only) and the SKU with other filters (the two indexes merge-joined on placedAt and orderNo).
import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { useDemoPaymentEnv } from "@/server/testing/demo-payment-env";
import { DEMO_APP } from "@/server/testing/open-api-client";
import { listOrders, type OrderFilters, type OrderScope } from "./list-orders";

const env = useDemoPaymentEnv();

let counter = 0;
const unique = (prefix: string) => `${prefix}-${Date.now()}-${counter++}`;

async function push(storeId: string, skus: string[], scene = "store") {
  const answer = await env.api("/api/v1/orders", {
    body: {
      sourceOrderNo: unique("SHAPE"),
      type: "standard",
      scene,
      storeId,
      buyer: { id: "U-SHAPES" },
      lines: skus.map((sku) => ({ sku, name: sku, quantity: 1, unitPrice: 100 })),
      payableAmount: 100 * skus.length,
    },
  });
  expect(answer.status).toBe(201);
  return answer.json.orderNo as string;
}

/** Every order of the list, in pages of two. */
async function all(scope: OrderScope, filters: OrderFilters = {}) {
  const seen: string[] = [];
  let cursor: string | null = null;
  do {
    const page = await listOrders(scope, filters, { limit: 2, cursor });
    seen.push(...page.data.map((order) => order.orderNo));
    cursor = page.nextCursor;
  } while (cursor);
  return seen;
}

describe("order list query shapes", () => {
  it("a dealer's stores, the SKU alone and the SKU with other filters page newest first like the plain query", async () => {
    const [a, b, c] = [unique("DA"), unique("DB"), unique("DC")];
    const [sku, other] = [unique("SKU"), unique("SKU")];
    const made = [
      await push(a, [sku]),
      await push(b, [other]),
      await push(c, [sku, sku], "mall"),
      await push(a, [other, sku], "mall"),
      await push(b, [sku]),
      await push(c, [other]),
      await push(a, [sku]),
    ];
    const newest = (indexes: number[]) => indexes.sort((x, y) => y - x).map((i) => made[i]);
    const { merchantId } = await db.app.findUniqueOrThrow({ where: { id: DEMO_APP.id } });

    // a dealer of stores a and b: one index scan per store, merged newest first, across pages
    expect(await all({ merchantId, storeIds: [a, b] })).toEqual(newest([0, 1, 3, 4, 6]));
    expect(await all({ merchantId, storeIds: [b, a] }, { scene: "mall" })).toEqual(newest([3]));
    expect(await all({ merchantId, storeIds: [a, b] }, { storeId: b })).toEqual(newest([1, 4]));
    expect(await all({ merchantId, storeIds: [] })).toEqual([]);
    // the SKU alone (an order with the SKU twice is one row), then with other filters
    expect(await all({ appId: DEMO_APP.id }, { sku })).toEqual(newest([0, 2, 3, 4, 6]));
    expect(await all({ appId: DEMO_APP.id }, { sku, storeId: a })).toEqual(newest([0, 3, 6]));
    expect(await all({ appId: DEMO_APP.id }, { sku, scene: "mall" })).toEqual(newest([2, 3]));
    expect(await all({ merchantId, storeIds: [c, b] }, { sku })).toEqual(newest([2, 4]));
    expect(await all({ merchantId }, { sku: other, storeId: c })).toEqual(newest([5]));
  });

  it("shows each listed order exactly as GET /api/v1/orders/{orderNo} does (lines, payments, timeline, parts)", async () => {
    const store = unique("DV");
    await push(store, ["SOFA", "LAMP", "SOFA"]);
    await push(store, ["CHAIR"], "mall");
    const page = await listOrders({ appId: DEMO_APP.id }, { storeId: store }, { limit: 10 });
    expect(page.data).toHaveLength(2);
    for (const listed of page.data) {
      const single = await env.api(`/api/v1/orders/${listed.orderNo}`);
      expect(JSON.parse(JSON.stringify(listed, (_, value) => (typeof value === "bigint" ? Number(value) : value)))).toEqual(single.json);
      expect(listed.payments).toHaveLength(1);
    }
  });
});
