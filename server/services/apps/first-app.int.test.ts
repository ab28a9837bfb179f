import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { callerAs } from "@/server/testing/callers";
import { type Harness, startHttpHarness, startTestWorker } from "@/server/testing/http-harness";
import { openApiClient, useFixedDemoApps } from "@/server/testing/open-api-client";
import { seedIfEmpty } from "@/prisma/seed";

// A new merchant's first TEST app takes a payment with no channel setup; an app that cannot take any is refused
// at the Open API with NO_CHANNEL_ACCOUNT (docs/api.md) instead of a cashier with nothing to pay with.

let harness: Harness;
let worker: Awaited<ReturnType<typeof startTestWorker>>;
const settings = { notifyUrl: "", refundReviewThresholdYuan: "", repeatGuardSeconds: 15 };
let seq = 0;
const mchOrderNo = () => `FIRST${Date.now()}${seq++}`;
const order = (mode: string, extra: Record<string, unknown> = {}) => ({ mchOrderNo: mchOrderNo(), amount: 1234, currency: "CNY", subject: "首单", mode, ...extra });

beforeAll(async () => {
  useFixedDemoApps();
  await seedIfEmpty();
  harness = await startHttpHarness();
  worker = await startTestWorker();
});
afterAll(async () => {
  await worker?.stop();
  await harness?.close();
});

async function newMerchantApp(mchNo: string) {
  const merchant = await db.merchant.create({ data: { mchNo, name: `新商户 ${mchNo}`, status: "DRAFT" } });
  const email = `first-${mchNo}@new.example`;
  await db.user.create({ data: { email, name: "First", passwordHash: "x", memberships: { create: { merchantId: merchant.id, role: "OWNER" } } } });
  const owner = await callerAs(email);
  const app = await owner.apps.create({ mchNo, name: "我的第一个应用", mode: "TEST", ...settings });
  return { merchant, owner, app, api: openApiClient(harness.url, { id: app.appId, secret: app.secret }) };
}

describe("a new merchant's first TEST app", () => {
  it("gets sandbox WeChat Pay and Alipay accounts in the same transaction and takes a payment at once", async () => {
    const { merchant, owner, app, api } = await newMerchantApp("M19995001");
    const accounts = await db.channelAccount.findMany({ where: { appId: app.appId }, orderBy: { priority: "desc" } });
    expect(accounts.map((a) => [a.channel, a.status, a.baseUrl])).toEqual([
      ["wechatpay", "ENABLED", null],
      ["alipay", "ENABLED", null],
    ]);
    expect(accounts.every((a) => a.merchantId === merchant.id && a.modes.includes("native") === (a.channel === "wechatpay"))).toBe(true);
    // registered at the built-in sandbox, audited like an account added in the console
    expect(await db.sandboxMerchant.count({ where: { channelAccountId: { in: accounts.map((a) => a.id) } } })).toBe(2);
    expect(await db.auditLog.count({ where: { action: "channel_account.created", targetId: { in: accounts.map((a) => a.id) } } })).toBe(2);
    expect((await owner.apps.get({ mchNo: "M19995001", appId: app.appId })).payable).toBe(true);
    expect((await owner.merchant.apps({ mchNo: "M19995001" })).map((a) => a.payable)).toEqual([true]);

    // cashier mode: the cashier offers both channels
    const cashier = await api("/api/v1/pay-orders", { body: order("cashier") });
    expect(cashier.status).toBe(201);
    // channel mode, paid in the sandbox
    const native = await api("/api/v1/pay-orders", { body: order("native", { channel: "wechatpay" }) });
    expect(native.status).toBe(201);
    expect(native.json.payData).toMatchObject({ type: "qr_code" });
    const paid = await api(`/api/v1/sandbox/pay-orders/${native.json.payOrderNo}/simulate`, { body: { outcome: "success", channel: "wechatpay", mode: "native" } });
    expect(paid.status).toBe(202);
    await expect.poll(async () => (await api(`/api/v1/pay-orders/${native.json.payOrderNo}`)).json.status, { timeout: 15_000 }).toBe("PAID");
  });

  it("a LIVE app starts with no account (its contracts are the merchant's own)", async () => {
    const owner = await callerAs("owner@demo.local");
    const live = await owner.apps.create({ mchNo: "M10000001", name: `LIVE ${Date.now()}`, mode: "LIVE", ...settings });
    expect(await db.channelAccount.count({ where: { appId: live.appId } })).toBe(0);
    expect((await owner.apps.get({ mchNo: "M10000001", appId: live.appId })).payable).toBe(false);
  });
});

describe("an app that cannot take any payment", () => {
  it("is refused at the Open API with 422 NO_CHANNEL_ACCOUNT, cashier and channel modes alike, with nothing written", async () => {
    const { owner, app, api } = await newMerchantApp("M19995002");
    const accounts = await db.channelAccount.findMany({ where: { appId: app.appId } });
    const [wx, ali] = accounts.sort((a, b) => a.channel.localeCompare(b.channel)).reverse();
    await db.channelAccount.updateMany({ where: { appId: app.appId }, data: { status: "DISABLED" } });
    const before = await db.payOrder.count({ where: { appId: app.appId } });

    for (const body of [order("cashier"), order("native", { channel: "wechatpay" }), order("pc")]) {
      const refused = await api("/api/v1/pay-orders", { body });
      expect(refused.status, body.mode).toBe(422);
      expect(refused.json.error).toMatchObject({ code: "NO_CHANNEL_ACCOUNT" });
      expect(refused.json.error.message).toMatch(/channel account/);
    }
    expect(await db.payOrder.count({ where: { appId: app.appId } })).toBe(before);
    expect((await owner.apps.get({ mchNo: "M19995002", appId: app.appId })).payable).toBe(false);
    expect((await owner.merchant.apps({ mchNo: "M19995002" }))[0].payable).toBe(false);

    // a barcode-only account serves the POS, never a consumer in the cashier
    await db.channelAccount.update({ where: { id: wx.id }, data: { status: "ENABLED", modes: ["barcode"] } });
    expect((await api("/api/v1/pay-orders", { body: order("cashier") })).json.error).toMatchObject({ code: "NO_CHANNEL_ACCOUNT" });
    // another mode of an app that has accounts stays a validation error of the mode
    const otherMode = await api("/api/v1/pay-orders", { body: order("native", { channel: "wechatpay" }) });
    expect(otherMode.json.error).toMatchObject({ code: "VALIDATION_FAILED" });

    // one usable account again: orders are taken
    await db.channelAccount.update({ where: { id: ali.id }, data: { status: "ENABLED" } });
    expect((await api("/api/v1/pay-orders", { body: order("cashier") })).status).toBe(201);
    expect((await owner.apps.get({ mchNo: "M19995002", appId: app.appId })).payable).toBe(true);
  });
});
