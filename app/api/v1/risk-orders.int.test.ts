import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { riskRuleInputSchema } from "@/server/domain/risk-rule-schema";
import { reviewOrder } from "@/server/services/risk/review-order";
import { invalidateAmountStats } from "@/server/services/risk/amount-stats";
import { useDemoPaymentEnv } from "@/server/testing/demo-payment-env";
import { ACME_APP, DEMO_APP, type openApiClient } from "@/server/testing/open-api-client";
import { activeRiskRule, blacklistEntry, disableRiskRules } from "@/server/testing/risk-fixtures";

/**
 * Risk control at order create (checkpoint ORDER, docs/adr/0018) through POST /api/v1/orders: every condition and
 * action, blacklists, counters under concurrency, and the review queue releasing or cancelling an order.
 */
const env = useDemoPaymentEnv();
const api: ReturnType<typeof openApiClient> = (path, request) => env.api(path, request);

let merchantId = "";
let acmeMerchantId = "";
beforeAll(async () => {
  merchantId = (await db.app.findUniqueOrThrow({ where: { id: DEMO_APP.id } })).merchantId;
  acmeMerchantId = (await db.app.findUniqueOrThrow({ where: { id: ACME_APP.id } })).merchantId;
});
afterEach(disableRiskRules);

let counter = 0;
const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${process.pid}-${counter++}`;

type OrderOver = { buyerId?: string; phone?: string; amount?: number; sku?: string; address?: Record<string, string> | null; client?: Record<string, string>; openPayment?: boolean };

function orderBody(over: OrderOver = {}) {
  const amount = over.amount ?? 12_800;
  return {
    sourceOrderNo: unique("RISK"),
    type: "standard",
    scene: "mall",
    buyer: { id: over.buyerId ?? unique("RB"), ...(over.phone ? { phone: over.phone } : {}) },
    lines: [{ sku: over.sku ?? "SOFA", name: "沙发", quantity: 1, unitPrice: amount }],
    payableAmount: amount,
    ...(over.address === null ? {} : { shippingAddress: over.address ?? { receiver: "张三", phone: "13900139000", province: "北京市", city: "北京市", district: "朝阳区", detail: "建国路 88 号 2 单元" } }),
    ...(over.client ? { client: over.client } : {}),
    ...(over.openPayment === undefined ? {} : { openPayment: over.openPayment }),
  };
}
const createOrder = (over: OrderOver = {}) => api("/api/v1/orders", { body: orderBody(over) });

const ORDER = ["ORDER"] as ("ORDER" | "PAY_ORDER" | "TRADE" | "CASHIER")[];

describe("order create with no active rule", () => {
  it("creates the order as before, writes no decision and no counter", async () => {
    await activeRiskRule(merchantId, { name: "草稿", checkpoints: ORDER, condition: { type: "amount_over", amount: 1 }, action: "BLOCK" });
    await disableRiskRules();
    const created = await createOrder();
    expect(created.status).toBe(201);
    expect(created.json.riskReview).toBeNull();
    expect(created.json.payments).toHaveLength(1);
    expect(await db.riskDecision.count({ where: { orderNo: created.json.orderNo } })).toBe(0);
    expect(await db.riskCounter.count({ where: { key: { startsWith: `${merchantId}|ORDER|` } } })).toBe(0);
  });
});

describe("BLOCK at order create", () => {
  it("answers 422 RISK_REJECTED with the rule id, writes no order but the decision (with sourceOrderNo, phone masked)", async () => {
    const ruleId = await activeRiskRule(merchantId, { name: "单笔超限", checkpoints: ORDER, condition: { type: "amount_over", amount: 10_000 }, action: "BLOCK" });
    const body = orderBody({ amount: 10_001, phone: "13800138000" });
    const refused = await api("/api/v1/orders", { body });
    expect(refused.status).toBe(422);
    expect(refused.json.error).toMatchObject({ code: "RISK_REJECTED", ruleId });
    expect(await db.order.count({ where: { sourceOrderNo: body.sourceOrderNo } })).toBe(0);
    const decision = await db.riskDecision.findFirstOrThrow({ where: { sourceNo: body.sourceOrderNo } });
    expect(decision).toMatchObject({ merchantId, appId: DEMO_APP.id, checkpoint: "ORDER", action: "BLOCK", orderNo: null });
    expect(decision.hits).toEqual([expect.objectContaining({ ruleId, action: "BLOCK", condition: "amount_over", observed: "10001", limit: "10000", scope: "merchant" })]);
    expect(decision.facts).toMatchObject({ phone: "138****8000", amount: "10001" });
    expect(JSON.stringify(decision.facts)).not.toContain("13800138000");
    expect(JSON.stringify(decision.facts)).not.toContain("建国路");
    // at the limit: allowed
    expect((await createOrder({ amount: 10_000 })).status).toBe(201);
  });

  it("a platform rule applies to every merchant; another merchant's rule to none but its own", async () => {
    const platform = await activeRiskRule(null, { name: "平台单笔", checkpoints: ORDER, condition: { type: "amount_over", amount: 50_000 }, action: "BLOCK" });
    await activeRiskRule(acmeMerchantId, { name: "别家", checkpoints: ORDER, condition: { type: "amount_over", amount: 100 }, action: "BLOCK" });
    expect((await createOrder({ amount: 20_000 })).status).toBe(201);
    const refused = await createOrder({ amount: 50_001 });
    expect(refused.json.error).toMatchObject({ code: "RISK_REJECTED", ruleId: platform });
    const decision = await db.riskDecision.findFirstOrThrow({ where: { merchantId, action: "BLOCK" }, orderBy: { createdAt: "desc" } });
    expect(decision.hits).toEqual([expect.objectContaining({ scope: "platform" })]);
  });

  it("an ALLOW rule of a lower priority number wins over a BLOCK (an allow-list); the decision keeps both hits", async () => {
    const trusted = unique("VIP");
    await blacklistEntry(merchantId, { kind: "BUYER_ID", value: trusted });
    const allow = await activeRiskRule(merchantId, { name: "白名单", checkpoints: ORDER, condition: { type: "blacklisted", kinds: ["BUYER_ID"] }, action: "ALLOW", priority: 1 });
    await activeRiskRule(merchantId, { name: "单笔", checkpoints: ORDER, condition: { type: "amount_over", amount: 1_000 }, action: "BLOCK", priority: 50 });
    const created = await createOrder({ buyerId: trusted, amount: 5_000 });
    expect(created.status).toBe(201);
    const decision = await db.riskDecision.findFirstOrThrow({ where: { orderNo: created.json.orderNo } });
    expect(decision.action).toBe("ALLOW");
    expect((decision.hits as { ruleId: string }[]).map((h) => h.ruleId)[0]).toBe(allow);
    expect((await createOrder({ amount: 5_000 })).status).toBe(422);
  });
});

describe("conditions", () => {
  it("daily_amount_over by buyer: the day's total with this order, blocked orders not counted", async () => {
    const buyerId = unique("DA");
    await activeRiskRule(merchantId, { name: "日累计金额", checkpoints: ORDER, condition: { type: "daily_amount_over", dimension: "buyer", amount: 30_000 }, action: "BLOCK" });
    expect((await createOrder({ buyerId, amount: 20_000 })).status).toBe(201);
    expect((await createOrder({ buyerId, amount: 15_000 })).status).toBe(422); // 35,000 > 30,000
    expect((await createOrder({ buyerId, amount: 10_000 })).status).toBe(201); // 30,000: the blocked one was taken back
    expect((await createOrder({ buyerId, amount: 1 })).status).toBe(422);
    expect((await createOrder({ amount: 20_000 })).status).toBe(201); // another buyer
  });

  it("daily_count_over by phone (the receiver's phone when the buyer gives none)", async () => {
    const phone = `139${String(Date.now()).slice(-8)}`;
    await activeRiskRule(merchantId, { name: "日笔数", checkpoints: ORDER, condition: { type: "daily_count_over", dimension: "phone", count: 2 }, action: "BLOCK" });
    const address = { receiver: "李四", phone, province: "上海市", city: "上海市", detail: "南京西路 1266 号" };
    expect((await createOrder({ address })).status).toBe(201);
    expect((await createOrder({ phone: `+86 ${phone}` , address: null })).status).toBe(201);
    expect((await createOrder({ address })).json.error?.code).toBe("RISK_REJECTED");
  });

  it("velocity by IP (client.ip), and by device", async () => {
    const ip = `198.51.100.${counter % 250}`;
    await activeRiskRule(merchantId, { name: "IP 频次", checkpoints: ORDER, condition: { type: "velocity", dimension: "ip", count: 2, windowMinutes: 10 }, action: "BLOCK" });
    await activeRiskRule(merchantId, { name: "设备频次", checkpoints: ORDER, condition: { type: "velocity", dimension: "device", count: 1, windowMinutes: 120 }, action: "BLOCK" });
    expect((await createOrder({ client: { ip } })).status).toBe(201);
    expect((await createOrder({ client: { ip: `::ffff:${ip}` } })).status).toBe(201);
    expect((await createOrder({ client: { ip } })).status).toBe(422);
    const deviceId = unique("dev");
    expect((await createOrder({ client: { deviceId } })).status).toBe(201);
    expect((await createOrder({ client: { deviceId } })).status).toBe(422);
    // no IP, no device: those rules cannot apply
    expect((await createOrder({})).status).toBe(201);
  });

  it("duplicate_order: same buyer, same lines and amount within N minutes is held for review; other lines are not", async () => {
    const buyerId = unique("DUP");
    await activeRiskRule(merchantId, { name: "重复下单", checkpoints: ORDER, condition: { type: "duplicate_order", withinMinutes: 10 }, action: "REVIEW" });
    const first = await createOrder({ buyerId, amount: 8_800 });
    expect(first.json.riskReview).toBeNull();
    expect((await createOrder({ buyerId, amount: 8_800, sku: "CHAIR" })).json.riskReview).toBeNull();
    const second = await createOrder({ buyerId, amount: 8_800 });
    expect(second.status).toBe(201);
    expect(second.json.riskReview).toEqual({ status: "PENDING", decidedAt: null });
  });

  it("abnormal_amount: above k × the merchant's p99 of paid pay orders, once there are enough of them", async () => {
    const paid = await db.payOrder.count({ where: { merchantId, status: "PAID" } });
    const stats = await db.$queryRaw<{ p99: bigint | null }[]>`SELECT percentile_disc(0.99) WITHIN GROUP (ORDER BY amount) AS p99 FROM "PayOrder" WHERE "merchantId" = ${merchantId} AND status = 'PAID'`;
    invalidateAmountStats();
    await activeRiskRule(merchantId, { name: "异常金额", checkpoints: ORDER, condition: { type: "abnormal_amount", multiplePercent: 300, minSamples: 10 }, action: "REVIEW" });
    if (paid < 10) {
      // too little history: the rule stays silent
      expect((await createOrder({ amount: 99_999_999 })).json.riskReview).toBeNull();
      await seedPaidPayOrders(12, 10_000n);
      invalidateAmountStats();
    }
    const p99 = paid < 10 ? 10_000n : stats[0]!.p99!;
    expect((await createOrder({ amount: Number(p99 * 3n) })).json.riskReview).toBeNull();
    expect((await createOrder({ amount: Number(p99 * 3n) + 1 })).json.riskReview).toMatchObject({ status: "PENDING" });
  });

  it("address_incomplete and address_orders_over", async () => {
    await activeRiskRule(merchantId, { name: "地址不全", checkpoints: ORDER, condition: { type: "address_incomplete" }, action: "REVIEW" });
    const short = await createOrder({ address: { receiver: "王五", phone: "13700137000", province: "广东省", city: "深圳市", detail: "南山 1" } });
    expect(short.json.riskReview).toMatchObject({ status: "PENDING" });
    expect((await createOrder({ address: null })).json.riskReview).toBeNull(); // no address: nothing to judge
    await disableRiskRules();

    const detail = `科技园 ${unique("路")} 号`;
    await activeRiskRule(merchantId, { name: "同址多单", checkpoints: ORDER, condition: { type: "address_orders_over", count: 2, windowHours: 24 }, action: "BLOCK" });
    const at = (spelling: string) => createOrder({ address: { receiver: "赵六", phone: "13600136000", province: "广东省", city: "深圳市", detail: spelling } });
    expect((await at(detail)).status).toBe(201);
    expect((await at(detail.replace(/ /g, ""))).status).toBe(201); // the same address written without spaces
    expect((await at(` ${detail.toUpperCase()} `)).status).toBe(422);
  });
});

describe("blacklists", () => {
  it("by buyer, phone, IP, device and address keyword; the merchant's own and the platform's; an expired entry no longer hits", async () => {
    const ruleId = await activeRiskRule(merchantId, {
      name: "黑名单",
      checkpoints: ORDER,
      condition: { type: "blacklisted", kinds: ["BUYER_ID", "PHONE", "IP", "DEVICE", "ADDRESS_KEYWORD"] },
      action: "BLOCK",
    });
    const buyerId = unique("BL");
    await blacklistEntry(merchantId, { kind: "BUYER_ID", value: buyerId });
    const blocked = await createOrder({ buyerId });
    expect(blocked.json.error).toMatchObject({ code: "RISK_REJECTED", ruleId });

    const phone = `135${String(Date.now()).slice(-8)}`;
    await blacklistEntry(null, { kind: "PHONE", value: `+86 ${phone.slice(0, 3)}-${phone.slice(3)}` }); // platform, any spelling
    expect((await createOrder({ phone })).status).toBe(422);

    await blacklistEntry(merchantId, { kind: "IP", value: "192.0.2.77" });
    expect((await createOrder({ client: { ip: "192.0.2.77" } })).status).toBe(422);
    expect((await createOrder({ client: { ip: "192.0.2.78" } })).status).toBe(201);

    const deviceId = unique("blk-dev");
    await blacklistEntry(merchantId, { kind: "DEVICE", value: deviceId, expiresAt: new Date(Date.now() - 1000) }); // expired
    expect((await createOrder({ client: { deviceId } })).status).toBe(201);

    await blacklistEntry(null, { kind: "ADDRESS_KEYWORD", value: "诈骗 大厦" });
    const keyword = await createOrder({ address: { receiver: "钱七", phone: "13500135000", province: "浙江省", city: "杭州市", detail: "西湖区诈骗大厦 8 楼" } });
    expect(keyword.status).toBe(422);
    const decision = await db.riskDecision.findFirstOrThrow({ where: { merchantId, action: "BLOCK" }, orderBy: { createdAt: "desc" } });
    expect(decision.hits).toEqual([expect.objectContaining({ observed: "ADDRESS_KEYWORD" })]);

    // another merchant's entry is not this merchant's
    const acmeListed = unique("ACME");
    await blacklistEntry(acmeMerchantId, { kind: "BUYER_ID", value: acmeListed });
    expect((await createOrder({ buyerId: acmeListed })).status).toBe(201);
  });
});

describe("counters under concurrency", () => {
  it("40 parallel orders of one buyer against a velocity limit of 10: exactly 10 are created", async () => {
    const buyerId = unique("RUSH");
    await activeRiskRule(merchantId, { name: "抢购频次", checkpoints: ORDER, condition: { type: "velocity", dimension: "buyer", count: 10, windowMinutes: 60 }, action: "BLOCK" });
    const answers = await Promise.all(Array.from({ length: 40 }, () => createOrder({ buyerId })));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(10);
    expect(statuses.filter((s) => s === 422)).toHaveLength(30);
    expect(await db.order.count({ where: { merchantId, buyerId } })).toBe(10);
    expect(await db.riskDecision.count({ where: { merchantId, action: "BLOCK", facts: { path: ["buyerId"], equals: buyerId } } })).toBe(30);
  });
});

describe("the review queue", () => {
  async function heldOrder(over: OrderOver = {}) {
    const phone = `137${String(Date.now()).slice(-8)}`;
    await blacklistEntry(merchantId, { kind: "PHONE", value: phone });
    await activeRiskRule(merchantId, { name: "黑名单审核", checkpoints: ORDER, condition: { type: "blacklisted", kinds: ["PHONE"] }, action: "REVIEW" });
    const created = await createOrder({ phone, ...over });
    expect(created.status).toBe(201);
    return created.json;
  }

  it("REVIEW holds the order: no pay order, an order.risk_review event, trades refused with ORDER_UNDER_REVIEW; approve opens the pay order", async () => {
    const order = await heldOrder();
    expect(order).toMatchObject({ status: "PENDING_PAYMENT", riskReview: { status: "PENDING", decidedAt: null }, payments: [] });
    const orderNo = order.orderNo as string;
    expect(await db.payOrder.count({ where: { orderNo } })).toBe(0);
    expect(await db.riskReview.findUniqueOrThrow({ where: { orderNo } })).toMatchObject({ status: "PENDING", merchantId, appId: DEMO_APP.id });
    const event = await db.event.findFirstOrThrow({ where: { orderNo, type: "order.risk_review" } });
    expect((event.data as { riskReview: unknown }).riskReview).toEqual({ status: "PENDING", decidedAt: null });
    const decision = await db.riskDecision.findFirstOrThrow({ where: { orderNo } });
    expect(decision.action).toBe("REVIEW");

    const trade = await api(`/api/v1/orders/${orderNo}/trades`, { body: { tradeNo: unique("TN"), deductMode: "lock", channel: "wechatpay", mode: "native" } });
    expect(trade.status).toBe(409);
    expect(trade.json.error.code).toBe("ORDER_UNDER_REVIEW");
    // the payment deadline waits for the review: a timeout sweep does not cancel a held order
    expect((await db.order.findUniqueOrThrow({ where: { orderNo } })).payBy).toBeNull();

    const user = await db.user.findFirstOrThrow();
    const approved = await reviewOrder({ merchantId, orderNo, decision: "APPROVE", note: "电话核实", by: user.id });
    expect(approved).toMatchObject({ orderNo, status: "APPROVED" });
    const released = await api(`/api/v1/orders/${orderNo}`);
    expect(released.json.riskReview).toEqual({ status: "APPROVED", decidedAt: approved.reviewedAt.toISOString() });
    expect(released.json.payments).toEqual([expect.objectContaining({ purpose: "full", amount: order.payableAmount, status: "PENDING" })]);
    expect(await db.event.count({ where: { orderNo, type: "order.risk_approved" } })).toBe(1);
    expect((await db.order.findUniqueOrThrow({ where: { orderNo } })).payBy!.getTime()).toBeGreaterThan(approved.reviewedAt.getTime());
    // the released order pays like any other
    const payOrderNo = released.json.payments[0].payOrderNo;
    await api(`/api/v1/sandbox/pay-orders/${payOrderNo}/simulate`, { body: { outcome: "success", channel: "wechatpay", mode: "native" } });
    await expect.poll(async () => (await db.order.findUniqueOrThrow({ where: { orderNo } })).status, { timeout: 15_000 }).toBe("PAID");

    await expect(reviewOrder({ merchantId, orderNo, decision: "REJECT", by: user.id })).rejects.toMatchObject({ code: "ALREADY_DECIDED" });
  });

  it("reject cancels the order with reason risk_rejected; a second decision is ALREADY_DECIDED; another merchant finds nothing", async () => {
    const order = await heldOrder();
    const orderNo = order.orderNo as string;
    const user = await db.user.findFirstOrThrow();
    await expect(reviewOrder({ merchantId: acmeMerchantId, orderNo, decision: "REJECT", by: user.id })).rejects.toMatchObject({ code: "ORDER_NOT_FOUND" });
    const [a, b] = await Promise.allSettled([
      reviewOrder({ merchantId, orderNo, decision: "REJECT", note: "盗号", by: user.id }),
      reviewOrder({ merchantId, orderNo, decision: "APPROVE", by: user.id }),
    ]);
    const outcomes = [a, b].map((r) => (r.status === "fulfilled" ? r.value.status : (r.reason as { code: string }).code));
    expect(outcomes.filter((o) => o === "ALREADY_DECIDED")).toHaveLength(1);
    const view = (await api(`/api/v1/orders/${orderNo}`)).json;
    const stored = await db.riskReview.findUniqueOrThrow({ where: { orderNo } });
    if (stored.status === "REJECTED") {
      expect(view).toMatchObject({ status: "CANCELLED", cancelReason: "risk_rejected", riskReview: { status: "REJECTED" } });
      expect(await db.event.count({ where: { orderNo, type: "order.cancelled" } })).toBe(1);
      expect(await db.payOrder.count({ where: { orderNo } })).toBe(0);
    } else {
      expect(view).toMatchObject({ status: "PENDING_PAYMENT", riskReview: { status: "APPROVED" } });
    }
    // and the plain reject path, on a second held order
    const other = (await heldOrder()).orderNo as string;
    await reviewOrder({ merchantId, orderNo: other, decision: "REJECT", by: user.id });
    expect((await api(`/api/v1/orders/${other}`)).json).toMatchObject({ status: "CANCELLED", cancelReason: "risk_rejected", riskReview: { status: "REJECTED" } });
    expect(await db.event.count({ where: { orderNo: other, type: "order.cancelled" } })).toBe(1);
  });

  it("an order pushed with openPayment false is held the same way and, approved, still opens no pay order", async () => {
    const order = await heldOrder({ openPayment: false });
    const user = await db.user.findFirstOrThrow();
    await reviewOrder({ merchantId, orderNo: order.orderNo, decision: "APPROVE", by: user.id });
    expect(await db.payOrder.count({ where: { orderNo: order.orderNo } })).toBe(0);
  });
});

describe("rule schema", () => {
  it("REVIEW is refused at a checkpoint where nobody can review, and order-only conditions elsewhere", () => {
    for (const checkpoint of ["PAY_ORDER", "TRADE", "CASHIER"] as const) {
      const parsed = riskRuleInputSchema.safeParse({ name: "x", checkpoints: [checkpoint], condition: { type: "amount_over", amount: 1 }, action: "REVIEW" });
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0]?.path).toEqual(["action"]);
    }
    expect(riskRuleInputSchema.safeParse({ name: "x", checkpoints: ["PAY_ORDER"], condition: { type: "duplicate_order", withinMinutes: 5 }, action: "BLOCK" }).success).toBe(false);
    expect(riskRuleInputSchema.safeParse({ name: "x", checkpoints: ["ORDER"], condition: { type: "amount_over", amount: 1 }, action: "REVIEW" }).success).toBe(true);
  });
});

/** Paid pay orders of the demo merchant (history for abnormal_amount), written as the payment center leaves them. */
async function seedPaidPayOrders(n: number, amount: bigint) {
  const now = new Date();
  for (let i = 0; i < n; i++) {
    await db.payOrder.create({
      data: {
        payOrderNo: `P${unique("hist").replace(/[^A-Za-z0-9]/g, "")}`.slice(0, 32),
        merchantId,
        appId: DEMO_APP.id,
        mchOrderNo: unique("HIST"),
        amount,
        currency: "CNY",
        subject: "history",
        expireInSeconds: 1800,
        expiresAt: now,
        paramsHash: "test",
        status: "PAID",
        paidAt: now,
      },
    });
  }
}
