import { beforeAll, describe, expect, it } from "vitest";
import { callerAs, outcome } from "@/server/testing/callers";
import { appRouter } from "@/server/trpc/root";
import { seedIfEmpty } from "@/prisma/seed";

const DEMO = "M10000001";
const ACME = "M10000002";

beforeAll(async () => {
  await seedIfEmpty();
});

/** Every procedure of the router, by path, so a new procedure is covered without editing this test. */
const procedures = Object.keys((appRouter as unknown as { _def: { procedures: Record<string, unknown> } })._def.procedures);

async function call(email: string | null, path: string, input: unknown) {
  const caller = (await callerAs(email)) as unknown as Record<string, Record<string, (input: unknown) => Promise<unknown>>>;
  const [namespace, name] = path.split(".");
  return outcome(caller[namespace][name](input));
}

describe("tenant isolation and roles", () => {
  it("refuses every procedure to a signed-out visitor", async () => {
    expect(procedures.length).toBeGreaterThan(3);
    for (const path of procedures) {
      expect(await call(null, path, { mchNo: DEMO }), path).toBe("UNAUTHORIZED");
    }
  });

  it("never lets a member of one merchant reach another merchant's data", async () => {
    for (const path of procedures.filter((p) => p.startsWith("merchant."))) {
      expect(await call("owner@acme.local", path, { mchNo: DEMO }), path).toBe("NOT_FOUND");
      expect(await call("finance@demo.local", path, { mchNo: ACME }), path).toBe("NOT_FOUND");
      expect(await call("owner@demo.local", path, { mchNo: "M99999999" }), path).toBe("NOT_FOUND");
    }
  });

  it("lets each role do only what its capabilities allow", async () => {
    expect(await call("owner@demo.local", "merchant.apps", { mchNo: DEMO })).toBe("OK");
    expect(await call("dev@demo.local", "merchant.apps", { mchNo: DEMO })).toBe("OK");
    expect(await call("finance@demo.local", "merchant.apps", { mchNo: DEMO })).toBe("FORBIDDEN");
    expect(await call("viewer@demo.local", "merchant.apps", { mchNo: DEMO })).toBe("FORBIDDEN");
    for (const email of ["owner@demo.local", "dev@demo.local", "finance@demo.local", "viewer@demo.local"]) {
      expect(await call(email, "merchant.overview", { mchNo: DEMO }), email).toBe("OK");
    }
  });

  it("scopes the data itself to the merchant asked for", async () => {
    const dev = await callerAs("dev@demo.local");
    const demo = await dev.merchant.overview({ mchNo: DEMO });
    const acme = await dev.merchant.overview({ mchNo: ACME });
    expect(demo.merchant.mchNo).toBe(DEMO);
    expect(acme.merchant.mchNo).toBe(ACME);
    const demoAppIds = demo.apps.map((a) => a.id);
    expect(acme.apps.every((a) => !demoAppIds.includes(a.id))).toBe(true);
  });

  it("keeps the operator platform to operators", async () => {
    for (const email of ["owner@demo.local", "dev@demo.local", "finance@demo.local", "viewer@demo.local", "owner@acme.local"]) {
      expect(await call(email, "admin.merchants", undefined), email).toBe("FORBIDDEN");
    }
    const admin = await callerAs("admin@paycenter.local");
    expect((await admin.admin.merchants()).map((m) => m.mchNo).sort()).toEqual([DEMO, ACME]);
  });

  it("never sends secrets or credentials to the console", async () => {
    const apps = await (await callerAs("owner@demo.local")).merchant.apps({ mchNo: DEMO });
    const text = JSON.stringify(apps, (_k, v) => (typeof v === "bigint" ? v.toString() : v));
    expect(text).not.toMatch(/secret|credential|PRIVATE KEY|sk_test_/i);
    expect(apps[0].channelAccounts.map((a) => a.channel).sort()).toEqual(["alipay", "wechatpay"]);
  });
});
