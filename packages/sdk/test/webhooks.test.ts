import { describe, expect, it } from "vitest";
import { isValidWebhook, verifyWebhook, webhookSignatureHeader, WebhookVerificationError } from "../src/index.js";

const SECRET = "sk_test_example_secret_0001";
const BODY = '{"id":"evt_01JEXAMPLE","type":"pay_order.succeeded","createdAt":"2025-12-01T00:00:00.000Z","data":{"payOrderNo":"P1","status":"PAID"}}';
const T = 1764547200;
const HEADER = "t=1764547200,v1=82c878f0f515a7615847ff2b76d89cf8bc4490bfa80b523fb124ffc8344cb6f4";

const reason = (run: () => unknown) => {
  try {
    run();
    return "verified";
  } catch (error) {
    return error instanceof WebhookVerificationError ? error.reason : String(error);
  }
};

describe("webhook verification", () => {
  it("verifies the documented example and returns the event", () => {
    expect(webhookSignatureHeader(SECRET, BODY, T)).toBe(HEADER);
    expect(verifyWebhook({ payload: BODY, header: HEADER, secret: SECRET, now: T + 10 })).toMatchObject({ id: "evt_01JEXAMPLE", type: "pay_order.succeeded" });
    expect(verifyWebhook({ payload: Buffer.from(BODY), header: HEADER, secret: SECRET, now: T - 10 })).toMatchObject({ data: { payOrderNo: "P1" } });
  });

  it("refuses a changed body, another secret, and a time outside the tolerance window", () => {
    expect(reason(() => verifyWebhook({ payload: BODY.replace("PAID", "PAIX"), header: HEADER, secret: SECRET, now: T }))).toBe("no_matching_signature");
    expect(reason(() => verifyWebhook({ payload: BODY, header: HEADER, secret: "another", now: T }))).toBe("no_matching_signature");
    expect(reason(() => verifyWebhook({ payload: BODY, header: HEADER, secret: SECRET, now: T + 301 }))).toBe("timestamp_out_of_tolerance");
    expect(reason(() => verifyWebhook({ payload: BODY, header: HEADER, secret: SECRET, now: T - 301 }))).toBe("timestamp_out_of_tolerance");
    expect(reason(() => verifyWebhook({ payload: BODY, header: HEADER, secret: SECRET, now: T + 3000, toleranceSeconds: 3600 }))).toBe("verified");
  });

  it("accepts the delivery when any of several v1 values matches", () => {
    const good = HEADER.split("v1=")[1];
    expect(isValidWebhook({ payload: BODY, header: `t=${T},v1=${"0".repeat(64)},v1=${good}`, secret: SECRET, now: T })).toBe(true);
    expect(isValidWebhook({ payload: BODY, header: `t=${T},v0=abc,v1=${good}`, secret: SECRET, now: T })).toBe(true);
    expect(isValidWebhook({ payload: BODY, header: `t=${T},v1=${"0".repeat(64)},v1=zz`, secret: SECRET, now: T })).toBe(false);
  });

  it("refuses a missing or malformed header", () => {
    expect(reason(() => verifyWebhook({ payload: BODY, header: undefined, secret: SECRET }))).toBe("missing_header");
    expect(reason(() => verifyWebhook({ payload: BODY, header: "v1=abc", secret: SECRET }))).toBe("malformed_header");
    expect(reason(() => verifyWebhook({ payload: BODY, header: `t=${T}`, secret: SECRET }))).toBe("malformed_header");
    expect(reason(() => verifyWebhook({ payload: BODY, header: `t=1e9,v1=${"a".repeat(64)}`, secret: SECRET }))).toBe("malformed_header");
    expect(reason(() => verifyWebhook({ payload: BODY, header: `t=${T},t=${T},v1=${"a".repeat(64)}`, secret: SECRET }))).toBe("malformed_header");
  });
});
