import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { signPortalToken } from "@/server/domain/portal-token";
import { useDemoPaymentEnv } from "@/server/testing/demo-payment-env";
import { insertOrder } from "@/server/testing/order-fixtures";
import { ACME_APP, DEMO_APP, openApiClient } from "@/server/testing/open-api-client";
import { createPortalLink } from "@/server/services/portal/create-portal-link";
import { listPortalOrders } from "@/server/services/portal/list-portal-orders";
import { portalKey } from "@/server/services/portal/portal-key";

const env = useDemoPaymentEnv();

const tokenOf = (url: string) => url.slice(url.lastIndexOf("/") + 1);

describe("POST /api/v1/buyers/{buyerId}/portal-links and the buyer's page", () => {
  it("answers a short-lived signed URL that lists the buyer's orders of every app of the merchant, and no one else's", async () => {
    const buyerId = `U-${Date.now()}`;
    const demo = await db.app.findUniqueOrThrow({ where: { id: DEMO_APP.id }, select: { merchantId: true } });
    const secondApp = await db.app.create({ data: { id: `app_PORTAL${Date.now()}`, merchantId: demo.merchantId, name: "小程序", secretEnc: "unused" } });
    const mall = await insertOrder({ appId: DEMO_APP.id, buyerId, status: "PENDING_PAYMENT" });
    const miniapp = await insertOrder({ appId: secondApp.id, buyerId, status: "SHIPPED", scene: "miniapp" });
    await insertOrder({ appId: DEMO_APP.id, buyerId: `${buyerId}-other` });
    await insertOrder({ appId: ACME_APP.id, buyerId });

    const before = Date.now();
    const created = await env.api(`/api/v1/buyers/${buyerId}/portal-links`, { body: {} });
    expect(created.status).toBe(201);
    expect(created.json.buyerId).toBe(buyerId);
    expect(created.json.url).toMatch(new RegExp(`^${env.harness.url}/my-orders/[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$`));
    const expiresAt = new Date(created.json.expiresAt).getTime();
    expect(expiresAt - before).toBeGreaterThan(1790_000);
    expect(expiresAt - before).toBeLessThanOrEqual(1801_000);

    const page = await listPortalOrders(tokenOf(created.json.url));
    expect(page?.orders.map((o) => o.orderNo).sort()).toEqual([mall, miniapp].sort());
    expect(page?.orders.find((o) => o.orderNo === miniapp)?.appName).toBe("小程序");

    // the other merchant's link for the same buyer id shows only that merchant's order
    const acme = await openApiClient(env.harness.url, ACME_APP)(`/api/v1/buyers/${buyerId}/portal-links`, { body: { expiresInSeconds: 300 } });
    expect(acme.status).toBe(201);
    const acmePage = await listPortalOrders(tokenOf(acme.json.url));
    expect(acmePage?.orders).toHaveLength(1);
    expect(acmePage?.orders[0]?.orderNo).not.toBe(mall);
  });

  it("refuses an expired, forged or altered token", async () => {
    const demo = await db.app.findUniqueOrThrow({ where: { id: DEMO_APP.id }, select: { merchantId: true } });
    const expired = createPortalLink(demo.merchantId, "U1001", 300, new Date(Date.now() - 301_000));
    expect(await listPortalOrders(tokenOf(expired.url))).toBeNull();
    const forged = signPortalToken(Buffer.alloc(32, 1), { merchantId: demo.merchantId, buyerId: "U1001", expiresAt: new Date(Date.now() + 600_000) });
    expect(await listPortalOrders(forged)).toBeNull();
    const genuine = tokenOf(createPortalLink(demo.merchantId, "U1001", 300).url);
    expect(await listPortalOrders(genuine)).not.toBeNull();
    const [payload, signature] = genuine.split(".");
    const otherBuyer = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, "base64url").toString()), b: "U2002" })).toString("base64url");
    expect(await listPortalOrders(`${otherBuyer}.${signature}`)).toBeNull();
    expect(await listPortalOrders("garbage")).toBeNull();
    // a token signed with the right key for a merchant that does not exist names nothing
    expect(await listPortalOrders(signPortalToken(portalKey(), { merchantId: "nope", buyerId: "U1001", expiresAt: new Date(Date.now() + 600_000) }))).toBeNull();
  });

  it("validates the request with the documented envelope", async () => {
    for (const body of [{ expiresInSeconds: 10 }, { expiresInSeconds: 86_401 }, { expiresInSeconds: "600" }, { extra: 1 }, []]) {
      const answer = await env.api("/api/v1/buyers/U1001/portal-links", { body });
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.json.error.code).toBe("VALIDATION_FAILED");
    }
    const long = await env.api(`/api/v1/buyers/${"x".repeat(65)}/portal-links`, { body: {} });
    expect(long.status).toBe(400);
    expect(long.json.error).toMatchObject({ code: "VALIDATION_FAILED", field: "buyerId" });
    const unsigned = await env.api("/api/v1/buyers/U1001/portal-links", { body: {}, secret: "wrong" });
    expect(unsigned.status).toBe(401);
  });
});
