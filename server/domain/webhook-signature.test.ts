import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { verifyWebhookSignature, WEBHOOK_RETRY_SECONDS, webhookSignature } from "./webhook-signature";

describe("webhook signature", () => {
  it("signs t.body with HMAC-SHA256, as a receiver computes it", () => {
    const body = '{"id":"evt_1"}';
    const header = webhookSignature("sk_test_x", body, 1763800000);
    const reference = createHmac("sha256", "sk_test_x").update(`1763800000.${body}`).digest("hex");
    expect(header).toBe(`t=1763800000,v1=${reference}`);
    expect(verifyWebhookSignature("sk_test_x", body, header, 1763800100)).toBe(true);
  });
  it("refuses another secret, another body, an old timestamp and garbage", () => {
    const header = webhookSignature("sk_test_x", "{}", 1000);
    expect(verifyWebhookSignature("sk_test_y", "{}", header, 1000)).toBe(false);
    expect(verifyWebhookSignature("sk_test_x", "{ }", header, 1000)).toBe(false);
    expect(verifyWebhookSignature("sk_test_x", "{}", header, 1301)).toBe(false);
    expect(verifyWebhookSignature("sk_test_x", "{}", "t=abc,v1=zz", 1000)).toBe(false);
  });
  it("retries for about 24 hours", () => {
    const total = WEBHOOK_RETRY_SECONDS.reduce((a, b) => a + b, 0);
    expect(WEBHOOK_RETRY_SECONDS).toHaveLength(15);
    expect(total / 3600).toBeGreaterThan(24);
    expect(total / 3600).toBeLessThan(25);
  });
});
