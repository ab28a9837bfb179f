import { beforeAll, describe, expect, it } from "vitest";
import { seedIfEmpty } from "@/prisma/seed";
import { db } from "@/server/db";
import { newComplaintNo, newViewToken } from "@/server/domain/complaint-ids";
import { newRefundNo } from "@/server/domain/ids";
import { callerAs } from "@/server/testing/callers";
import { cst, settledPayment, settledRefund } from "@/server/testing/ledger-fixtures";
import { channelAccountOf, reconDifferenceFixture, reconRunFixture } from "@/server/testing/recon-fixtures";
import { getMerchantHome } from "./get-merchant-home";

const DEMO = "M10000001";
const ACME = "M10000002";
const NOW = cst("2026-10-10 15:30");
let demo: { id: string; appId: string };
let acme: { id: string; appId: string };
let paid: string;

async function merchant(mchNo: string) {
  const app = await db.app.findFirstOrThrow({ where: { merchant: { mchNo } }, orderBy: { createdAt: "asc" } });
  return { id: app.merchantId, appId: app.id };
}

/**
 * The demo store's known data, at 2026-10-10 15:30 (China Standard Time):
 *   today      10:00 WeChat Pay 100.00 paid, refunded 30.00 at 13:00; 11:00 Alipay 50.00 paid; 12:00 WeChat Pay failed
 *   yesterday  09:00 Alipay 80.00 paid; 16:10 WeChat Pay 200.00 paid (after this hour of the day: left out of the comparison)
 *   10-06      WeChat Pay 40.00 paid; 10-03 (8 days ago, outside the trend) Alipay 999.00 paid
 * Attention: 2 refunds awaiting review, 1 failing webhook URL (2 failed deliveries), 1 channel account with open
 * breakers on 2 modes, 1 open reconciliation difference (1 resolved), 1 open complaint (1 answered), 1 pending risk
 * review (1 approved), 1 firing and 1 acknowledged incident (1 resolved). Acme has one of each that must not leak.
 */
beforeAll(async () => {
  await seedIfEmpty();
  demo = await merchant(DEMO);
  acme = await merchant(ACME);
  const a = await settledPayment({ appId: demo.appId, channel: "wechatpay", amount: 10_000, at: cst("2026-10-10 10:00"), outcome: "success" });
  paid = a.payOrderNo;
  await settledRefund(a.payOrderNo, 3_000, cst("2026-10-10 13:00"));
  await settledPayment({ appId: demo.appId, channel: "alipay", amount: 5_000, at: cst("2026-10-10 11:00"), outcome: "success" });
  await settledPayment({ appId: demo.appId, channel: "wechatpay", amount: 7_000, at: cst("2026-10-10 12:00"), outcome: "fail", failureMessage: "余额不足" });
  await settledPayment({ appId: demo.appId, channel: "alipay", amount: 8_000, at: cst("2026-10-09 09:00"), outcome: "success" });
  await settledPayment({ appId: demo.appId, channel: "wechatpay", amount: 20_000, at: cst("2026-10-09 16:10"), outcome: "success" });
  await settledPayment({ appId: demo.appId, channel: "wechatpay", amount: 4_000, at: cst("2026-10-06 20:00"), outcome: "success" });
  await settledPayment({ appId: demo.appId, channel: "alipay", amount: 99_900, at: cst("2026-10-03 20:00"), outcome: "success" });
  await settledPayment({ appId: acme.appId, channel: "wechatpay", amount: 123_400, at: cst("2026-10-10 09:00"), outcome: "success" });

  for (const m of [demo, acme]) {
    const order = m === demo ? paid : (await db.payOrder.findFirstOrThrow({ where: { merchantId: acme.id, status: "PAID" } })).payOrderNo;
    const attemptNo = `${order}-1`;
    for (let i = 0; i < (m === demo ? 2 : 1); i++) {
      await db.refund.create({
        data: { refundNo: newRefundNo(NOW), merchantId: m.id, appId: m.appId, payOrderNo: order, attemptNo, mchRefundNo: `REVIEW-${m.id}-${i}`, amount: 1_000n, currency: "CNY", status: "PENDING_REVIEW", paramsHash: "t" },
      });
    }
    const complaint = (status: "OPEN" | "ANSWERED") =>
      db.complaint.create({
        data: { complaintNo: newComplaintNo(), merchantId: m.id, appId: m.appId, payOrderNo: order, contactPhone: "13800138000", reason: "NOT_RECEIVED", description: "没收到货", status, slaDueAt: new Date(NOW.getTime() + 86_400_000), viewToken: newViewToken() },
      });
    await complaint("OPEN");
    if (m === demo) await complaint("ANSWERED");
    await db.riskReview.create({ data: { orderNo: `RV-${m.id}-1`, merchantId: m.id, appId: m.appId, decisionId: "d1", status: "PENDING" } });
    if (m === demo) await db.riskReview.create({ data: { orderNo: `RV-${m.id}-2`, merchantId: m.id, appId: m.appId, decisionId: "d2", status: "APPROVED" } });
    const rule = await db.alertRule.findFirst({ where: { merchantId: m.id } });
    const ruleId = rule?.id ?? "rule-test";
    for (const status of m === demo ? (["FIRING", "ACKNOWLEDGED", "RESOLVED"] as const) : (["FIRING"] as const)) {
      await db.alertIncident.create({ data: { ruleId, merchantId: m.id, kind: "ERROR_SPIKE", subjectKey: `k-${m.id}-${status}`, subjectLabel: "微信支付", status, summary: "s" } });
    }
    const mchNo = m === demo ? DEMO : ACME;
    const wechat = await channelAccountOf(mchNo, "wechatpay");
    const alipay = await channelAccountOf(mchNo, "alipay");
    await db.channelBreaker.createMany({
      data: [
        { channelAccountId: wechat.id, mode: "native", state: "OPEN", consecutiveFailures: 5, openedAt: NOW },
        { channelAccountId: wechat.id, mode: "h5", state: "OPEN", consecutiveFailures: 5, openedAt: NOW },
        { channelAccountId: alipay.id, mode: "qr", state: "CLOSED" },
      ],
    });
    const run = await reconRunFixture({ channelAccountId: wechat.id, billDate: "2026-10-08" });
    await reconDifferenceFixture(run, { type: "MISSING_CHANNEL" });
    if (m === demo) await reconDifferenceFixture(run, { type: "MISSING_CHANNEL", status: "RESOLVED" });
    const event = await db.event.create({ data: { id: `evt_overview_${m.id}`, merchantId: m.id, appId: m.appId, type: "payment.succeeded", data: {} } });
    const delivery = (url: string, status: "PENDING" | "FAILED" | "SUCCEEDED", attemptCount: number, createdAt = NOW) =>
      db.webhookDelivery.create({ data: { eventId: event.id, merchantId: m.id, appId: m.appId, url, status, attemptCount, createdAt } });
    await delivery("https://shop.example/hooks", "FAILED", 8);
    await delivery("https://shop.example/hooks", "PENDING", 2);
    if (m === demo) {
      await delivery("https://fresh.example/hooks", "PENDING", 0); // not tried yet: not failing
      await delivery("https://ok.example/hooks", "SUCCEEDED", 1);
      await delivery("https://old.example/hooks", "FAILED", 8, new Date(NOW.getTime() - 8 * 86_400_000)); // too long ago
    }
  }
});

describe("the overview (merchant's home)", () => {
  it("compares today with yesterday up to the same hour", async () => {
    const home = await getMerchantHome({ merchantId: demo.id, role: "OWNER", now: NOW });
    expect(home.today).toMatchObject({ volume: 15_000n, payments: 2, refundAmount: 3_000n, refunds: 1, attempts: 3, succeeded: 2 });
    expect(home.today.successRate).toBeCloseTo(2 / 3);
    expect(home.yesterday).toMatchObject({ volume: 8_000n, payments: 1, refundAmount: 0n, refunds: 0, attempts: 1, succeeded: 1, successRate: 1 });
  });

  it("draws 7 days ending today, zeros included", async () => {
    const { trend } = await getMerchantHome({ merchantId: demo.id, role: "OWNER", now: NOW });
    expect(trend.map((p) => p.date)).toEqual(["2026-10-04", "2026-10-05", "2026-10-06", "2026-10-07", "2026-10-08", "2026-10-09", "2026-10-10"]);
    expect(trend.map((p) => Number(p.volume))).toEqual([0, 0, 4_000, 0, 0, 28_000, 15_000]);
    expect(trend.map((p) => p.payments)).toEqual([0, 0, 1, 0, 0, 2, 2]);
    expect(trend.at(-1)?.refundAmount).toBe(3_000n);
  });

  it("lists the latest payments and refunds, the merchant's own only", async () => {
    const { latest } = await getMerchantHome({ merchantId: demo.id, role: "OWNER", now: NOW });
    expect(latest.payments).toHaveLength(5);
    expect(latest.payments.every((p) => p.status !== "CLOSED")).toBe(true);
    expect(latest.payments.map((p) => Number(p.paidAmount))).not.toContain(123_400);
    expect(latest.refunds.map((r) => r.payOrderNo).every((no) => no === paid)).toBe(true);
    expect(latest.refunds.map((r) => r.status).sort()).toEqual(["PENDING_REVIEW", "PENDING_REVIEW", "SUCCEEDED"]);
  });

  it("counts what needs attention, each with the page that handles it", async () => {
    const { attention } = await getMerchantHome({ merchantId: demo.id, role: "OWNER", now: NOW });
    expect(Object.fromEntries(attention.map((a) => [a.key, a.count]))).toEqual({
      refundReviews: 2,
      failingWebhooks: 1,
      trippedBreakers: 1,
      reconDifferences: 1,
      complaints: 1,
      riskReviews: 1,
      incidents: 2,
    });
    expect(attention.find((a) => a.key === "refundReviews")?.href).toBe("/refunds?status=PENDING_REVIEW");
    expect(attention.find((a) => a.key === "incidents")?.href).toBe("/monitoring/incidents");
  });

  it("keeps merchants apart", async () => {
    const home = await getMerchantHome({ merchantId: acme.id, role: "OWNER", now: NOW });
    expect(home.today).toMatchObject({ volume: 123_400n, payments: 1, refunds: 0 });
    expect(home.yesterday.volume).toBe(0n);
    expect(home.trend.reduce((sum, p) => sum + p.volume, 0n)).toBe(123_400n);
    expect(home.latest.payments.map((p) => p.paidAmount)).toEqual([123_400n]);
    expect(Object.fromEntries(home.attention.map((a) => [a.key, a.count]))).toEqual({
      refundReviews: 1,
      failingWebhooks: 1,
      trippedBreakers: 1,
      reconDifferences: 1,
      complaints: 1,
      riskReviews: 1,
      incidents: 1,
    });
  });

  it("shows a role only the items it may act on", async () => {
    const keys = async (role: "DEVELOPER" | "FINANCE" | "VIEWER") => (await getMerchantHome({ merchantId: demo.id, role, now: NOW })).attention.map((a) => a.key);
    expect(await keys("DEVELOPER")).toEqual(["failingWebhooks", "trippedBreakers", "complaints", "incidents"]);
    expect(await keys("FINANCE")).toEqual(["refundReviews", "reconDifferences", "complaints", "riskReviews", "incidents"]);
    expect(await keys("VIEWER")).toEqual([]);
  });

  it("answers through tRPC to members only, for their own merchant", async () => {
    const owner = await callerAs("owner@demo.local");
    const home = await owner.merchant.home({ mchNo: DEMO });
    expect(home.attention).toHaveLength(7);
    const acmeOwner = await callerAs("owner@acme.local");
    await expect(acmeOwner.merchant.home({ mchNo: DEMO })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const dealer = await callerAs("dealer@demo.local");
    await expect(dealer.merchant.home({ mchNo: DEMO })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
