import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { type OrderFilters, type OrderScope, pageQuery } from "@/server/services/orders/list-orders";
import { useDemoPaymentEnv } from "@/server/testing/demo-payment-env";
import { ACME_APP, DEMO_APP, openApiClient } from "@/server/testing/open-api-client";

const env = useDemoPaymentEnv();
const api: ReturnType<typeof openApiClient> = (path, request) => env.api(path, request);

let counter = 0;
const unique = (prefix: string) => `${prefix}-${Date.now()}-${counter++}`;

function orderBody(overrides: Record<string, unknown> = {}) {
  return {
    sourceOrderNo: unique("MALL"),
    type: "standard",
    scene: "mall",
    storeId: "S01",
    buyer: { id: "U1001", name: "张三", phone: "+86 138 0013 8000" },
    lines: [
      { sku: "SOFA-3", name: "三人沙发", quantity: 1, unitPrice: 399900, kind: "stock" },
      { sku: "PILLOW", name: "抱枕", quantity: 2, unitPrice: 5000 },
    ],
    discountAmount: 20000,
    shippingAmount: 1000,
    payableAmount: 399900 + 10000 - 20000 + 1000,
    metadata: { campaign: "double12" },
    ...overrides,
  };
}

describe("POST /api/v1/orders", () => {
  it("creates the order with a full pay order in cashier mode, the buyer's phone masked", async () => {
    const body = orderBody();
    const created = await api("/api/v1/orders", { body });
    expect(created.status).toBe(201);
    const order = created.json;
    expect(order.orderNo).toMatch(/^O\d{17}[0-9A-Z]{8}$/);
    expect(order).toMatchObject({
      sourceOrderNo: body.sourceOrderNo,
      type: "standard",
      flow: "standard",
      status: "PENDING_PAYMENT",
      buyer: { id: "U1001", name: "张三", phone: "138****8000" },
      payableAmount: 390900,
      paidAmount: 0,
      refundedAmount: 0,
      metadata: { campaign: "double12" },
      childOrderNos: [],
      parentOrderNo: null,
    });
    expect(order.lines.map((l: { amount: number; kind: string }) => [l.amount, l.kind])).toEqual([
      [399900, "stock"],
      [10000, "stock"],
    ]);
    expect(order.timeline).toEqual([expect.objectContaining({ status: "PENDING_PAYMENT", by: "api" })]);
    expect(order.payments).toHaveLength(1);
    expect(order.payments[0]).toMatchObject({ purpose: "full", amount: 390900, status: "PENDING" });
    const payOrder = await db.payOrder.findUniqueOrThrow({ where: { payOrderNo: order.payments[0].payOrderNo } });
    expect(payOrder).toMatchObject({ mchOrderNo: `${order.orderNo}-full`, orderNo: order.orderNo, notifyUrl: null, expireInSeconds: 1800 });
    expect(payOrder.subject).toBe("三人沙发 等2件商品");
    const stored = await db.order.findUniqueOrThrow({ where: { orderNo: order.orderNo } });
    expect(stored.buyerPhone).toBe("13800138000");
    expect(await db.event.count({ where: { orderNo: order.orderNo, type: "order.created" } })).toBe(1);
    // the answer (and order.created) is built from what was written: it is what a read gives
    expect((await api(`/api/v1/orders/${order.orderNo}`)).json).toEqual(order);
    const event = await db.event.findFirstOrThrow({ where: { orderNo: order.orderNo, type: "order.created" } });
    expect(event.data).toEqual(order);
  });

  it("replays the same sourceOrderNo with 200 and refuses other parameters with 409 ORDER_PARAMS_MISMATCH", async () => {
    const body = orderBody();
    const first = await api("/api/v1/orders", { body });
    const again = await api("/api/v1/orders", { body });
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.json.orderNo).toBe(first.json.orderNo);
    // the phone written another way is the same phone
    const samePhone = await api("/api/v1/orders", { body: { ...body, buyer: { ...body.buyer, phone: "13800138000" } } });
    expect(samePhone.status).toBe(200);
    const other = await api("/api/v1/orders", { body: { ...body, shippingAmount: 0, payableAmount: body.payableAmount - 1000 } });
    expect([other.status, other.json.error.code]).toEqual([409, "ORDER_PARAMS_MISMATCH"]);
    expect(await db.payOrder.count({ where: { orderNo: first.json.orderNo } })).toBe(1);
  });

  it("creates one order for 20 concurrent identical pushes", async () => {
    const body = orderBody();
    const answers = await Promise.all(Array.from({ length: 20 }, () => api("/api/v1/orders", { body })));
    expect(answers.map((a) => a.status).sort()).toEqual([...Array(19).fill(200), 201]);
    expect(new Set(answers.map((a) => a.json.orderNo)).size).toBe(1);
    const orderNo = answers[0].json.orderNo;
    expect(await db.order.count({ where: { appId: DEMO_APP.id, sourceOrderNo: body.sourceOrderNo } })).toBe(1);
    expect(await db.payOrder.count({ where: { orderNo } })).toBe(1);
    expect(await db.orderLine.count({ where: { orderNo } })).toBe(2);
    expect(await db.event.count({ where: { orderNo, type: "order.created" } })).toBe(1);
  });

  it("opens a deposit pay order for presale, none for points with nothing to pay (PAID at once) or openPayment false", async () => {
    const presale = await api("/api/v1/orders", {
      body: orderBody({ type: "presale", presale: { depositAmount: 50000, balanceDueAt: new Date(Date.now() + 86_400_000).toISOString() } }),
    });
    expect(presale.status).toBe(201);
    expect(presale.json.payments).toEqual([expect.objectContaining({ purpose: "deposit", amount: 50000 })]);
    expect(presale.json.presale).toMatchObject({ depositAmount: 50000, depositRefundable: false });

    const points = await api("/api/v1/orders", {
      body: orderBody({ type: "points", lines: [{ sku: "CUP", name: "杯子", quantity: 1, unitPrice: 0 }], discountAmount: 0, shippingAmount: 0, payableAmount: 0 }),
    });
    expect(points.status).toBe(201);
    expect(points.json).toMatchObject({ status: "PAID", payments: [] });
    expect(points.json.timeline.map((t: { status: string }) => t.status)).toEqual(["PENDING_PAYMENT", "PAID"]);
    expect((await db.order.findUniqueOrThrow({ where: { orderNo: points.json.orderNo } })).shipBy).not.toBeNull();

    const later = await api("/api/v1/orders", { body: orderBody({ openPayment: false }) });
    expect(later.json).toMatchObject({ status: "PENDING_PAYMENT", payments: [] });

    const custom = await api("/api/v1/orders", { body: orderBody({ type: "custom" }) });
    expect(custom.json).toMatchObject({ flow: "custom_home", payments: [expect.objectContaining({ purpose: "full" })] });
    for (const answer of [presale, points, later, custom]) expect((await api(`/api/v1/orders/${answer.json.orderNo}`)).json).toEqual(answer.json);
  });

  it("refuses a flow the app has not enabled", async () => {
    await db.app.update({ where: { id: DEMO_APP.id }, data: { orderFlows: ["standard"] } });
    try {
      const refused = await api("/api/v1/orders", { body: orderBody({ type: "custom" }) });
      expect([refused.status, refused.json.error.code, refused.json.error.field]).toEqual([400, "VALIDATION_FAILED", "flow"]);
    } finally {
      await db.app.update({ where: { id: DEMO_APP.id }, data: { orderFlows: ["standard", "custom_home"] } });
    }
  });

  it("answers every broken rule with 400 and the field, and writes nothing", async () => {
    const before = await db.order.count();
    const cases: [Record<string, unknown>, string][] = [
      [{ sourceOrderNo: "bad no" }, "sourceOrderNo"],
      [{ sourceOrderNo: "x".repeat(65) }, "sourceOrderNo"],
      [{ type: "gift" }, "type"],
      [{ scene: "Mall" }, "scene"],
      [{ storeId: "S 1" }, "storeId"],
      [{ buyer: { name: "x" } }, "buyer.id"],
      [{ buyer: { id: "U1", phone: "12345" } }, "buyer.phone"],
      [{ buyer: { id: "U1", extra: 1 } }, "buyer"],
      [{ lines: [] }, "lines"],
      [{ lines: Array.from({ length: 101 }, () => ({ sku: "A", name: "a", quantity: 1, unitPrice: 1 })), payableAmount: 101 - 20000 + 1000 }, "lines"],
      [{ lines: [{ sku: "A", name: "a", quantity: 0, unitPrice: 1 }] }, "lines.0.quantity"],
      [{ lines: [{ sku: "A", name: "a", quantity: 10000, unitPrice: 1 }] }, "lines.0.quantity"],
      [{ lines: [{ sku: "A", name: "a", quantity: 1, unitPrice: -1 }] }, "lines.0.unitPrice"],
      [{ lines: [{ sku: "A", name: "a", quantity: 1, unitPrice: 1.5 }] }, "lines.0.unitPrice"],
      [{ lines: [{ sku: "A", name: "a", quantity: 1, unitPrice: 1, kind: "gift" }] }, "lines.0.kind"],
      [{ payableAmount: 1 }, "payableAmount"],
      [{ payableAmount: "390900" }, "payableAmount"],
      [{ discountAmount: -1 }, "discountAmount"],
      [{ lines: [{ sku: "A", name: "a", quantity: 1, unitPrice: 0 }], discountAmount: 0, shippingAmount: 0, payableAmount: 0 }, "payableAmount"],
      [{ presale: { depositAmount: 1, balanceDueAt: new Date(Date.now() + 86_400_000).toISOString() } }, "presale"],
      [{ type: "presale" }, "presale"],
      [{ type: "presale", presale: { depositAmount: 390900, balanceDueAt: new Date(Date.now() + 86_400_000).toISOString() } }, "presale.depositAmount"],
      [{ type: "presale", presale: { depositAmount: 0, balanceDueAt: new Date(Date.now() + 86_400_000).toISOString() } }, "presale.depositAmount"],
      [{ type: "presale", presale: { depositAmount: 100, balanceDueAt: new Date(Date.now() + 10_000).toISOString() } }, "presale.balanceDueAt"],
      [{ flow: "express" }, "flow"],
      [{ expireInSeconds: 59 }, "expireInSeconds"],
      [{ expireInSeconds: 86_401 }, "expireInSeconds"],
      [{ openPayment: "yes" }, "openPayment"],
      [{ notifyUrl: "ftp://x" }, "notifyUrl"],
      [{ metadata: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, "v"])) }, "metadata"],
      [{ metadata: { n: 1 } }, "metadata.n"],
      [{ unknownField: 1 }, ""],
      [{ shippingAddress: { receiver: "张三", phone: "x", province: "广东省", city: "佛山市", detail: "…" } }, "shippingAddress.phone"],
    ];
    for (const [overrides, field] of cases) {
      const answer = await api("/api/v1/orders", { body: orderBody(overrides) });
      expect([answer.status, answer.json.error?.code], JSON.stringify(overrides).slice(0, 80)).toEqual([400, "VALIDATION_FAILED"]);
      if (field) expect(answer.json.error.field, JSON.stringify(overrides).slice(0, 80)).toBe(field);
    }
    for (const raw of ["", "[]", "null", "{", '"x"', "1"]) {
      const answer = await api("/api/v1/orders", { raw });
      expect([answer.status, answer.json.error?.code], raw).toEqual([400, "VALIDATION_FAILED"]);
    }
    expect(await db.order.count()).toBe(before);
  });
});

describe("GET /api/v1/orders", () => {
  it("finds an order by number and by source number; another app's or a malformed number is 404", async () => {
    const created = (await api("/api/v1/orders", { body: orderBody() })).json;
    expect((await api(`/api/v1/orders/${created.orderNo}`)).json.orderNo).toBe(created.orderNo);
    expect((await api(`/api/v1/orders/by-source/${created.sourceOrderNo}`)).json.orderNo).toBe(created.orderNo);
    const acme = openApiClient(env.harness.url, ACME_APP);
    for (const path of [`/api/v1/orders/${created.orderNo}`, `/api/v1/orders/by-source/${created.sourceOrderNo}`]) {
      const answer = await acme(path);
      expect([answer.status, answer.json.error.code]).toEqual([404, "ORDER_NOT_FOUND"]);
    }
    for (const bad of ["nope", "O1", "x".repeat(300), "%E4%B8%AD"]) {
      const answer = await api(`/api/v1/orders/${bad}`);
      expect([answer.status, answer.json.error.code], bad).toEqual([404, "ORDER_NOT_FOUND"]);
      const bySource = await api(`/api/v1/orders/by-source/${bad}`);
      expect([bySource.status, bySource.json.error.code], bad).toEqual([404, "ORDER_NOT_FOUND"]);
    }
  });

  it("lists newest first with every filter and keyset paging", async () => {
    const buyer = unique("B");
    const sku = unique("SKU");
    const store = unique("ST").slice(0, 60);
    const made: string[] = [];
    for (let i = 0; i < 5; i++) {
      const answer = await api("/api/v1/orders", {
        body: orderBody({
          buyer: { id: buyer },
          storeId: i % 2 === 0 ? store : "S02",
          scene: i < 3 ? "miniapp" : "store",
          lines: [
            { sku, name: "x", quantity: 1, unitPrice: 100 },
            { sku, name: "y", quantity: 1, unitPrice: 100 },
          ],
          discountAmount: 0,
          shippingAmount: 0,
          payableAmount: 200,
        }),
      });
      made.push(answer.json.orderNo);
    }
    const newestFirst = [...made].reverse();
    const byBuyer = await api(`/api/v1/orders?buyerId=${buyer}`);
    expect(byBuyer.json.data.map((o: { orderNo: string }) => o.orderNo)).toEqual(newestFirst);
    expect(byBuyer.json).toMatchObject({ hasMore: false, nextCursor: null });

    // pages of two, by SKU (two lines of the SKU per order: still one row each)
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { json: { data: { orderNo: string }[]; nextCursor: string | null } } = await api(`/api/v1/orders?sku=${sku}&limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      seen.push(...page.json.data.map((o) => o.orderNo));
      cursor = page.json.nextCursor;
    } while (cursor);
    expect(seen).toEqual(newestFirst);

    const names = (path: string) => api(path).then((a) => a.json.data.map((o: { orderNo: string }) => o.orderNo));
    expect(await names(`/api/v1/orders?buyerId=${buyer}&storeId=${store}`)).toEqual([made[4], made[2], made[0]]);
    expect(await names(`/api/v1/orders?sku=${sku}&scene=store`)).toEqual([made[4], made[3]]);
    expect(await names(`/api/v1/orders?buyerId=${buyer}&type=standard&status=PENDING_PAYMENT`)).toEqual(newestFirst);
    expect(await names(`/api/v1/orders?buyerId=${buyer}&status=PAID`)).toEqual([]);
    expect(await names(`/api/v1/orders?buyerId=${buyer}&type=presale`)).toEqual([]);
    const third = await db.order.findUniqueOrThrow({ where: { orderNo: made[2] } });
    expect(await names(`/api/v1/orders?buyerId=${buyer}&placedTo=${third.placedAt.toISOString()}`)).toEqual([made[2], made[1], made[0]]);
    expect(await names(`/api/v1/orders?sku=${sku}&placedFrom=${third.placedAt.toISOString()}`)).toEqual([made[4], made[3], made[2]]);
    // another app sees none of them
    expect((await openApiClient(env.harness.url, ACME_APP)(`/api/v1/orders?buyerId=${buyer}`)).json.data).toEqual([]);
  });

  it("refuses unknown filters, repeated names, bad values and foreign cursors with 400", async () => {
    for (const query of ["color=red", "limit=0", "limit=101", "limit=abc", "status=LOST", "type=gift", "placedFrom=yesterday", "cursor=abc", "buyerId=a&buyerId=b", "scene=Mall"]) {
      const answer = await api(`/api/v1/orders?${query}`);
      expect([answer.status, answer.json.error?.code], query).toEqual([400, "VALIDATION_FAILED"]);
    }
    expect((await api("/api/v1/orders")).status).toBe(200);
  });
});

describe("the list's indexes", () => {
  it("answers each filter from its own index (EXPLAIN over 20,000 orders)", async () => {
    const app = await db.app.findUniqueOrThrow({ where: { id: ACME_APP.id } });
    await db.$executeRaw`
      INSERT INTO "Order" ("orderNo", "merchantId", "appId", "sourceOrderNo", type, scene, "storeId", flow, status, "buyerId", "payableAmount", "paramsHash", "placedAt", "updatedAt")
      SELECT 'O20260101000000000' || lpad(i::text, 8, '0'), ${app.merchantId}, ${app.id}, 'EXPLAIN-' || i,
             (ARRAY['standard', 'presale', 'custom', 'points'])[1 + i % 4]::"OrderType", 'scene' || (i % 20), 'ST' || (i % 50), 'standard',
             (ARRAY['PAID', 'PENDING_PAYMENT', 'SHIPPED', 'COMPLETED', 'CANCELLED'])[1 + i % 5]::"OrderStatus", 'B' || (i % 1000), 100, 'h',
             now() - i * interval '1 minute', now()
      FROM generate_series(1, 20000) i`;
    await db.$executeRaw`
      INSERT INTO "OrderLine" (id, "orderNo", "lineNo", "merchantId", "appId", "placedAt", sku, name, quantity, "unitPrice", amount)
      SELECT gen_random_uuid(), o."orderNo", 0, o."merchantId", o."appId", o."placedAt", 'SKU' || (row_number() OVER () % 500), 'x', 1, 100, 100
      FROM "Order" o WHERE o."appId" = ${app.id} AND o."sourceOrderNo" LIKE 'EXPLAIN-%'`;
    await db.$executeRawUnsafe(`ANALYZE "Order"`);
    await db.$executeRawUnsafe(`ANALYZE "OrderLine"`);

    const appScope: OrderScope = { appId: app.id };
    const cursor = { placedAt: new Date(Date.now() - 3600_000), orderNo: "O2026010100000000000005000" };
    const cases: [OrderScope, OrderFilters, string][] = [
      [appScope, {}, "Order_appId_placedAt_orderNo_idx"],
      [appScope, { buyerId: "B7" }, "Order_appId_buyerId_placedAt_orderNo_idx"],
      [appScope, { storeId: "ST7" }, "Order_appId_storeId_placedAt_orderNo_idx"],
      [appScope, { scene: "scene7" }, "Order_appId_scene_placedAt_orderNo_idx"],
      [appScope, { type: "presale" }, "Order_appId_type_placedAt_orderNo_idx"],
      [appScope, { status: "SHIPPED" }, "Order_appId_status_placedAt_orderNo_idx"],
      [appScope, { sku: "SKU7" }, "OrderLine_appId_sku_placedAt_orderNo_idx"],
      [appScope, { placedFrom: new Date(Date.now() - 86_400_000), placedTo: new Date() }, "Order_appId_placedAt_orderNo_idx"],
      [{ merchantId: app.merchantId }, {}, "Order_merchantId_placedAt_orderNo_idx"],
      // a dealer's stores: one index scan per store, then a sort of at most stores × (limit + 1) rows
      [{ merchantId: app.merchantId, storeIds: ["ST7", "ST8"] }, {}, "Order_merchantId_storeId_placedAt_orderNo_idx"],
      [{ merchantId: app.merchantId }, { sku: "SKU7" }, "OrderLine_merchantId_sku_placedAt_orderNo_idx"],
    ];
    for (const [scope, filters, index] of cases) {
      for (const after of [null, cursor]) {
        const query = pageQuery(scope, filters, after, 20);
        const plan = await db.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN ${query.text}`, ...query.values);
        const text = plan.map((row) => row["QUERY PLAN"]).join("\n");
        expect(text, `${JSON.stringify(filters)}\n${text}`).toContain(index);
        expect(text, `${JSON.stringify(filters)}\n${text}`).not.toMatch("storeIds" in scope ? /Seq Scan/ : /Seq Scan|Sort\b/);
      }
    }
  });
});
