import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { seedIfEmpty } from "@/prisma/seed";
import { db } from "@/server/db";
import { generateSandboxCredentials } from "@/server/sandbox/provision";
import { registerSandboxMerchant } from "@/server/sandbox/keys";
import { callerAs, outcome } from "@/server/testing/callers";
import { type Harness, startHttpHarness } from "@/server/testing/http-harness";
import { useFixedDemoApps } from "@/server/testing/open-api-client";

const DEMO = "M10000001";
const OWNER = "owner@demo.local";
let harness: Harness;

beforeAll(async () => {
  useFixedDemoApps();
  await seedIfEmpty();
  harness = await startHttpHarness();
});
afterAll(async () => {
  await harness?.close();
});

const appSettings = { notifyUrl: "", refundReviewThresholdYuan: "", repeatGuardSeconds: 15 };
const accountSettings = { modes: ["native", "h5"], feeRateBps: 60, subsidyBps: 5, priority: 10, enabled: true, baseUrl: "" };
const blank = { deltaYuan: "", billDate: "", amountYuan: "" };
const faults = { declinePerMille: 0, latencyMs: 0, timeoutPerMille: 0, errorPerMille: 0, dropNotifications: true, duplicateNotifications: false, notificationDelayMs: 0 };

async function sandboxAccount(mode: "TEST" | "LIVE") {
  const owner = await callerAs(OWNER);
  const { appId } = await owner.apps.create({ mchNo: DEMO, name: `${mode} bills ${Date.now()}`, mode, ...appSettings });
  return owner.channelAccounts.create({ mchNo: DEMO, appId, channel: "wechatpay", name: "bills", sandbox: true, credentials: {}, ...accountSettings });
}

const storedFaults = async (id: string) => (await db.sandboxMerchant.findUniqueOrThrow({ where: { channelAccountId: id } })).faults;

/** The zod issues a rejected call carries, as "path:message" (what init.ts turns into field errors). */
async function issuesOf(call: Promise<unknown>): Promise<string[]> {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  expect((error as TRPCError).code).toBe("BAD_REQUEST");
  const cause = (error as TRPCError).cause;
  expect(cause).toBeInstanceOf(ZodError);
  return (cause as ZodError).issues.map((issue) => `${issue.path.join(".")}:${issue.message}`);
}

describe("sandbox bill differences of a TEST account", () => {
  it("replaces the list in fen (yuan converted on digits), keeps the other faults, shows it on the page's read, audited", async () => {
    const owner = await callerAs(OWNER);
    const { id } = await sandboxAccount("TEST");
    await owner.channelAccounts.updateFaults({ mchNo: DEMO, id, faults });
    const saved = await owner.channelAccounts.updateBillEdits({
      mchNo: DEMO,
      id,
      billEdits: [
        { type: "drop", outNo: " ORD-1 ", ...blank },
        { type: "amount", outNo: "ORD-2", ...blank, deltaYuan: "-0.07" },
        { type: "fee", outNo: "REF-3", ...blank, deltaYuan: "+19.99" },
        { type: "status", outNo: "REF-4", ...blank },
        { type: "extra", outNo: "ALIEN-5", deltaYuan: "", billDate: "2026-12-03", amountYuan: "1000000" },
      ],
    });
    const expected = [
      { type: "drop", outNo: "ORD-1" },
      { type: "amount", outNo: "ORD-2", delta: -7 },
      { type: "fee", outNo: "REF-3", delta: 1999 },
      { type: "status", outNo: "REF-4" },
      { type: "extra", billDate: "2026-12-03", outTradeNo: "ALIEN-5", amount: 100_000_000 },
    ];
    expect(saved).toEqual(expected);
    expect(await storedFaults(id)).toEqual({ ...faults, billEdits: expected });
    expect((await owner.channelAccounts.get({ mchNo: DEMO, id })).sandbox?.faults.billEdits).toEqual(expected);
    // the fault form saved afterwards keeps the edits
    await owner.channelAccounts.updateFaults({ mchNo: DEMO, id, faults: { ...faults, latencyMs: 5 } });
    expect(await storedFaults(id)).toEqual({ ...faults, latencyMs: 5, billEdits: expected });

    // removing one = replacing the list without it; an empty list clears them
    await owner.channelAccounts.updateBillEdits({ mchNo: DEMO, id, billEdits: [{ type: "drop", outNo: "ORD-1", ...blank }] });
    expect((await owner.channelAccounts.get({ mchNo: DEMO, id })).sandbox?.faults.billEdits).toEqual([{ type: "drop", outNo: "ORD-1" }]);
    await owner.channelAccounts.updateBillEdits({ mchNo: DEMO, id, billEdits: [] });
    expect(await storedFaults(id)).toEqual({ ...faults, latencyMs: 5, billEdits: [] });

    const audits = await db.auditLog.findMany({ where: { targetId: id, action: "channel_account.bill_edits_updated" }, orderBy: { id: "asc" } });
    expect(audits.map((a) => [(a.before as { billEdits: unknown[] }).billEdits.length, (a.after as { billEdits: unknown[] }).billEdits.length])).toEqual([
      [0, 5],
      [5, 1],
      [1, 0],
    ]);
  });

  it("refuses bad input field by field (BAD_REQUEST) and writes nothing", async () => {
    const owner = await callerAs(OWNER);
    const { id } = await sandboxAccount("TEST");
    const keep = [{ type: "status" as const, outNo: "ORD-9", ...blank }];
    await owner.channelAccounts.updateBillEdits({ mchNo: DEMO, id, billEdits: keep });
    const call = (billEdits: unknown[]) => issuesOf(owner.channelAccounts.updateBillEdits({ mchNo: DEMO, id, billEdits: billEdits as never }));

    expect(await call([...keep, { type: "amount", outNo: "ORD-1", ...blank, deltaYuan: "1.005" }])).toEqual(["billEdits.1.deltaYuan:yuanInvalid"]);
    expect(await call([{ type: "fee", outNo: "ORD-1", ...blank, deltaYuan: "-0.00" }])).toEqual(["billEdits.0.deltaYuan:billDeltaZero"]);
    expect(await call([{ type: "fee", outNo: "ORD-1", ...blank, deltaYuan: "1000000.01" }])).toEqual(["billEdits.0.deltaYuan:billDeltaRange"]);
    expect(await call([{ type: "drop", outNo: "  ", ...blank }])).toEqual(["billEdits.0.outNo:outNoRequired"]);
    expect(await call([{ type: "extra", outNo: "X-1", deltaYuan: "", billDate: "2026-02-30", amountYuan: "0" }])).toEqual([
      "billEdits.0.billDate:billDateInvalid",
      "billEdits.0.amountYuan:billAmountRange",
    ]);
    expect(await call([{ type: "refund", outNo: "X", ...blank }])).toEqual(["billEdits.0.type:billEditTypeInvalid"]);
    expect(await call(Array.from({ length: 2001 }, (_, i) => ({ type: "drop", outNo: `O${i}`, ...blank })))).toEqual(["billEdits:billEditsTooMany"]);
    // 2000 is the limit, not beyond
    const many = Array.from({ length: 2000 }, (_, i) => ({ type: "drop" as const, outNo: `O${i}`, ...blank }));
    expect(await owner.channelAccounts.updateBillEdits({ mchNo: DEMO, id, billEdits: many })).toHaveLength(2000);
    await owner.channelAccounts.updateBillEdits({ mchNo: DEMO, id, billEdits: keep });
    expect(await storedFaults(id)).toMatchObject({ billEdits: [{ type: "status", outNo: "ORD-9" }] });
  });
});

describe("accounts whose bills stay true", () => {
  it("refuses a LIVE rehearsal at the sandbox and an account not provisioned there (CONFLICT); another merchant gets NOT_FOUND", async () => {
    const owner = await callerAs(OWNER);
    const edits = [{ type: "drop" as const, outNo: "ORD-1", ...blank }];

    const live = await sandboxAccount("LIVE");
    expect(await outcome(owner.channelAccounts.updateBillEdits({ mchNo: DEMO, id: live.id, billEdits: edits }))).toBe("CONFLICT");
    expect(await storedFaults(live.id)).toBeNull();

    // a TEST account with credentials typed in (not provisioned by PayCenter): no sandbox merchant linked
    const { appId } = await owner.apps.create({ mchNo: DEMO, name: `typed ${Date.now()}`, mode: "TEST", ...appSettings });
    const issued = await generateSandboxCredentials("wechatpay");
    await registerSandboxMerchant(db, { channel: "wechatpay", channelMchId: issued.channelMchId, keys: issued.sandboxKeys });
    const typed = await owner.channelAccounts.create({
      mchNo: DEMO, appId, channel: "wechatpay", name: "typed", sandbox: false, credentials: issued.credentials,
      ...accountSettings, baseUrl: `${harness.url}/api/sandbox/wechatpay`,
    });
    expect(await outcome(owner.channelAccounts.updateBillEdits({ mchNo: DEMO, id: typed.id, billEdits: edits }))).toBe("CONFLICT");

    const test = await sandboxAccount("TEST");
    const acme = await callerAs("owner@acme.local");
    expect(await outcome(acme.channelAccounts.updateBillEdits({ mchNo: "M10000002", id: test.id, billEdits: edits }))).toBe("NOT_FOUND");
    expect(await outcome((await callerAs("finance@demo.local")).channelAccounts.updateBillEdits({ mchNo: DEMO, id: test.id, billEdits: edits }))).toBe("FORBIDDEN");
    expect(await storedFaults(test.id)).toBeNull();
    expect(await db.auditLog.count({ where: { action: "channel_account.bill_edits_updated", targetId: { in: [live.id, typed.id, test.id] } } })).toBe(0);
  });
});
