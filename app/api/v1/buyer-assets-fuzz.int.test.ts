import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { seeded } from "@/server/testing/fuzz/random";
import { buyerAssetsCase, type HttpCase } from "@/server/testing/fuzz/requests";
import { ANSWER_WITHIN_MS, runCases, sendCase, Tally } from "@/server/testing/fuzz/send";
import { expectAssetsMatchJournal, issueCoupon } from "@/server/testing/asset-fixtures";
import { useDemoPaymentEnv } from "@/server/testing/demo-payment-env";
import { DEMO_APP } from "@/server/testing/open-api-client";

/**
 * The hostile-input fuzzer (issue #13) on the buyer-asset routes: mangled top-ups, grants and coupons,
 * hostile buyer ids and couponNos. Each answer within 10 s, never 5xx, the envelope on every non-2xx,
 * and nothing written that a 2xx did not report; the buyers' assets still equal their journal.
 */
const env = useDemoPaymentEnv();
const SEED = Number(process.env.FUZZ_SEED ?? 20261203);

describe("hostile input on the buyer-asset routes", () => {
  it("answers every request within 10 s, never 5xx, with the envelope, writing only what it reports", async () => {
    const random = seeded(SEED);
    const known = { couponNos: [(await issueCoupon(env.api, "U1")).couponNo] };
    const [topUps, grants, coupons, payOrders] = await Promise.all([db.walletTopUp.count(), db.pointsGrant.count(), db.coupon.count(), db.payOrder.count()]);
    const reported = { topUps: new Set<string>(), grants: new Set<string>(), coupons: new Set<string>() };
    const tally = new Tally();
    const cases: HttpCase[] = Array.from({ length: 600 }, () => buyerAssetsCase(random, known, DEMO_APP));
    await runCases(cases, 8, async (c) => {
      const outcome = await sendCase(env.harness.url, c);
      if (c.method === "POST" && outcome.status === 201) {
        const answer = JSON.parse(outcome.text ?? "{}");
        if (c.path.endsWith("/wallet/top-ups")) reported.topUps.add(answer.topUpNo);
        else if (c.path.endsWith("/points/grants")) reported.grants.add(answer.grantNo);
        else if (c.path === "/api/v1/coupons") reported.coupons.add(answer.couponNo);
      }
      return outcome;
    }, tally);
    console.log(`[fuzz buyer assets] seed ${SEED}: ${tally.summary()}`);
    expect(tally.failures).toEqual([]);
    expect(tally.serverErrors).toBe(0);
    expect(tally.slowestMs).toBeLessThan(ANSWER_WITHIN_MS);
    expect(tally.statuses.get(400) ?? 0).toBeGreaterThan(100);
    expect(reported.topUps.size + reported.grants.size + reported.coupons.size).toBeGreaterThan(10);
    expect(await db.walletTopUp.count()).toBe(topUps + reported.topUps.size);
    expect(await db.payOrder.count()).toBe(payOrders + reported.topUps.size);
    expect(await db.pointsGrant.count()).toBe(grants + reported.grants.size);
    expect(await db.coupon.count()).toBe(coupons + reported.coupons.size);
    const merchantId = (await db.app.findUniqueOrThrow({ where: { id: DEMO_APP.id } })).merchantId;
    const buyers = await db.buyerAccount.findMany({ where: { merchantId }, select: { buyerId: true } });
    for (const { buyerId } of buyers) await expectAssetsMatchJournal(merchantId, buyerId);
  });
});
