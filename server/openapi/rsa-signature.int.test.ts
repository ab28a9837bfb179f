import { generateKeyPairSync, randomBytes, sign as rsaSign } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { stringToSign } from "@/server/domain/open-api-signature";
import { callerAs } from "@/server/testing/callers";
import { appRouter } from "@/server/trpc/root";
import { type Harness, startHttpHarness } from "@/server/testing/http-harness";
import { ACME_APP, DEMO_APP, openApiClient, useFixedDemoApps } from "@/server/testing/open-api-client";
import { seedIfEmpty } from "@/prisma/seed";

const DEMO = "M10000001";
const fixtures = path.join(process.cwd(), "server/domain/fixtures/rsa");
const PRIVATE = readFileSync(path.join(fixtures, "private.pem"), "utf8");
const PUBLIC = readFileSync(path.join(fixtures, "public.pem"), "utf8");
const missingOrder = "/api/v1/pay-orders/P20261122000000000AAAAAAAA";
let harness: Harness;

beforeAll(async () => {
  useFixedDemoApps();
  await seedIfEmpty();
  harness = await startHttpHarness();
});
afterAll(async () => {
  await harness?.close();
});

/** A GET signed with an RSA private key as docs/api.md says: base64 SHA256withRSA of the string-to-sign. */
async function rsaCall(appId: string, privateKey: string | ReturnType<typeof generateKeyPairSync>["privateKey"], signType = "RSA-SHA256") {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = randomBytes(12).toString("hex");
  const signature = rsaSign("sha256", Buffer.from(stringToSign("GET", missingOrder, timestamp, nonce, "")), privateKey).toString("base64");
  const response = await fetch(`${harness.url}${missingOrder}`, {
    headers: { "x-app-id": appId, "x-timestamp": timestamp, "x-nonce": nonce, "x-signature": signature, "x-sign-type": signType },
  });
  const json = (await response.json()) as { error: { code: string; message: string; field?: string } };
  return { status: response.status, ...json.error };
}

/** The field errors a refused call answers with (init.ts's errorFormatter, as the console's forms get them). */
async function fieldErrors(call: Promise<unknown>): Promise<Record<string, string[] | undefined>> {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  if (!error) throw new Error("the call was accepted");
  expect((error as { code?: string }).code).toBe("BAD_REQUEST");
  const formatted = appRouter._def._config.errorFormatter({ error: error as never, shape: { data: {} } as never, type: "mutation", path: "", input: undefined, ctx: undefined });
  return (formatted as { data: { fieldErrors?: Record<string, string[] | undefined> } }).data.fieldErrors ?? {};
}

/** ORDER_NOT_FOUND: the signature was accepted and the request reached the use case. */
const ACCEPTED = { status: 404, code: "ORDER_NOT_FOUND" };

describe("RSA-SHA256 request signatures", () => {
  it("refuses RSA from an app without a key with a clear message, accepts it once the key is uploaded, and keeps HMAC working", async () => {
    const noKey = await rsaCall(DEMO_APP.id, PRIVATE);
    expect(noKey).toMatchObject({ status: 401, code: "INVALID_SIGNATURE", field: "X-Sign-Type" });
    expect(noKey.message).toMatch(/no RSA public key/);

    const owner = await callerAs("owner@demo.local");
    const saved = await owner.appKeys.setRsaKey({ mchNo: DEMO, appId: DEMO_APP.id, publicKey: PUBLIC });
    expect(saved).toMatchObject({ bits: 2048, fingerprint: "29efeb3877d7d80a9cc0e8a6506df900f27147e23b16dc79fe06f3697c846dd4" });
    expect(await rsaCall(DEMO_APP.id, PRIVATE)).toMatchObject(ACCEPTED);
    // the header's name is case-insensitive, its value too
    expect(await rsaCall(DEMO_APP.id, PRIVATE, "rsa-sha256")).toMatchObject(ACCEPTED);

    // HMAC holds as before, with or without X-Sign-Type
    const hmac = openApiClient(harness.url, DEMO_APP);
    expect((await hmac(missingOrder)).json.error.code).toBe("ORDER_NOT_FOUND");
    expect((await hmac(missingOrder, { headers: { "x-sign-type": "HMAC-SHA256" } })).json.error.code).toBe("ORDER_NOT_FOUND");
    // an HMAC signature sent as RSA, and an unknown scheme, are refused
    expect((await hmac(missingOrder, { headers: { "x-sign-type": "RSA-SHA256" } })).json.error.code).toBe("INVALID_SIGNATURE");
    expect(await rsaCall(DEMO_APP.id, PRIVATE, "RSA-SHA1")).toMatchObject({ status: 401, code: "INVALID_SIGNATURE", field: "X-Sign-Type" });

    // another key pair, and the right key on another app, are refused
    const stranger = generateKeyPairSync("rsa", { modulusLength: 2048 });
    expect(await rsaCall(DEMO_APP.id, stranger.privateKey)).toMatchObject({ status: 401, code: "INVALID_SIGNATURE", field: "X-Signature" });
    expect(await rsaCall(ACME_APP.id, PRIVATE)).toMatchObject({ status: 401, code: "INVALID_SIGNATURE" });

    // replaced: the new key verifies, the old one no longer
    const next = generateKeyPairSync("rsa", { modulusLength: 3072 });
    const replaced = await owner.appKeys.setRsaKey({ mchNo: DEMO, appId: DEMO_APP.id, publicKey: next.publicKey.export({ type: "spki", format: "pem" }).toString() });
    expect(replaced.bits).toBe(3072);
    expect(await rsaCall(DEMO_APP.id, next.privateKey)).toMatchObject(ACCEPTED);
    expect(await rsaCall(DEMO_APP.id, PRIVATE)).toMatchObject({ code: "INVALID_SIGNATURE" });

    // removed: RSA is refused again, HMAC still works
    await owner.appKeys.removeRsaKey({ mchNo: DEMO, appId: DEMO_APP.id });
    expect(await rsaCall(DEMO_APP.id, next.privateKey)).toMatchObject({ code: "INVALID_SIGNATURE", field: "X-Sign-Type" });
    expect((await hmac(missingOrder)).json.error.code).toBe("ORDER_NOT_FOUND");
    expect(await owner.appKeys.rsaKey({ mchNo: DEMO, appId: DEMO_APP.id })).toBeNull();

    const audit = await db.auditLog.findMany({ where: { targetId: DEMO_APP.id, action: { startsWith: "app.rsa_key" } }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["app.rsa_key_added", "app.rsa_key_replaced", "app.rsa_key_removed"]);
    expect(audit[1].before).toMatchObject({ fingerprint: saved.fingerprint });
  });

  it("answers hostile or wrong uploads with a field error and stores nothing", async () => {
    const dev = await callerAs("dev@demo.local");
    const ec = generateKeyPairSync("ec", { namedCurve: "P-256" }).publicKey.export({ type: "spki", format: "pem" }).toString();
    const small = readFileSync(path.join(fixtures, "public-1024.pem"), "utf8");
    const cases: [string, string][] = [
      [PRIVATE, "privateKey"],
      [small, "tooShort"],
      [ec, "notRsa"],
      ["-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----", "unreadable"],
      ["ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ user@host", "notPem"],
      [`${PUBLIC}\n${PUBLIC}`, "notPem"],
      ["-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----", "certificate"],
      ["   ", "required"],
      [`-----BEGIN PUBLIC KEY-----\n${"A".repeat(9000)}\n-----END PUBLIC KEY-----`, "tooLong"],
    ];
    for (const [publicKey, problem] of cases) {
      expect(await fieldErrors(dev.appKeys.setRsaKey({ mchNo: "M10000002", appId: ACME_APP.id, publicKey })), problem).toEqual({ publicKey: [problem] });
    }
    expect(await db.appRsaKey.count({ where: { appId: ACME_APP.id } })).toBe(0);
  });

  it("keeps the key to the app's merchant and to the roles that manage keys", async () => {
    const finance = await callerAs("finance@demo.local");
    await expect(finance.appKeys.setRsaKey({ mchNo: DEMO, appId: DEMO_APP.id, publicKey: PUBLIC })).rejects.toMatchObject({ code: "FORBIDDEN" });
    // ACME's app through DEMO's merchant number is unknown
    const owner = await callerAs("owner@demo.local");
    await expect(owner.appKeys.setRsaKey({ mchNo: DEMO, appId: ACME_APP.id, publicKey: PUBLIC })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
