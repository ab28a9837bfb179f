import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { decryptSecret, secretContext } from "@/server/secrets";
import { DEMO_USERS, seedIfEmpty } from "./seed";

describe("demo seed", () => {
  it("uses DEMO_APP_ID / DEMO_APP_SECRET, seals the secrets, and seeds only once", async () => {
    process.env.DEMO_APP_ID = "app_DEMOFIXED000001";
    process.env.DEMO_APP_SECRET = "sk_test_fixed_secret_for_scripts_0123456789";
    try {
      expect(await seedIfEmpty({ orders: true })).toBe(true);
      expect(await seedIfEmpty({ orders: true })).toBe(false);
    } finally {
      delete process.env.DEMO_APP_ID;
      delete process.env.DEMO_APP_SECRET;
    }
    const app = await db.app.findUniqueOrThrow({ where: { id: "app_DEMOFIXED000001" }, include: { merchant: true } });
    expect(app.merchant).toMatchObject({ mchNo: "M10000001", status: "ACTIVE" });
    expect(app.mode).toBe("TEST");
    expect(app.secretEnc).not.toContain("sk_test");
    expect(decryptSecret(app.secretEnc, secretContext.appSecret(app.id))).toBe("sk_test_fixed_secret_for_scripts_0123456789");

    const accounts = await db.channelAccount.findMany({ where: { appId: app.id } });
    expect(accounts.map((a) => a.channel).sort()).toEqual(["alipay", "unionpay", "wechatpay"]);
    for (const account of accounts) {
      expect(account.credentialsEnc).not.toContain("PRIVATE KEY");
      const credentials = JSON.parse(decryptSecret(account.credentialsEnc, secretContext.channelCredentials(account.id)));
      // UnionPay's private key is inside its signing .pfx (base64), the others' a PEM
      if (account.channel === "unionpay") expect(account.credentialsEnc).not.toContain(credentials.signCertPfx.slice(0, 40));
      else expect(credentials.privateKeyPem).toContain("BEGIN PRIVATE KEY");
    }

    const merchants = await db.merchant.findMany({ orderBy: { mchNo: "asc" } });
    expect(merchants.map((m) => [m.mchNo, m.status])).toEqual([["M10000001", "ACTIVE"], ["M10000002", "ACTIVE"]]);
    expect(await db.user.count()).toBe(DEMO_USERS.length);
    const roles = await db.membership.findMany({ where: { merchant: { mchNo: "M10000001" } }, select: { role: true } });
    expect(roles.map((r) => r.role).sort()).toEqual(["CASHIER", "DEALER", "DEVELOPER", "FINANCE", "OWNER", "VIEWER"]);
    const dealer = await db.membership.findFirstOrThrow({ where: { role: "DEALER" } });
    expect(dealer.storeIds).toEqual(["S01"]);
    const cashier = await db.membership.findFirstOrThrow({ where: { role: "CASHIER" } });
    expect(cashier.storeIds).toEqual(["S01"]);

    // the order center's demo: two weeks of imported history from every line, and two orders to pay in the cashier
    const orders = await db.order.findMany({ where: { appId: app.id }, include: { payOrders: true } });
    expect(orders).toHaveLength(16);
    expect(new Set(orders.map((o) => o.scene))).toEqual(new Set(["mall", "miniapp", "store", "dealer", "points"]));
    const pending = orders.filter((o) => o.status === "PENDING_PAYMENT");
    expect(pending.map((o) => [o.sourceOrderNo, o.payOrders.length, o.payOrders[0]?.amount === o.payableAmount]).sort()).toEqual([
      ["DEMO-N1", 1, true],
      ["DEMO-N2", 1, true],
    ]);
    expect(orders.filter((o) => o.importId).every((o) => o.payOrders.length === 0)).toBe(true);
  });
});
