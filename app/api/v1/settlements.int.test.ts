import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedIfEmpty } from "@/prisma/seed";
import { db } from "@/server/db";
import { newAppId } from "@/server/domain/ids";
import { cutStatements } from "@/server/services/settlement/cut-statements";
import { updateSettlementSetting } from "@/server/services/settlement/settlement-settings";
import { confirmStatement, recordPayout } from "@/server/services/settlement/statement-lifecycle";
import { startHttpHarness, type Harness } from "@/server/testing/http-harness";
import { cst } from "@/server/testing/ledger-fixtures";
import { ACME_APP, DEMO_APP, openApiClient, useFixedDemoApps } from "@/server/testing/open-api-client";
import { postEntry } from "@/server/testing/settlement-fixtures";

let harness: Harness;
let api: ReturnType<typeof openApiClient>;
let acme: ReturnType<typeof openApiClient>;
let merchantId = "";
let otherAppId = "";
const SYSTEM = { id: "", actor: { type: "SYSTEM" as const } };

beforeAll(async () => {
  useFixedDemoApps();
  await seedIfEmpty();
  harness = await startHttpHarness();
  api = openApiClient(harness.url, DEMO_APP);
  acme = openApiClient(harness.url, ACME_APP);
  const demo = await db.app.findUniqueOrThrow({ where: { id: DEMO_APP.id } });
  merchantId = demo.merchantId;
  // a second app of the same merchant, whose lines the demo app must not see
  const other = await db.app.create({ data: { id: newAppId(), merchantId, name: "second app", secretEnc: "fixture" } });
  otherAppId = other.id;
  const otherAccount = await db.channelAccount.create({ data: { merchantId, appId: other.id, channel: "alipay", name: "alipay", credentialsEnc: "fixture" } });
  const account = await db.channelAccount.findFirstOrThrow({ where: { appId: DEMO_APP.id, channel: "wechatpay" } });
  await updateSettlementSetting(merchantId, { cycle: "T1", scope: "MERCHANT", source: "JOURNAL" }, SYSTEM);
  for (const day of ["2026-09-01", "2026-09-02"]) {
    await postEntry({ merchantId, appId: DEMO_APP.id, account, kind: "payment", amount: 10_000n, fee: 60n, at: cst(`${day} 10:00`) });
    await postEntry({ merchantId, appId: DEMO_APP.id, account, kind: "refund", amount: 1_000n, fee: 6n, at: cst(`${day} 11:00`) });
    await postEntry({ merchantId, appId: other.id, account: otherAccount, kind: "payment", amount: 99_900n, fee: 0n, at: cst(`${day} 12:00`) });
  }
  const { statementNos } = await cutStatements(merchantId, cst("2026-09-03 01:00"));
  expect(statementNos).toHaveLength(2);
  await confirmStatement(merchantId, statementNos[0], SYSTEM);
  await recordPayout(merchantId, statementNos[0], { reference: "HX20260902", paidAt: "2026-09-02" }, SYSTEM);
});

afterAll(async () => {
  await harness?.close();
});

describe("GET /api/v1/settlements", () => {
  it("answers the app's statements of the range with its own lines and figures only", async () => {
    const read = await api("/api/v1/settlements?from=2026-09-01&to=2026-09-30");
    expect(read.status).toBe(200);
    expect(read.json).toMatchObject({ appId: DEMO_APP.id, from: "2026-09-01", to: "2026-09-30", timeZone: "Asia/Shanghai", nextCursor: null });
    expect(read.json.statements).toHaveLength(2);
    const [newest, oldest] = read.json.statements;
    expect(newest).toMatchObject({ periodFrom: "2026-09-02", periodTo: "2026-09-02", status: "DRAFT", scope: "MERCHANT", currency: "CNY", payout: null });
    expect(oldest).toMatchObject({ periodFrom: "2026-09-01", status: "PAID_OUT", payout: { reference: "HX20260902" } });
    for (const s of read.json.statements) {
      // the app's share: 100.00 − 10.00 refunded, fees 0.60 − 0.06; never the other app's 999.00
      expect(s).toMatchObject({ grossAmount: 10_000, refundAmount: -1_000, feeAmount: 54, netAmount: 8_946, entryCount: 2 });
      expect(s.lines.map((l: { kind: string }) => l.kind).sort()).toEqual(["payment", "refund"]);
      expect(JSON.stringify(s)).not.toContain(otherAppId);
    }
    const paged = await api("/api/v1/settlements?from=2026-09-01&to=2026-09-30&limit=1");
    expect(paged.json.statements).toHaveLength(1);
    const rest = await api(`/api/v1/settlements?from=2026-09-01&to=2026-09-30&limit=1&cursor=${paged.json.nextCursor}`);
    expect(rest.json.statements.map((s: { statementNo: string }) => s.statementNo)).toEqual([oldest.statementNo]);
    expect(rest.json.nextCursor).toBeNull();
    const paidOnly = await api("/api/v1/settlements?from=2026-09-01&to=2026-09-30&status=PAID_OUT");
    expect(paidOnly.json.statements.map((s: { statementNo: string }) => s.statementNo)).toEqual([oldest.statementNo]);
  });

  it("tells each app of its statements by event, with its own view of them", async () => {
    const events = await db.event.findMany({ where: { merchantId, type: { in: ["settlement.created", "settlement.paid_out"] } }, orderBy: { createdAt: "asc" } });
    const mine = events.filter((e) => e.appId === DEMO_APP.id);
    expect(mine.map((e) => e.type).sort()).toEqual(["settlement.created", "settlement.created", "settlement.paid_out"]);
    for (const e of mine) {
      expect(e.data).toMatchObject({ grossAmount: 10_000, netAmount: 8_946 });
      expect(JSON.stringify(e.data)).not.toContain(otherAppId);
    }
    const theirs = events.filter((e) => e.appId === otherAppId);
    expect(theirs.map((e) => e.data)).toEqual(expect.arrayContaining([expect.objectContaining({ grossAmount: 99_900, netAmount: 99_900 })]));
  });

  it("shows another merchant's app nothing", async () => {
    const read = await acme("/api/v1/settlements?from=2026-09-01&to=2026-09-30");
    expect(read.status).toBe(200);
    expect(read.json.statements).toEqual([]);
  });

  it("refuses junk queries with 400 VALIDATION_FAILED", async () => {
    const bare = await api("/api/v1/settlements");
    expect(bare.status).toBe(400);
    const bad = [
      "from=2026-09-01",
      "from=2026-09-31&to=2026-10-01",
      "from=2026-09-02&to=2026-09-01",
      "from=2026-01-01&to=2026-06-30",
      "from=2026-09-01&to=2026-09-30&status=PAID",
      "from=2026-09-01&to=2026-09-30&limit=0",
      "from=2026-09-01&to=2026-09-30&limit=abc",
      "from=2026-09-01&to=2026-09-30&cursor=..%2F..",
      "from=2026-09-01&to=2026-09-30&from=2026-09-02",
      "from=2026-09-01%00&to=2026-09-30",
      `from=${"9".repeat(5000)}&to=2026-09-30`,
    ];
    for (const query of bad) {
      const refused = await api(`/api/v1/settlements?${query}`);
      expect(refused.status, query).toBe(400);
      expect(refused.json.error).toMatchObject({ code: "VALIDATION_FAILED" });
    }
  });
});
