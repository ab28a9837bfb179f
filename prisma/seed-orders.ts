import { createOrder } from "../server/services/orders/create-order.ts";
import { runOrderImport } from "../server/services/order-imports/run-order-import.ts";
import { startOrderImport } from "../server/services/order-imports/start-order-import.ts";
import { createOrderSchema } from "../server/domain/order-schema.ts";
import { db } from "../server/db.ts";
import { issueCoupons } from "../server/services/buyers/issue-coupons.ts";
import { grantPoints } from "../server/services/buyers/grant-points.ts";
import { moveAsset } from "../server/services/trades/buyer-assets.ts";

/** The demo store's stores (门店); the demo dealer sees S01's orders only. */
export const DEMO_STORES = ["S01", "S02", "S03"] as const;

const PRODUCTS = [
  { sku: "SOFA-3", name: "三人沙发 3-seat sofa", unitPrice: 399_900 },
  { sku: "LAMP-1", name: "落地灯 Floor lamp", unitPrice: 29_900 },
  { sku: "RUG-2", name: "羊毛地毯 Wool rug", unitPrice: 89_900 },
  { sku: "DESK-1", name: "书桌 Desk", unitPrice: 159_900 },
  { sku: "WARD-C", name: "定制衣柜 Made-to-measure wardrobe", unitPrice: 1_280_000, kind: "custom" },
];

const HISTORY: { status: string; scene: string; type?: "standard" | "custom" | "points"; products: number[]; daysAgo: number }[] = [
  { status: "COMPLETED", scene: "mall", products: [0], daysAgo: 9 },
  { status: "COMPLETED", scene: "miniapp", products: [1, 2], daysAgo: 8 },
  { status: "COMPLETED", scene: "store", products: [3], daysAgo: 8 },
  { status: "CANCELLED", scene: "mall", products: [2], daysAgo: 7 },
  { status: "TO_RECEIVE", scene: "mall", products: [0, 1], daysAgo: 6 },
  { status: "SHIPPED", scene: "dealer", products: [3], daysAgo: 5 },
  { status: "SHIPPED", scene: "miniapp", products: [1], daysAgo: 4 },
  { status: "TO_SHIP", scene: "mall", products: [2, 1], daysAgo: 3 },
  { status: "TO_SHIP", scene: "store", products: [0], daysAgo: 2 },
  { status: "PAID", scene: "mall", products: [3, 1], daysAgo: 1 },
  { status: "PAID", scene: "dealer", products: [2], daysAgo: 1 },
  { status: "TO_MEASURE", scene: "store", type: "custom", products: [4], daysAgo: 3 },
  { status: "IN_PRODUCTION", scene: "store", type: "custom", products: [4], daysAgo: 6 },
  { status: "COMPLETED", scene: "points", type: "points", products: [1], daysAgo: 5 },
];

const BUYERS = [
  { id: "U1001", name: "张三", phone: "13800138000" },
  { id: "U1002", name: "李四", phone: "13900139000" },
  { id: "U1003", name: "王五", phone: "13700137000" },
];

function lines(products: number[]) {
  return products.map((i, n) => ({ ...PRODUCTS[i]!, quantity: n === 0 ? 1 : 2 }));
}

function payable(items: ReturnType<typeof lines>) {
  return items.reduce((sum, line) => sum + line.quantity * line.unitPrice, 0);
}

/**
 * The order center's demo data for an app: two weeks of history from every line (imported, as a
 * business would bring its past orders) and two orders waiting to be paid in the cashier.
 */
export async function seedDemoOrders(app: { id: string; merchantId: string }): Promise<void> {
  const items = HISTORY.map((spec, i) => {
    const orderLines = lines(spec.products);
    const points = spec.type === "points";
    return {
      sourceOrderNo: `DEMO-H${String(i + 1).padStart(3, "0")}`,
      type: spec.type ?? "standard",
      scene: spec.scene,
      storeId: DEMO_STORES[i % DEMO_STORES.length],
      buyer: BUYERS[i % BUYERS.length],
      lines: points ? orderLines.map((line) => ({ ...line, unitPrice: 0 })) : orderLines,
      payableAmount: points ? 0 : payable(orderLines),
      status: spec.status,
      placedAt: new Date(Date.now() - spec.daysAgo * 86_400_000 - i * 3_600_000).toISOString(),
      shippingAddress: { receiver: BUYERS[i % BUYERS.length]!.name, phone: BUYERS[i % BUYERS.length]!.phone, province: "广东省", city: "佛山市", district: "顺德区", detail: "北滘镇 1 号" },
    };
  });
  const started = await startOrderImport(app, items, { source: "seed", fileName: "demo-history.json" });
  await runOrderImport(started.importId);

  for (const [i, products] of [[0, 1], [2]].entries()) {
    const orderLines = lines(products);
    const input = createOrderSchema.parse({
      sourceOrderNo: `DEMO-N${i + 1}`,
      type: "standard",
      scene: "mall",
      storeId: "S01",
      buyer: BUYERS[i],
      lines: orderLines,
      payableAmount: payable(orderLines),
      expireInSeconds: 86_400,
    });
    await createOrder(app, input);
  }
}

/**
 * The trade center's demo: the two buyers of the waiting orders hold points, a wallet and coupons, so
 * the cashier offers them (组合支付). Wallets are credited as a paid top-up posts them (no pay order:
 * demo data), points and coupons through the Open API's services.
 */
export async function seedDemoBuyerAssets(app: { id: string; merchantId: string }): Promise<void> {
  const inMonth = new Date(Date.now() + 30 * 86_400_000).toISOString();
  for (const [i, buyer] of BUYERS.slice(0, 2).entries()) {
    await grantPoints(app, buyer.id, { grantNo: `DEMO-G${i + 1}`, points: 5_000n, reason: "新会员礼 welcome points" }, "seed");
    await db.$transaction((tx) =>
      moveAsset(tx, { merchantId: app.merchantId, appId: app.id, buyerId: buyer.id, asset: "wallet", op: "top_up", amount: 20_000n, dedupeKey: `seed:wallet:${app.id}:${buyer.id}` }),
    );
    await issueCoupons(
      app,
      [
        { couponNo: `DEMO-C${i + 1}A`, buyerId: buyer.id, type: "amount_off", value: 2_000, minSpend: 10_000, expiresAt: inMonth },
        { couponNo: `DEMO-C${i + 1}B`, buyerId: buyer.id, type: "percent_off", value: 5, minSpend: 0, expiresAt: inMonth },
      ],
      "seed",
    );
  }
}
