import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { openSandboxKeys } from "@/server/sandbox/keys";
import { generateSandboxCredentials } from "@/server/sandbox/provision";
import { settleTrade } from "@/server/sandbox/trades";
import { signingContent, signRsa2 } from "@/server/sandbox/alipay/wire";
import { callerAs } from "@/server/testing/callers";
import { useDemoPaymentEnv } from "@/server/testing/demo-payment-env";
import { DEMO_APP } from "@/server/testing/open-api-client";
import { sandboxMerchantFor, sandboxPaymentNotification, setFaults } from "@/server/testing/payment-fixtures";

// Alipay's rule for a notification: check app_id, the amount and seller_id. A callback signed with the
// account's genuine Alipay key but naming another seller is refused like a forgery and recorded as a
// mismatch; the seller id is part of the account's credentials (required for new LIVE accounts).

const env = useDemoPaymentEnv();

describe("an Alipay callback for another seller", () => {
  it("is refused, recorded as MISMATCH and never paid, though its signature is genuine", async () => {
    await setFaults(DEMO_APP.id, "alipay", { dropNotifications: true });
    const created = await env.api("/api/v1/pay-orders", { body: { mchOrderNo: `SELLER${Date.now()}`, amount: 4200, subject: "卖家校验", channel: "alipay", mode: "qr" } });
    const { payOrderNo } = created.json;
    const attemptNo = `${payOrderNo}-1`;
    const merchant = await sandboxMerchantFor(DEMO_APP.id, "alipay");
    const trade = await db.sandboxTrade.findFirstOrThrow({ where: { sandboxMerchantId: merchant.id, outTradeNo: attemptNo } });
    await settleTrade(trade.id, "success");
    const genuine = await sandboxPaymentNotification(DEMO_APP.id, "alipay", attemptNo);
    const ours = new URLSearchParams(genuine.body).get("seller_id");
    expect(ours).toMatch(/^2088\d{12}$/);

    // the same notification for another merchant's PID, signed with the channel's real key
    const fields = Object.fromEntries(new URLSearchParams(genuine.body));
    fields.seller_id = "2088999999999999";
    fields.sign = signRsa2(signingContent(fields, ["sign", "sign_type"]), openSandboxKeys(merchant).channelPrivateKeyPem);
    const post = (body: string) => fetch(genuine.url, { method: "POST", headers: genuine.headers, body });
    const refused = await post(new URLSearchParams(fields).toString());
    expect([refused.status, await refused.text()]).toEqual([400, "fail"]);

    const record = await db.channelNotification.findFirstOrThrow({ where: { channel: "alipay", body: { contains: "2088999999999999" } } });
    expect(record).toMatchObject({ result: "MISMATCH", resultDetail: "seller_id 2088999999999999 is not ours" });
    expect((await env.api(`/api/v1/pay-orders/${payOrderNo}`)).json.status).toBe("PENDING");
    expect((await db.payment.findUniqueOrThrow({ where: { attemptNo } })).status).not.toBe("SUCCEEDED");

    // the genuine one, for our seller, pays
    const accepted = await post(genuine.body);
    expect([accepted.status, await accepted.text()]).toEqual([200, "success"]);
    expect((await env.api(`/api/v1/pay-orders/${payOrderNo}`)).json.status).toBe("PAID");
    await setFaults(DEMO_APP.id, "alipay", {});
  });
});

describe("the seller id in an Alipay account's credentials", () => {
  const settings = { modes: ["qr"], feeRateBps: 38, subsidyBps: 0, priority: 1, enabled: true, baseUrl: "" };

  it("is required of a new LIVE account, filled by sandbox provisioning, and optional for TEST accounts typed in", async () => {
    const owner = await callerAs("owner@demo.local");
    const live = await owner.apps.create({ mchNo: "M10000001", name: `LIVE ${Date.now()}`, mode: "LIVE", notifyUrl: "", refundReviewThresholdYuan: "", repeatGuardSeconds: 15 });
    const { credentials } = await generateSandboxCredentials("alipay");
    const { sellerId, ...withoutSeller } = credentials;
    expect(sellerId).toMatch(/^2088\d{12}$/);

    const missing = await owner.channelAccounts
      .create({ mchNo: "M10000001", appId: live.appId, channel: "alipay", name: "支付宝", sandbox: false, credentials: { ...withoutSeller, sellerId: "" }, ...settings })
      .catch((error: unknown) => error);
    expect(missing).toMatchObject({ code: "BAD_REQUEST", message: "credentialsInvalid" });
    const issues = ((missing as { cause: { cause: { issues: { path: string[] }[] } } }).cause.cause.issues);
    expect(issues.map((issue) => issue.path.join("."))).toEqual(["sellerId"]);

    const created = await owner.channelAccounts.create({ mchNo: "M10000001", appId: live.appId, channel: "alipay", name: "支付宝", sandbox: false, credentials, ...settings });
    const view = await owner.channelAccounts.get({ mchNo: "M10000001", id: created.id });
    expect(view.credentials.values).toMatchObject({ sellerId });
    // once given, a LIVE account keeps it
    const cleared = owner.channelAccounts.update({ mchNo: "M10000001", id: created.id, name: "支付宝", ...settings, credentials: { sellerId: "" } });
    await expect(cleared).rejects.toMatchObject({ message: "credentialsInvalid" });

    const provisioned = await owner.channelAccounts.create({ mchNo: "M10000001", appId: live.appId, channel: "alipay", name: "预演", sandbox: true, credentials: {}, ...settings });
    expect((await owner.channelAccounts.get({ mchNo: "M10000001", id: provisioned.id })).credentials.values.sellerId).toMatch(/^2088\d{12}$/);

    const test = await owner.apps.create({ mchNo: "M10000001", name: `TEST ${Date.now()}`, mode: "TEST", notifyUrl: "", refundReviewThresholdYuan: "", repeatGuardSeconds: 15 });
    const typed = await owner.channelAccounts.create({ mchNo: "M10000001", appId: test.appId, channel: "alipay", name: "旧式", sandbox: false, credentials: withoutSeller, ...settings });
    expect((await owner.channelAccounts.get({ mchNo: "M10000001", id: typed.id })).credentials.values).not.toHaveProperty("sellerId");
  });
});
