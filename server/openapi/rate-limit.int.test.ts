import { describe, expect, it } from "vitest";
import { db, getPool } from "@/server/db";
import { invalidateApiApp } from "@/server/apps/app-cache";
import { settleTrade } from "@/server/sandbox/trades";
import { useDemoPaymentEnv } from "@/server/testing/demo-payment-env";
import { ACME_APP, DEMO_APP, openApiClient } from "@/server/testing/open-api-client";
import { LEASE_STATEMENT, leasing } from "./rate-limit";
import { sandboxMerchantFor, sandboxPaymentNotification, setFaults } from "@/server/testing/payment-fixtures";

// Per-app rate limits (ADR 0029) through the real HTTP stack and PostgreSQL. The bucket's clock is the
// database's: a test sets the row's time (an hour ahead freezes it: no refill) instead of sleeping. The
// harness serves in this process: one token per statement here (no leases), so each answer is exact.
leasing.ms = 0;

const env = useDemoPaymentEnv(async () => {
  await db.app.update({ where: { id: DEMO_APP.id }, data: { repeatGuardSeconds: 0 } });
});
const api: ReturnType<typeof openApiClient> = (path, request) => env.api(path, request);
const acme = () => openApiClient(env.harness.url, ACME_APP);
const MISSING = "/api/v1/pay-orders/P20261122103000123K7M2Q9XT";

async function setLimit(appId: string, perSecond: number | null, burst: number) {
  await db.app.update({ where: { id: appId }, data: { rateLimitPerSecond: perSecond, rateLimitBurst: burst } });
  invalidateApiApp(appId);
}

/** The app's bucket with `tokens`, its clock `secondsAgo` in the past (negative: in the future, which refills nothing). */
async function setBucket(appId: string, tokens: number, secondsAgo: number) {
  await getPool().query(
    `INSERT INTO "ApiRateBucket" ("appId", tokens, "refilledAt") VALUES ($1, $2, now() - make_interval(secs => $3))
     ON CONFLICT ("appId") DO UPDATE SET tokens = EXCLUDED.tokens, "refilledAt" = EXCLUDED."refilledAt"`,
    [appId, tokens, secondsAgo],
  );
}

describe("an app's bucket", () => {
  it("admits its burst, then answers 429 RATE_LIMITED with Retry-After and the headers; a refill admits again", async () => {
    await setLimit(DEMO_APP.id, 1, 3);
    await setBucket(DEMO_APP.id, 3, -3600);
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await api(MISSING));
    expect(answers.map((a) => a.status)).toEqual([404, 404, 404, 429]);
    expect(answers.map((a) => a.headers.get("x-ratelimit-remaining"))).toEqual(["2", "1", "0", "0"]);
    expect(answers.every((a) => a.headers.get("x-ratelimit-limit") === "3")).toBe(true);
    const refused = answers[3];
    expect(refused.json).toEqual({ error: { code: "RATE_LIMITED", message: expect.any(String) }, requestId: refused.headers.get("x-request-id") });
    expect(refused.headers.get("retry-after")).toBe("1");
    const reset = Number(refused.headers.get("x-ratelimit-reset"));
    expect(reset).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000));
    expect(reset).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000) + 4);

    // two seconds' refill at one a second: two more, not three
    await setBucket(DEMO_APP.id, 0, 2);
    const first = await api(MISSING);
    expect([first.status, first.headers.get("x-ratelimit-remaining")]).toEqual([404, "1"]);
    await setBucket(DEMO_APP.id, 0, -3600);
    expect((await api(MISSING)).status).toBe(429);
  });

  it("is spent only after authentication: a bad signature spends nothing and says nothing of the limit", async () => {
    await setLimit(DEMO_APP.id, 1, 5);
    await setBucket(DEMO_APP.id, 2, -3600);
    for (let i = 0; i < 5; i++) {
      const forged = await api(MISSING, { secret: "sk_test_not_the_secret_of_this_app_000000" });
      expect(forged.status).toBe(401);
      expect(forged.headers.get("x-ratelimit-remaining")).toBeNull();
    }
    const { rows } = await getPool().query(`SELECT tokens FROM "ApiRateBucket" WHERE "appId" = $1`, [DEMO_APP.id]);
    expect(rows[0].tokens).toBe(2);
  });

  it("spends before the Idempotency-Key claim: a refused POST leaves the key unclaimed", async () => {
    await setLimit(DEMO_APP.id, 1, 1);
    await setBucket(DEMO_APP.id, 0, -3600);
    const body = { mchOrderNo: `RL${Date.now()}`, amount: 100, subject: "rate limited" };
    const refused = await api("/api/v1/pay-orders", { body, headers: { "idempotency-key": `rl-${Date.now()}` } });
    expect(refused.status).toBe(429);
    expect(await db.idempotencyKey.count({ where: { appId: DEMO_APP.id } })).toBe(0);
  });

  it("is per app: one app out of tokens leaves another's untouched", async () => {
    await setLimit(DEMO_APP.id, 1, 1);
    await setBucket(DEMO_APP.id, 0, -3600);
    await setLimit(ACME_APP.id, 50, 80);
    expect((await api(MISSING)).status).toBe(429);
    const other = await acme()(MISSING);
    expect(other.status).toBe(404);
    expect([other.headers.get("x-ratelimit-limit"), other.headers.get("x-ratelimit-remaining")]).toEqual(["80", "79"]);
  });

  it("an app the operator left unlimited has no bucket and no headers", async () => {
    await setLimit(ACME_APP.id, null, 200);
    await getPool().query(`DELETE FROM "ApiRateBucket" WHERE "appId" = $1`, [ACME_APP.id]);
    const answer = await acme()(MISSING);
    expect([answer.status, answer.headers.get("x-ratelimit-limit")]).toEqual([404, null]);
    expect(await db.apiRateBucket.count({ where: { appId: ACME_APP.id } })).toBe(0);
  });
});

describe("the statement", () => {
  it("commits asynchronously, and leases several tokens at once, at most the whole ones there", async () => {
    await setBucket(ACME_APP.id, 7.5, -3600);
    const client = await getPool().connect();
    try {
      await client.query("SET synchronous_commit = on"); // the test cluster runs with it off
      await client.query("BEGIN");
      const { rows } = await client.query(LEASE_STATEMENT, [ACME_APP.id, 100, 200, 5]);
      expect(rows).toEqual([{ tokens: 2.5, taken: 5 }]);
      expect((await client.query("SHOW synchronous_commit")).rows[0].synchronous_commit).toBe("off");
      await client.query("COMMIT");
      expect((await client.query(LEASE_STATEMENT, [ACME_APP.id, 100, 200, 5])).rows).toEqual([{ tokens: 0.5, taken: 2 }]);
      expect((await client.query(LEASE_STATEMENT, [ACME_APP.id, 100, 200, 5])).rows).toEqual([]);
      expect((await client.query("SHOW synchronous_commit")).rows[0].synchronous_commit).toBe("on"); // for its own transaction only
    } finally {
      await client.query("RESET synchronous_commit");
      client.release();
    }
  });
});

describe("what is never limited", () => {
  it("channel callbacks of an app out of tokens are all accepted", async () => {
    await setLimit(DEMO_APP.id, 100, 200);
    await setBucket(DEMO_APP.id, 200, 0);
    await setFaults(DEMO_APP.id, "wechatpay", { dropNotifications: true });
    const created = await api("/api/v1/pay-orders", { body: { mchOrderNo: `RLCB${Date.now()}`, amount: 100, subject: "callback", channel: "wechatpay", mode: "native" } });
    expect(created.status).toBe(201);
    const attemptNo = `${created.json.payOrderNo}-1`;
    const merchant = await sandboxMerchantFor(DEMO_APP.id, "wechatpay");
    const trade = await db.sandboxTrade.findFirstOrThrow({ where: { sandboxMerchantId: merchant.id, outTradeNo: attemptNo } });
    await settleTrade(trade.id, "success");
    const notification = await sandboxPaymentNotification(DEMO_APP.id, "wechatpay", attemptNo);

    await setLimit(DEMO_APP.id, 1, 1);
    await setBucket(DEMO_APP.id, 0, -3600);
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => fetch(notification.url, { method: "POST", headers: notification.headers, body: notification.body }).then((r) => r.status)),
    );
    expect(new Set(answers)).toEqual(new Set([204]));
    expect((await db.payOrder.findUniqueOrThrow({ where: { payOrderNo: created.json.payOrderNo } })).status).toBe("PAID");
    expect((await api(MISSING)).status).toBe(429); // while the app's own calls are refused
    await setFaults(DEMO_APP.id, "wechatpay", {});
  });
});
