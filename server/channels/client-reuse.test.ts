import { KeyObject } from "node:crypto";
import { describe, expect, it } from "vitest";
import { privateKeyOf, publicKeyOf } from "@/server/sandbox/key-cache";
import { alipaySdk } from "./alipay/client";
import { alipayTestParties } from "./alipay/fixtures/keys";
import { clientFor } from "./wechatpay/client";
import { testAccount } from "./wechatpay/fixtures/credentials";

// The channel path's clients and keys are made once per account (docs/adr/0026), not per call.
describe("channel clients are made once per account", () => {
  it("WeChat Pay: one SDK client per opened credentials and base URL", () => {
    const { credentials } = testAccount();
    const client = clientFor(credentials, "http://127.0.0.1:1/api/sandbox/wechatpay");
    expect(clientFor(credentials, "http://127.0.0.1:1/api/sandbox/wechatpay")).toBe(client);
    expect(clientFor(credentials, "http://127.0.0.1:2/api/sandbox/wechatpay")).not.toBe(client);
    // changed credentials are opened as another object: another client, with the new keys
    expect(clientFor({ ...credentials }, "http://127.0.0.1:1/api/sandbox/wechatpay")).not.toBe(client);
  });

  it("Alipay: one SDK per account and call settings, its keys parsed once", () => {
    const { ctx } = alipayTestParties();
    const sdk = alipaySdk(ctx);
    expect(alipaySdk({ ...ctx })).toBe(sdk);
    expect(alipaySdk({ ...ctx, timeoutMs: ctx.timeoutMs + 1 })).not.toBe(sdk);
    expect(alipaySdk({ ...ctx, credentials: { ...ctx.credentials } })).not.toBe(sdk);
    const config = sdk.config as unknown as { privateKey: unknown; alipayPublicKey: unknown };
    expect(config.privateKey).toBeInstanceOf(KeyObject);
    expect(config.alipayPublicKey).toBeInstanceOf(KeyObject);
  });

  it("the sandbox parses each PEM once, and still refuses one that does not parse", () => {
    const { credentials, merchantPublicKeyPem } = testAccount();
    expect(privateKeyOf(credentials.privateKeyPem)).toBe(privateKeyOf(credentials.privateKeyPem));
    expect(publicKeyOf(merchantPublicKeyPem)).toBe(publicKeyOf(merchantPublicKeyPem));
    expect(() => publicKeyOf("not a key")).toThrow();
  });
});
