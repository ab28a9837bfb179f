import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { channelBrand } from "@/components/channels/channel-brand";
import { channelPlugin, channelPlugins } from "@/server/channels/registry";
import { CHANNEL_CODES, PAY_MODES, PAYMENT_APPS } from "@/server/domain/channel-codes";
import { credentialFields } from "@/server/domain/credential-fields";
import en from "@/server/i18n/messages/en.json";
import zh from "@/server/i18n/messages/zh-CN.json";
import { findSandboxChannel } from "@/server/sandbox/registry";

/**
 * Everything a channel needs besides its protocol code, for every code of the one list
 * (docs/adding-a-channel.md): a plugin whose credentials the console can render, a simulator in the
 * sandbox that issues credentials the plugin accepts, a brand mark, and its messages in both
 * languages. A new channel that forgets one of them fails here, by name.
 */

type Tree = { [key: string]: string | Tree };
const CATALOGUES = { en: en as Tree, "zh-CN": zh as Tree };

function message(tree: Tree, key: string): string | undefined {
  let node: string | Tree | undefined = tree;
  for (const part of key.split(".")) node = typeof node === "object" ? node[part] : undefined;
  return typeof node === "string" ? node : undefined;
}

/** The message keys a channel must have, from its plugin. */
function requiredMessages(code: string): string[] {
  const plugin = channelPlugin(code);
  const fields = credentialFields(plugin.credentialsSchema, plugin.secretFields, plugin.credentialHints);
  const cashierModes = plugin.cashier ? [...new Set([...plugin.cashier.modes.desktop, ...plugin.cashier.modes.phone])] : [];
  return [
    `channel.${code}`,
    ...fields.map((field) => `credentialFields.${code}.${field.name}`),
    ...plugin.modes.map((mode) => `payModes.${mode}`),
    ...(plugin.cashier ? [`cashierChannel.${code}.app`, ...cashierModes.map((mode) => `cashierChannel.${code}.modeHint.${mode}`)] : []),
    ...(plugin.cashier?.payerApp ? [`routing.entryNames.${plugin.cashier.payerApp}`] : []),
  ];
}

const keyPair = () => generateKeyPairSync("rsa", { modulusLength: 2048, publicKeyEncoding: { type: "spki", format: "pem" }, privateKeyEncoding: { type: "pkcs8", format: "pem" } });

describe.each(CHANNEL_CODES)("channel %s", (code) => {
  const plugin = channelPlugin(code);

  it("has a plugin registered under its code", () => {
    expect(plugin.code).toBe(code);
    expect(channelPlugins().map((p) => p.code)).toContain(code);
  });

  it("declares a credentials schema the console can render, with its secrets and hints among its fields", () => {
    const fields = credentialFields(plugin.credentialsSchema, plugin.secretFields, plugin.credentialHints);
    const names = fields.map((field) => field.name);
    expect(names.length).toBeGreaterThan(0);
    expect(names).toEqual(expect.arrayContaining([...plugin.secretFields]));
    expect(names).toEqual(expect.arrayContaining(Object.keys(plugin.credentialHints ?? {})));
  });

  it("serves known modes; the cashier uses only those, and names a known app", () => {
    expect(plugin.modes.length).toBeGreaterThan(0);
    expect(PAY_MODES).toEqual(expect.arrayContaining([...plugin.modes]));
    if (plugin.cashier) {
      expect(plugin.modes).toEqual(expect.arrayContaining([...plugin.cashier.modes.desktop, ...plugin.cashier.modes.phone]));
      if (plugin.cashier.payerApp) expect(PAYMENT_APPS).toContain(plugin.cashier.payerApp);
    }
  });

  it("has a sandbox at its own path, which issues credentials the plugin accepts for the merchant it registers", () => {
    const sandbox = findSandboxChannel(code);
    expect(sandbox, `server/sandbox/registry.ts has no simulator for ${code}`).not.toBeNull();
    expect(sandbox?.code).toBe(code);
    expect(sandbox?.retryScheduleSeconds.length).toBeGreaterThan(0);
    expect(plugin.sandboxPath).toMatch(new RegExp(`^/api/sandbox/${code}(/|$)`));
    expect(plugin.productionBaseUrl).toMatch(/^https:\/\//);

    const issued = sandbox!.issueCredentials({ merchant: keyPair(), channel: keyPair() });
    const credentials = plugin.credentialsSchema.parse(issued.credentials);
    // the sandbox finds the merchant by the id the plugin sends on every call
    expect(Object.values(plugin.accountIdentity(credentials))).toContain(issued.channelMchId);
  }, 60_000); // UnionPay's sandbox issues a certificate chain and a PKCS#12 file: seconds on a busy machine

  it("when it splits payments (分账), names its receiver types and offers returns with their query, or neither", () => {
    const sharing = plugin.profitSharing;
    if (!sharing) return;
    expect(sharing.receiverTypes.length).toBeGreaterThan(0);
    expect(Boolean(sharing.returnSplit)).toBe(Boolean(sharing.queryReturn));
  });

  it("has a brand mark", () => {
    expect(channelBrand(code)).toMatchObject({ color: expect.stringMatching(/^#[0-9a-f]{6}$/i), glyph: expect.any(String) });
  });

  it.each(Object.keys(CATALOGUES) as (keyof typeof CATALOGUES)[])("has its messages in %s", (locale) => {
    const missing = requiredMessages(code).filter((key) => !message(CATALOGUES[locale], key)?.trim());
    expect(missing, `add to server/i18n/messages/${locale}.json`).toEqual([]);
  });

  it.each(Object.keys(CATALOGUES) as (keyof typeof CATALOGUES)[])("has no labels in %s for credential fields its schema lacks", (locale) => {
    const labelled = Object.keys((CATALOGUES[locale].credentialFields as Tree)[code] ?? {});
    const fields = credentialFields(plugin.credentialsSchema, plugin.secretFields).map((field) => field.name);
    expect(labelled.filter((name) => !fields.includes(name))).toEqual([]);
  });
});

describe("the channel registries", () => {
  it("hold exactly the channels of the one list", () => {
    expect(channelPlugins().map((plugin) => plugin.code)).toEqual([...CHANNEL_CODES]);
    expect(findSandboxChannel("unknown")).toBeNull();
    expect(findSandboxChannel("toString")).toBeNull();
  });
});
