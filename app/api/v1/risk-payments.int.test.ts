import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import type { ClientDevice } from "@/server/domain/user-agent";
import { payCashierTrade } from "@/server/services/cashier/pay-cashier-trade";
import { startCashierPayment } from "@/server/services/cashier/start-cashier-payment";
import { useDemoPaymentEnv } from "@/server/testing/demo-payment-env";
import { DEMO_APP, type openApiClient } from "@/server/testing/open-api-client";
import { activeRiskRule, blacklistEntry, disableRiskRules } from "@/server/testing/risk-fixtures";
import { tradeTestKit } from "@/server/testing/trade-setup";

/**
 * Risk control where money moves (docs/adr/0018): pay-order create (PAY_ORDER), trade start (TRADE) and the consumer
 * cashier (CASHIER), through the Open API and the cashier's services. A block answers RISK_REJECTED and starts nothing.
 */
const env = useDemoPaymentEnv();
const api: ReturnType<typeof openApiClient> = (path, request) => env.api(path, request);
const kit = tradeTestKit(api, DEMO_APP.id);
const DESKTOP: ClientDevice = { kind: "desktop", app: null };

let merchantId = "";
beforeAll(async () => {
  merchantId = (await db.app.findUniqueOrThrow({ where: { id: DEMO_APP.id } })).merchantId;
});
afterEach(disableRiskRules);

let counter = 0;
const unique = (prefix: string) => `${prefix}${Date.now().toString(36)}${process.pid}${counter++}`;
const payOrder = (over: Record<string, unknown> = {}) =>
  api("/api/v1/pay-orders", { body: { mchOrderNo: unique("RP"), amount: 12_800, subject: "Sofa", ...over } });

describe("pay-order create (PAY_ORDER)", () => {
  it("blocks above an amount with RISK_REJECTED and writes no pay order, only the decision; order-center pay orders are the ORDER checkpoint's", async () => {
    const ruleId = await activeRiskRule(merchantId, { name: "支付单笔", checkpoints: ["PAY_ORDER"], condition: { type: "amount_over", amount: 50_000 }, action: "BLOCK" });
    const mchOrderNo = unique("RP");
    const refused = await api("/api/v1/pay-orders", { body: { mchOrderNo, amount: 50_001, subject: "Sofa" } });
    expect(refused.status).toBe(422);
    expect(refused.json.error).toMatchObject({ code: "RISK_REJECTED", ruleId });
    expect(await db.payOrder.count({ where: { mchOrderNo } })).toBe(0);
    expect(await db.riskDecision.findFirstOrThrow({ where: { sourceNo: mchOrderNo } })).toMatchObject({ checkpoint: "PAY_ORDER", action: "BLOCK", payOrderNo: null });
    expect((await payOrder({ amount: 50_000 })).status).toBe(201);
    // an order of the order center opens its pay order under the ORDER checkpoint's rules, not these
    const orderNo = await kit.order(unique("B"), 60_000);
    expect(await db.payOrder.count({ where: { orderNo } })).toBe(1);
  });

  it("counts by the payer's IP and device, and blocks a blacklisted openid", async () => {
    await activeRiskRule(merchantId, { name: "IP 频次", checkpoints: ["PAY_ORDER"], condition: { type: "velocity", dimension: "ip", count: 2, windowMinutes: 5 }, action: "BLOCK" });
    const clientIp = `203.0.113.${(counter * 7) % 250}`;
    expect((await payOrder({ payer: { clientIp } })).status).toBe(201);
    expect((await payOrder({ payer: { clientIp, deviceId: "d1" } })).status).toBe(201);
    expect((await payOrder({ payer: { clientIp } })).json.error?.code).toBe("RISK_REJECTED");
    await disableRiskRules();

    const openid = unique("o_");
    await blacklistEntry(null, { kind: "OPENID", value: openid });
    await activeRiskRule(null, { name: "黑名单", checkpoints: ["PAY_ORDER", "TRADE", "CASHIER"], condition: { type: "blacklisted", kinds: ["OPENID", "DEVICE", "IP"] }, action: "BLOCK" });
    expect((await payOrder({ payer: { openid } })).status).toBe(422);
    expect((await payOrder({ payer: { openid: unique("o_") } })).status).toBe(201);
  });

  it("a bad deviceId is a 400 field error, never a 500", async () => {
    const bad = await payOrder({ payer: { deviceId: "" } });
    expect(bad.status).toBe(400);
    expect(bad.json.error).toMatchObject({ code: "VALIDATION_FAILED" });
    const badClient = await api("/api/v1/orders", {
      body: { sourceOrderNo: unique("X"), type: "standard", scene: "mall", buyer: { id: "u" }, lines: [{ sku: "A", name: "A", quantity: 1, unitPrice: 100 }], payableAmount: 100, client: { ip: "not-an-ip" } },
    });
    expect(badClient.status).toBe(400);
    expect(badClient.json.error.field).toBe("client.ip");
  });
});

describe("trade start (TRADE)", () => {
  it("blocks a trade before anything is frozen; the order keeps its pay order", async () => {
    const buyerId = unique("TB");
    await kit.credit(buyerId, "wallet", 5_000n);
    const orderNo = await kit.order(buyerId, 20_000);
    const ruleId = await activeRiskRule(merchantId, { name: "交易单笔", checkpoints: ["TRADE"], condition: { type: "amount_over", amount: 10_000 }, action: "BLOCK" });
    const refused = await kit.trade(orderNo, { walletAmount: 5_000, channel: "wechatpay", mode: "native" });
    expect(refused.status).toBe(422);
    expect(refused.json.error).toMatchObject({ code: "RISK_REJECTED", ruleId });
    expect(await db.trade.count({ where: { orderNo } })).toBe(0);
    expect(await kit.balances(buyerId)).toMatchObject({ wallet: 5_000n, walletFrozen: 0n });
    expect(await db.payOrder.findFirstOrThrow({ where: { orderNo, purpose: "full" } })).toMatchObject({ status: "PENDING" });
    expect(await db.riskDecision.findFirstOrThrow({ where: { orderNo, checkpoint: "TRADE" } })).toMatchObject({ action: "BLOCK" });
    await disableRiskRules();
    expect((await kit.trade(orderNo, { walletAmount: 5_000, channel: "wechatpay", mode: "native" })).status).toBe(201);
  });

  it("daily amount by buyer counts trades of the buyer's orders", async () => {
    const buyerId = unique("TD");
    await activeRiskRule(merchantId, { name: "日累计", checkpoints: ["TRADE"], condition: { type: "daily_amount_over", dimension: "buyer", amount: 25_000 }, action: "BLOCK" });
    const first = await kit.order(buyerId, 20_000);
    const second = await kit.order(buyerId, 10_000);
    expect((await kit.trade(first, { channel: "wechatpay", mode: "native" })).status).toBe(201);
    expect((await kit.trade(second, { channel: "wechatpay", mode: "native" })).json.error?.code).toBe("RISK_REJECTED");
  });
});

describe("the cashier (CASHIER)", () => {
  it("blocks a blacklisted device or IP before any attempt; another device pays", async () => {
    await activeRiskRule(merchantId, { name: "设备黑名单", checkpoints: ["CASHIER"], condition: { type: "blacklisted", kinds: ["DEVICE", "IP"] }, action: "BLOCK" });
    const deviceId = unique("dev").padEnd(22, "x").slice(0, 22);
    await blacklistEntry(merchantId, { kind: "DEVICE", value: deviceId });
    const payOrderNo = (await payOrder()).json.payOrderNo as string;
    await expect(startCashierPayment({ payOrderNo, channel: "wechatpay", device: DESKTOP, clientIp: "203.0.113.9", deviceId })).rejects.toMatchObject({ code: "RISK_REJECTED" });
    expect(await db.payment.count({ where: { payOrderNo } })).toBe(0);
    expect(await db.riskDecision.findFirstOrThrow({ where: { payOrderNo, checkpoint: "CASHIER" } })).toMatchObject({ action: "BLOCK" });

    await blacklistEntry(merchantId, { kind: "IP", value: "198.51.100.66" });
    await expect(startCashierPayment({ payOrderNo, channel: "wechatpay", device: DESKTOP, clientIp: "198.51.100.66", deviceId: null })).rejects.toMatchObject({ code: "RISK_REJECTED" });

    const started = await startCashierPayment({ payOrderNo, channel: "wechatpay", device: DESKTOP, clientIp: "203.0.113.9", deviceId: "another-device-xxxxxxx" });
    expect(await db.payment.count({ where: { payOrderNo } })).toBe(1);
    expect(started.phase).toBe("payable");
  });

  it("a cashier trade (coupon / points / wallet) is checked at CASHIER with the consumer's client", async () => {
    const buyerId = unique("CB");
    await kit.credit(buyerId, "wallet", 5_000n);
    const orderNo = await kit.order(buyerId, 12_800);
    const payOrderNo = (await db.payOrder.findFirstOrThrow({ where: { orderNo, purpose: "full" } })).payOrderNo;
    await activeRiskRule(merchantId, { name: "设备频次", checkpoints: ["CASHIER"], condition: { type: "velocity", dimension: "device", count: 1, windowMinutes: 10 }, action: "BLOCK" });
    const deviceId = unique("cd");
    const input = (tradeNo: string) => ({ payOrderNo, tradeNo, couponNo: null, points: 0n, walletAmount: 1_000n });
    const tradeNo = () => `cashier-${unique("x").replace(/[^A-Za-z0-9]/g, "").padEnd(24, "x")}`;
    await startCashierPayment({ payOrderNo, channel: "wechatpay", device: DESKTOP, clientIp: null, deviceId }); // 1st with this device
    await expect(payCashierTrade(input(tradeNo()), { ip: null, deviceId })).rejects.toMatchObject({ code: "RISK_REJECTED" });
    expect(await db.trade.count({ where: { orderNo } })).toBe(0);
    expect(await payCashierTrade(input(tradeNo()), { ip: null, deviceId: unique("other") })).toMatchObject({ walletAmount: 1_000n });
  });
});
