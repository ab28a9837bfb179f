import { generateKeyPairSync } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { openSandboxKeys, registerSandboxMerchant } from "@/server/sandbox/keys";
import { generateSandboxCredentials } from "@/server/sandbox/provision";
import { callerAs, outcome } from "@/server/testing/callers";
import { type Harness, startHttpHarness } from "@/server/testing/http-harness";
import { useFixedDemoApps } from "@/server/testing/open-api-client";
import { seedIfEmpty } from "@/prisma/seed";
import { openStoredCredentials } from "./find-channel-account";

const DEMO = "M10000001";
const OWNER = "owner@demo.local";
let harness: Harness;

beforeAll(async () => {
  // these tests judge verdicts, not timeouts: a budget that a loaded 2-core machine cannot exceed (tests default to 3 s)
  process.env.CHANNEL_TIMEOUT_MS = "20000";
  useFixedDemoApps();
  await seedIfEmpty();
  harness = await startHttpHarness();
});
afterAll(async () => {
  await harness?.close();
});

const appSettings = { notifyUrl: "", refundReviewThresholdYuan: "", repeatGuardSeconds: 15 };
const accountSettings = { modes: ["native", "h5"], feeRateBps: 60, subsidyBps: 5, priority: 10, enabled: true, baseUrl: "" };
const json = (value: unknown) => JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v));

async function newApp(mode: "TEST" | "LIVE") {
  const owner = await callerAs(OWNER);
  return owner.apps.create({ mchNo: DEMO, name: `${mode} app ${Date.now()}`, mode, ...appSettings });
}

/** Every secret value of an account's stored credentials, to look for in what the console receives. */
async function secretValuesOf(id: string) {
  const account = await db.channelAccount.findUniqueOrThrow({ where: { id } });
  const stored = openStoredCredentials(account);
  const secrets = account.channel === "wechatpay" ? ["apiV3Key", "privateKeyPem", "officialAccountSecret"] : ["privateKeyPem"];
  return { stored, values: secrets.map((name) => stored[name] as string) };
}

function expectNoSecrets(view: unknown, secrets: string[]) {
  const text = json(view);
  for (const secret of secrets) {
    expect(text).not.toContain(secret);
    // no part of a PEM body either
    for (const line of secret.split("\n").filter((l) => l.length > 40)) expect(text).not.toContain(line);
  }
  expect(text).not.toMatch(/PRIVATE KEY|credentialsEnc|keysEnc/);
}

describe("channel accounts of a TEST app", () => {
  it("provisions a sandbox merchant, connects successfully, and never returns a secret", async () => {
    const owner = await callerAs(OWNER);
    const { appId } = await newApp("TEST");
    const created = await owner.channelAccounts.create({
      mchNo: DEMO, appId, channel: "wechatpay", name: "微信 · 沙箱", sandbox: true, credentials: {}, ...accountSettings,
    });
    expect(created.sandboxProvisioned).toBe(true);
    const sandbox = await db.sandboxMerchant.findUniqueOrThrow({ where: { channelAccountId: created.id } });
    const { stored, values } = await secretValuesOf(created.id);
    expect(sandbox.channelMchId).toBe(stored.mchid);
    expect(openSandboxKeys(sandbox).apiV3Key).toBe(stored.apiV3Key);

    const view = await owner.channelAccounts.get({ mchNo: DEMO, id: created.id });
    expect(view.credentials.secretsSet.sort()).toEqual(["apiV3Key", "officialAccountSecret", "privateKeyPem"]);
    expect(view.credentials.values).toMatchObject({ mchid: stored.mchid, appid: stored.appid });
    expect(view.sandbox).toMatchObject({ channelMchId: stored.mchid, faults: { declinePerMille: 0 } });
    const list = await owner.channelAccounts.list({ mchNo: DEMO });
    const forms = await owner.channelAccounts.forms({ mchNo: DEMO });
    const apps = await owner.merchant.apps({ mchNo: DEMO });
    for (const answer of [created, view, list, forms, apps]) expectNoSecrets(answer, values);

    const test = await owner.channelAccounts.testConnection({ mchNo: DEMO, id: created.id });
    expect(test).toMatchObject({ ok: true, verdict: "ok", detail: "NOT_FOUND" });
    expect(test.baseUrl).toBe(`${harness.url}/api/sandbox/wechatpay`);
    expectNoSecrets(test, values);

    const audit = await db.auditLog.findFirstOrThrow({ where: { targetId: created.id, action: "channel_account.created" } });
    expect(audit.after).toMatchObject({ channel: "wechatpay", channelMchId: stored.mchid, sandboxProvisioned: true });
    expectNoSecrets([audit.before, audit.after], values);
  });

  it("keeps secrets on edit when they are left blank, replaces them when entered, and names (never shows) what changed", async () => {
    const owner = await callerAs(OWNER);
    const { appId } = await newApp("TEST");
    const { id } = await owner.channelAccounts.create({ mchNo: DEMO, appId, channel: "alipay", name: "支付宝", sandbox: true, credentials: {}, ...accountSettings, modes: ["qr"] });
    const { stored, values } = await secretValuesOf(id);
    const view = await owner.channelAccounts.get({ mchNo: DEMO, id });

    await owner.channelAccounts.update({
      mchNo: DEMO, id, name: "支付宝 · 改名", modes: ["qr", "pc"], feeRateBps: 38, subsidyBps: 0, priority: 3, enabled: true, baseUrl: "",
      credentials: { ...view.credentials.values, privateKeyPem: "" },
    });
    const kept = await secretValuesOf(id);
    expect(kept.stored).toEqual(stored);
    expect(await db.channelAccount.findUniqueOrThrow({ where: { id } })).toMatchObject({ name: "支付宝 · 改名", modes: ["qr", "pc"], feeRateBps: 38, priority: 3 });
    expect((await owner.channelAccounts.testConnection({ mchNo: DEMO, id })).verdict).toBe("ok");

    // a wrong private key: the sandbox refuses the signature, and the check says so
    const wrong = generateKeyPairSync("rsa", { modulusLength: 2048, privateKeyEncoding: { type: "pkcs8", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } });
    const changed = await owner.channelAccounts.update({
      mchNo: DEMO, id, name: "支付宝 · 改名", modes: ["qr", "pc"], feeRateBps: 38, subsidyBps: 0, priority: 3, enabled: true, baseUrl: "",
      credentials: { privateKeyPem: wrong.privateKey },
    });
    expect(changed.changedCredentials).toEqual(["privateKeyPem"]);
    const failed = await owner.channelAccounts.testConnection({ mchNo: DEMO, id });
    expect(failed).toMatchObject({ ok: false, verdict: "signatureRejected" });
    expect(failed.detail).toMatch(/invalid-signature/);

    const updates = await db.auditLog.findMany({ where: { targetId: id, action: "channel_account.updated" }, orderBy: { id: "asc" } });
    expect(updates).toHaveLength(2);
    expect((updates[0].after as { changed: string[] }).changed).toEqual(["feeRateBps", "modes", "name", "priority", "subsidyBps"]);
    expect((updates[1].after as { changed: string[] }).changed).toEqual(["credentials.privateKeyPem"]);
    for (const update of updates) expectNoSecrets([update.before, update.after], [...values, wrong.privateKey]);
  });

  it("reports a key the channel does not know as a signature failure, a wrong channel public key as an unverified answer", async () => {
    const owner = await callerAs(OWNER);
    const { appId } = await newApp("TEST");
    const wechat = await owner.channelAccounts.create({ mchNo: DEMO, appId, channel: "wechatpay", name: "微信", sandbox: true, credentials: {}, ...accountSettings });
    const other = (await generateSandboxCredentials("wechatpay")).credentials;
    const base = { mchNo: DEMO, id: wechat.id, name: "微信", ...accountSettings };
    const original = await owner.channelAccounts.get({ mchNo: DEMO, id: wechat.id });
    // WeChat Pay's signed "order not found" is verified too: a wrong platform public key shows
    await owner.channelAccounts.update({ ...base, credentials: { platformPublicKeyPem: other.platformPublicKeyPem } });
    expect(await owner.channelAccounts.testConnection({ mchNo: DEMO, id: wechat.id })).toMatchObject({ ok: false, verdict: "answerUnverified" });
    await owner.channelAccounts.update({ ...base, credentials: original.credentials.values });
    expect(await owner.channelAccounts.testConnection({ mchNo: DEMO, id: wechat.id })).toMatchObject({ ok: true, verdict: "ok" });
    await owner.channelAccounts.update({ ...base, credentials: { privateKeyPem: other.privateKeyPem } });
    const refused = await owner.channelAccounts.testConnection({ mchNo: DEMO, id: wechat.id });
    expect(refused).toMatchObject({ ok: false, verdict: "signatureRejected" });
    expect(refused.detail).toMatch(/SIGN_ERROR/);

    // Alipay signs every answer, "trade not found" too: a wrong Alipay public key fails its verification
    const alipay = await owner.channelAccounts.create({ mchNo: DEMO, appId, channel: "alipay", name: "支付宝", sandbox: true, credentials: {}, ...accountSettings, modes: ["qr"] });
    const view = await owner.channelAccounts.get({ mchNo: DEMO, id: alipay.id });
    await owner.channelAccounts.update({
      mchNo: DEMO, id: alipay.id, name: "支付宝", ...accountSettings, modes: ["qr"],
      credentials: { ...view.credentials.values, alipayPublicKeyPem: (await generateSandboxCredentials("alipay")).credentials.alipayPublicKeyPem },
    });
    expect(await owner.channelAccounts.testConnection({ mchNo: DEMO, id: alipay.id })).toMatchObject({ ok: false, verdict: "answerUnverified" });
  });

  it("validates credentials with the plugin's schema, field by field, and writes nothing", async () => {
    const owner = await callerAs(OWNER);
    const { appId } = await newApp("TEST");
    const before = await db.channelAccount.count();
    try {
      await owner.channelAccounts.create({
        mchNo: DEMO, appId, channel: "wechatpay", name: "bad", sandbox: false, ...accountSettings,
        credentials: { mchid: "abc", appid: "wx1", serialNo: "zz", apiV3Key: "short", privateKeyPem: "nope", platformPublicKeyId: "X", platformPublicKeyPem: "nope" },
      });
      expect.unreachable();
    } catch (error) {
      expect((error as { code: string }).code).toBe("BAD_REQUEST");
      const cause = (error as { cause: { field: string; cause: { issues: { path: string[] }[] } } }).cause;
      expect(cause.field).toBe("credentials");
      expect(cause.cause.issues.map((i) => i.path[0]).sort()).toEqual(["apiV3Key", "mchid", "platformPublicKeyId", "platformPublicKeyPem", "privateKeyPem", "serialNo"]);
    }
    expect(await outcome(owner.channelAccounts.create({ mchNo: DEMO, appId, channel: "wechatpay", name: "bad", sandbox: true, credentials: {}, ...accountSettings, modes: ["qr"] }))).toBe("BAD_REQUEST");
    expect(await outcome(owner.channelAccounts.create({ mchNo: DEMO, appId, channel: "wechatpay", name: "bad", sandbox: true, credentials: {}, ...accountSettings, feeRateBps: -1 }))).toBe("BAD_REQUEST");
    expect(await db.channelAccount.count()).toBe(before);
  });

  it("edits the sandbox's fault injection on the account, audited", async () => {
    const owner = await callerAs(OWNER);
    const { appId } = await newApp("TEST");
    const { id } = await owner.channelAccounts.create({ mchNo: DEMO, appId, channel: "wechatpay", name: "faults", sandbox: true, credentials: {}, ...accountSettings });
    const faults = { declinePerMille: 250, latencyMs: 0, timeoutPerMille: 0, errorPerMille: 1000, dropNotifications: true, duplicateNotifications: false, notificationDelayMs: 500 };
    await owner.channelAccounts.updateFaults({ mchNo: DEMO, id, faults });
    expect((await db.sandboxMerchant.findUniqueOrThrow({ where: { channelAccountId: id } })).faults).toEqual({ ...faults, billEdits: [] });
    // every sandbox call now answers 500: the check says the channel is unavailable
    expect((await owner.channelAccounts.testConnection({ mchNo: DEMO, id })).verdict).not.toBe("ok");
    await owner.channelAccounts.updateFaults({ mchNo: DEMO, id, faults: { ...faults, errorPerMille: 0 } });
    expect((await owner.channelAccounts.testConnection({ mchNo: DEMO, id })).verdict).toBe("ok");
    const audits = await db.auditLog.findMany({ where: { targetId: id, action: "channel_account.faults_updated" }, orderBy: { id: "asc" } });
    expect(audits).toHaveLength(2);
    expect(audits[0].after).toMatchObject({ declinePerMille: 250, errorPerMille: 1000 });
    expect(await outcome(owner.channelAccounts.updateFaults({ mchNo: DEMO, id, faults: { ...faults, declinePerMille: 1001 } }))).toBe("BAD_REQUEST");
  });

  it("disables and enables an account, audited", async () => {
    const owner = await callerAs(OWNER);
    const { appId } = await newApp("TEST");
    const { id } = await owner.channelAccounts.create({ mchNo: DEMO, appId, channel: "alipay", name: "status", sandbox: true, credentials: {}, ...accountSettings, modes: ["qr"] });
    await owner.channelAccounts.setStatus({ mchNo: DEMO, id, status: "DISABLED" });
    expect((await db.channelAccount.findUniqueOrThrow({ where: { id } })).status).toBe("DISABLED");
    await owner.channelAccounts.setStatus({ mchNo: DEMO, id, status: "ENABLED" });
    const actions = (await db.auditLog.findMany({ where: { targetId: id }, orderBy: { id: "asc" } })).map((a) => a.action);
    expect(actions).toEqual(["channel_account.created", "channel_account.disabled", "channel_account.enabled"]);
  });
});

describe("channel accounts of a LIVE app", () => {
  it("rehearses at the built-in sandbox (base URL pointing there) and refuses a private base URL", async () => {
    const owner = await callerAs(OWNER);
    const { appId } = await newApp("LIVE");
    // a rehearsal: credentials opened at the built-in sandbox, the account's base URL pointing there
    const provisioned = await owner.channelAccounts.create({ mchNo: DEMO, appId, channel: "wechatpay", name: "rehearsal", sandbox: true, credentials: {}, ...accountSettings });
    expect((await db.channelAccount.findUniqueOrThrow({ where: { id: provisioned.id } })).baseUrl).toBe(`${harness.url}/api/sandbox/wechatpay`);
    expect((await owner.channelAccounts.testConnection({ mchNo: DEMO, id: provisioned.id })).verdict).toBe("ok");

    const bad = await outcome(
      owner.channelAccounts.update({ mchNo: DEMO, id: provisioned.id, name: "x", ...accountSettings, baseUrl: "http://10.0.0.8/v3", credentials: {} }),
    );
    expect(bad).toBe("BAD_REQUEST");
    // without an override a LIVE account talks to the real channel's production URL
    await owner.channelAccounts.update({ mchNo: DEMO, id: provisioned.id, name: "x", ...accountSettings, baseUrl: `${harness.url}/api/sandbox/wechatpay/`, credentials: {} });
    expect((await db.channelAccount.findUniqueOrThrow({ where: { id: provisioned.id } })).baseUrl).toBe(`${harness.url}/api/sandbox/wechatpay`);
  });
});

describe("a LIVE account with credentials a channel issued", () => {
  it("takes typed credentials and a base URL override at the built-in sandbox, where they are registered", async () => {
    const owner = await callerAs(OWNER);
    const { appId } = await newApp("LIVE");
    // the channel (here the sandbox) issues the merchant its credentials, as signing a contract would
    const issued = await generateSandboxCredentials("wechatpay");
    await registerSandboxMerchant(db, { channel: "wechatpay", channelMchId: issued.channelMchId, keys: issued.sandboxKeys });
    const created = await owner.channelAccounts.create({
      mchNo: DEMO, appId, channel: "wechatpay", name: "typed", sandbox: false, credentials: issued.credentials,
      ...accountSettings, baseUrl: `${harness.url}/api/sandbox/wechatpay`,
    });
    expect(created.sandboxProvisioned).toBe(false);
    const trimmed = Object.fromEntries(Object.entries(issued.credentials).map(([k, v]) => [k, v.trim()]));
    expect((await secretValuesOf(created.id)).stored).toEqual(trimmed);
    expect(await owner.channelAccounts.testConnection({ mchNo: DEMO, id: created.id })).toMatchObject({ ok: true, verdict: "ok" });
    // not provisioned here, so not linked: no fault settings to edit
    expect((await owner.channelAccounts.get({ mchNo: DEMO, id: created.id })).sandbox).toBeNull();
    expect(await outcome(owner.channelAccounts.updateFaults({
      mchNo: DEMO, id: created.id,
      faults: { declinePerMille: 0, latencyMs: 0, timeoutPerMille: 0, errorPerMille: 0, dropNotifications: false, duplicateNotifications: false, notificationDelayMs: 0 },
    }))).toBe("CONFLICT");
    // without an override, a LIVE account goes to the real channel's production URL (not called from a test)
    await owner.channelAccounts.update({ mchNo: DEMO, id: created.id, name: "typed", ...accountSettings, credentials: {} });
    expect((await db.channelAccount.findUniqueOrThrow({ where: { id: created.id } })).baseUrl).toBeNull();
  });
});

describe("roles and tenants", () => {
  it("refuses FINANCE and VIEWER on every apps.* and channelAccounts.* procedure, and other merchants' owners see nothing", async () => {
    const { appRouter } = await import("@/server/trpc/root");
    const procedures = Object.keys((appRouter as unknown as { _def: { procedures: Record<string, unknown> } })._def.procedures).filter(
      (p) => p.startsWith("apps.") || p.startsWith("channelAccounts."),
    );
    expect(procedures.length).toBeGreaterThanOrEqual(14);
    const account = await db.channelAccount.findFirstOrThrow({ where: { merchant: { mchNo: DEMO } } });
    const input = {
      mchNo: DEMO, appId: account.appId, id: account.id, graceHours: 0, status: "DISABLED", name: "x", mode: "TEST", channel: "wechatpay", sandbox: true,
      credentials: {}, ...appSettings, ...accountSettings, faults: { declinePerMille: 0, latencyMs: 0, timeoutPerMille: 0, errorPerMille: 0, dropNotifications: false, duplicateNotifications: false, notificationDelayMs: 0 },
      billEdits: [],
    };
    for (const email of ["finance@demo.local", "viewer@demo.local"]) {
      const caller = (await callerAs(email)) as unknown as Record<string, Record<string, (input: unknown) => Promise<unknown>>>;
      for (const path of procedures) {
        const [ns, name] = path.split(".");
        expect(await outcome(caller[ns][name](input)), `${email} ${path}`).toBe("FORBIDDEN");
      }
    }
    const acme = (await callerAs("owner@acme.local")) as unknown as Record<string, Record<string, (input: unknown) => Promise<unknown>>>;
    for (const path of procedures.filter((p) => p !== "channelAccounts.forms" && p !== "channelAccounts.list" && p !== "apps.create")) {
      const [ns, name] = path.split(".");
      expect(await outcome(acme[ns][name]({ ...input, mchNo: "M10000002" })), path).toBe("NOT_FOUND");
    }
    const acmeList = await (await callerAs("owner@acme.local")).channelAccounts.list({ mchNo: "M10000002" });
    expect(acmeList.some((a) => a.id === account.id)).toBe(false);
    expect(await db.auditLog.count({ where: { actorId: { not: null }, targetId: account.id } })).toBe(0);
  });
});
