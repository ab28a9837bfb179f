import { describe, expect, it } from "vitest";
import { z } from "zod";
import { alipayCredentialsSchema, alipayCredentialHints, alipaySecretFields } from "@/server/channels/alipay/credentials";
import { wechatpayCredentialHints, wechatpayCredentialsSchema, wechatpaySecretFields } from "@/server/channels/wechatpay/credentials";
import { changedCredentialNames, credentialFields, maskCredentials, mergeCredentials } from "./credential-fields";

describe("credentialFields (the form generated from a plugin's schema)", () => {
  it("walks WeChat Pay's schema in order, with secrets, PEM textareas and length hints", () => {
    const fields = credentialFields(wechatpayCredentialsSchema, wechatpaySecretFields, wechatpayCredentialHints);
    expect(fields.map((f) => f.name)).toEqual(["mchid", "appid", "serialNo", "apiV3Key", "privateKeyPem", "platformPublicKeyId", "platformPublicKeyPem", "officialAccountSecret"]);
    expect(fields.filter((f) => f.secret).map((f) => f.name)).toEqual(["apiV3Key", "privateKeyPem", "officialAccountSecret"]);
    // optional: only the aggregated QR code's OAuth needs it (docs/adr/0025)
    expect(fields.find((f) => f.name === "officialAccountSecret")).toMatchObject({ secret: true, required: false });
    expect(fields.filter((f) => f.multiline).map((f) => f.name)).toEqual(["privateKeyPem", "platformPublicKeyPem"]);
    expect(fields.find((f) => f.name === "apiV3Key")).toMatchObject({ minLength: 32, maxLength: 32, required: true });
  });

  it("walks Alipay's schema", () => {
    const fields = credentialFields(alipayCredentialsSchema, alipaySecretFields, alipayCredentialHints);
    expect(fields).toEqual([
      { name: "appId", secret: false, multiline: false, required: true },
      { name: "privateKeyPem", secret: true, multiline: true, required: true },
      { name: "alipayPublicKeyPem", secret: false, multiline: true, required: true },
      // optional in the form: accounts saved before it lack it; the server requires it of new LIVE accounts
      { name: "sellerId", secret: false, multiline: false, required: false },
    ]);
  });

  it("sees through optional, default and pipe wrappers, and refuses what a form cannot show", () => {
    const schema = z.object({ a: z.string().optional(), b: z.string().default("x"), c: z.string().trim().pipe(z.string()) });
    expect(credentialFields(schema, []).map((f) => [f.name, f.required])).toEqual([["a", false], ["b", false], ["c", true]]);
    expect(() => credentialFields(z.object({ n: z.number() }), [])).toThrow(/not a string/);
    expect(() => credentialFields(z.string(), [])).toThrow(/zod object/);
  });
});

describe("masking and merging credentials", () => {
  const stored = { mchid: "1900000001", apiV3Key: "K".repeat(32), privateKeyPem: "-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----\n", pub: "P\n" };
  const secrets = ["apiV3Key", "privateKeyPem"];

  it("shows non-secret values and only which secrets are set", () => {
    const view = maskCredentials(stored, secrets);
    expect(view).toEqual({ values: { mchid: "1900000001", pub: "P\n" }, secretsSet: ["apiV3Key", "privateKeyPem"] });
    expect(JSON.stringify(view)).not.toMatch(/KKKK|PRIVATE/);
    expect(maskCredentials({ apiV3Key: "" }, secrets).secretsSet).toEqual([]);
  });

  it("keeps a secret left blank, replaces one entered, trims, and keeps values unchanged but for blanks", () => {
    expect(mergeCredentials({ mchid: " 1900000002 ", apiV3Key: "", privateKeyPem: "  ", pub: "P" }, stored, secrets)).toEqual({
      ...stored,
      mchid: "1900000002",
    });
    expect(mergeCredentials({ apiV3Key: "N".repeat(32) }, stored, secrets).apiV3Key).toBe("N".repeat(32));
    // a new account: nothing stored, a blank secret stays blank (the plugin's schema then refuses it)
    expect(mergeCredentials({ apiV3Key: "" }, null, secrets)).toEqual({ apiV3Key: "" });
  });

  it("names changed fields without their values", () => {
    expect(changedCredentialNames(stored, { ...stored, apiV3Key: "x", mchid: "1" })).toEqual(["apiV3Key", "mchid"]);
    expect(changedCredentialNames(null, { a: "1" })).toEqual(["a"]);
  });
});
