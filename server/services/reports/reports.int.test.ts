import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { seedIfEmpty } from "@/prisma/seed";
import { db } from "@/server/db";
import { resetEnvCache } from "@/server/env";
import { compactRollups } from "@/server/services/reports/compact-rollups";
import { openExportDownload } from "@/server/services/exports/open-export-download";
import { runExport } from "@/server/services/exports/run-export";
import { callerAs, outcome } from "@/server/testing/callers";
import { cst, settledPayment, settledRefund } from "@/server/testing/ledger-fixtures";

const DEMO = "M10000001";
let appId: string;
let refundedOrder: string;

/**
 * Hand-computed figures of the fixture below (demo app: WeChat Pay 0.60 % fee + 0.20 % subsidy,
 * Alipay 0.55 % fee; fees round half up to the fen, refunds return fee and subsidy pro rata, rounded down):
 *
 * 2026-10-01 (China Standard Time)
 *   A wechatpay 100.00 paid 10:16   fee 0.60  subsidy 0.20
 *   B wechatpay 250.00 paid 10:41   fee 1.50  subsidy 0.50   refunded 50.00 at 16:30 (fee back 0.30, subsidy back 0.10)
 *   C alipay     80.00 paid 14:06   fee 0.44 (8000 × 55 bps = 0.44 exactly)
 *   D alipay attempt failed "用户取消", E1/E2 wechatpay failed "余额不足", F wechatpay closed
 * 2026-10-02
 *   G alipay    123.45 paid 09:01   fee 0.68 (678975 → 68)
 */
beforeAll(async () => {
  process.env.EXPORTS_DIR = mkdtempSync(path.join(tmpdir(), "paycenter-exports-"));
  resetEnvCache();
  await seedIfEmpty();
  const app = await db.app.findFirstOrThrow({ where: { merchant: { mchNo: DEMO } }, orderBy: { createdAt: "asc" } });
  appId = app.id;
  await db.channelAccount.updateMany({ where: { appId, channel: "wechatpay" }, data: { subsidyBps: 20 } });

  await settledPayment({ appId, channel: "wechatpay", amount: 10000, at: cst("2026-10-01 10:15"), outcome: "success", metadata: { storeId: "S01" } });
  const b = await settledPayment({ appId, channel: "wechatpay", amount: 25000, at: cst("2026-10-01 10:40"), outcome: "success", metadata: { storeId: "S02" } });
  refundedOrder = b.payOrderNo;
  await settledPayment({ appId, channel: "alipay", amount: 8000, at: cst("2026-10-01 14:05"), outcome: "success", metadata: { store: "S01" } });
  await settledPayment({ appId, channel: "alipay", amount: 3000, at: cst("2026-10-01 14:00"), outcome: "fail", failureMessage: "用户取消" });
  await settledPayment({ appId, channel: "wechatpay", amount: 3000, at: cst("2026-10-01 15:00"), outcome: "fail", failureMessage: "余额不足" });
  await settledPayment({ appId, channel: "wechatpay", amount: 4000, at: cst("2026-10-01 15:10"), outcome: "fail", failureMessage: "余额不足" });
  await settledPayment({ appId, channel: "wechatpay", amount: 5000, at: cst("2026-10-01 15:20"), outcome: "close" });
  await settledRefund(b.payOrderNo, 5000, cst("2026-10-01 16:30"));
  await settledPayment({ appId, channel: "alipay", amount: 12345, at: cst("2026-10-02 09:00"), outcome: "success" });
});

describe("the finance dashboard", () => {
  it("matches the hand-computed figures of one day, hour by hour", async () => {
    const finance = await callerAs("finance@demo.local");
    const day = await finance.reports.dashboard({ mchNo: DEMO, range: { from: "2026-10-01", to: "2026-10-01" } });
    expect(day.granularity).toBe("hour");
    expect(day.totals).toEqual({
      gmv: 43000n,
      orders: 3,
      refundAmount: 5000n,
      refunds: 1,
      refundRate: 5000 / 43000,
      fee: 60n + 150n + 44n - 30n,
      subsidy: 20n + 50n - 10n,
      net: 43000n - 5000n - 224n,
      averageTicket: 14333n,
      attempts: 7,
      successRate: 3 / 7,
    });
    expect(day.series).toHaveLength(24);
    expect(day.series.find((b) => b.bucket === "2026-10-01 10:00")).toEqual({ bucket: "2026-10-01 10:00", gmv: 35000n, orders: 2, refundAmount: 0n, refunds: 0 });
    expect(day.series.find((b) => b.bucket === "2026-10-01 14:00")).toMatchObject({ gmv: 8000n, orders: 1 });
    expect(day.series.find((b) => b.bucket === "2026-10-01 16:00")).toMatchObject({ gmv: 0n, refundAmount: 5000n, refunds: 1 });
    expect(day.series.reduce((sum, b) => sum + b.gmv, 0n)).toBe(43000n);

    const wechat = day.channels.find((c) => c.channel === "wechatpay");
    const alipay = day.channels.find((c) => c.channel === "alipay");
    expect(wechat).toEqual({
      channel: "wechatpay", orders: 2, gmv: 35000n, refunds: 1, refundAmount: 5000n, fee: 180n, subsidy: 60n,
      attempts: 5, succeeded: 2, failed: 2, closed: 1, successRate: 0.4,
    });
    expect(alipay).toMatchObject({ orders: 1, gmv: 8000n, fee: 44n, subsidy: 0n, attempts: 2, succeeded: 1, failed: 1, successRate: 0.5 });
    expect(day.failures).toEqual([
      { channel: "wechatpay", code: null, message: "余额不足", count: 2 },
      { channel: "alipay", code: null, message: "用户取消", count: 1 },
    ]);
    expect(day.empty).toBe(false);
  });

  it("is daily over a longer range, per app, and empty (not broken) where nothing happened", async () => {
    const owner = await callerAs("owner@demo.local");
    const two = await owner.reports.dashboard({ mchNo: DEMO, range: { from: "2026-10-01", to: "2026-10-02" }, appId });
    expect(two.granularity).toBe("day");
    expect(two.series.map((b) => [b.bucket, b.gmv, b.orders])).toEqual([
      ["2026-10-01", 43000n, 3],
      ["2026-10-02", 12345n, 1],
    ]);
    expect(two.totals.fee).toBe(224n + 68n);
    const none = await owner.reports.dashboard({ mchNo: DEMO, range: { from: "2026-09-01", to: "2026-09-03" } });
    expect(none.empty).toBe(true);
    expect(none.series.map((b) => b.gmv)).toEqual([0n, 0n, 0n]);
    expect(none.totals.successRate).toBeNull();
    const otherApp = await owner.reports.dashboard({ mchNo: DEMO, range: { from: "2026-10-01", to: "2026-10-02" }, appId: "app_NOTOURS" });
    expect(otherApp.empty).toBe(true);
  });

  it("shows operators the same figures across merchants, and one merchant on request", async () => {
    const admin = await callerAs("admin@paycenter.local");
    const all = await admin.admin.reports({ range: { from: "2026-10-01", to: "2026-10-01" } });
    expect(all.totals.gmv).toBe(43000n);
    const acme = await admin.admin.reports({ range: { from: "2026-10-01", to: "2026-10-01" }, merchantMchNo: "M10000002" });
    expect(acme.empty).toBe(true);
    expect(await outcome(admin.admin.reports({ range: { from: "2026-10-01", to: "2026-10-01" }, merchantMchNo: "M404" }))).toBe("NOT_FOUND");
    expect(await outcome((await callerAs("finance@demo.local")).admin.reports({ range: { from: "2026-10-01", to: "2026-10-01" } }))).toBe("FORBIDDEN");
  });

  it("shows the same figures after the rollups' slots are folded together", async () => {
    const finance = await callerAs("finance@demo.local");
    const range = { from: "2026-10-01", to: "2026-10-02" };
    const before = await finance.reports.dashboard({ mchNo: DEMO, range });
    const slots = async () => (await db.$queryRaw<{ n: bigint }[]>`SELECT count(*)::bigint AS n FROM "LedgerRollupHourly" WHERE slot <> 0`)[0].n;
    expect(await slots()).toBeGreaterThan(0n);
    expect(await compactRollups()).toBeGreaterThan(0);
    expect(await slots()).toBe(0n);
    expect(await finance.reports.dashboard({ mchNo: DEMO, range })).toEqual(before);
  });

  it("answers a bad range with BAD_REQUEST", async () => {
    const finance = await callerAs("finance@demo.local");
    expect(await outcome(finance.reports.dashboard({ mchNo: DEMO, range: { from: "2026-10-02", to: "2026-10-01" } }))).toBe("BAD_REQUEST");
    expect(await outcome(finance.reports.dashboard({ mchNo: DEMO, range: { from: "2026-13-01", to: "2026-13-02" } }))).toBe("BAD_REQUEST");
  });
});

describe("the ledger", () => {
  it("shows every movement in one row format, newest first, with totals of the filtered set", async () => {
    const finance = await callerAs("finance@demo.local");
    const page = await finance.ledger.page({ mchNo: DEMO, filters: { from: "2026-10-01", to: "2026-10-01" }, limit: 50 });
    expect(page.rows.map((r) => [r.kind, r.channel, r.amount, r.fee, r.net])).toEqual([
      ["refund", "wechatpay", -5000n, -30n, -4970n],
      ["payment", "alipay", 8000n, 44n, 7956n],
      ["payment", "wechatpay", 25000n, 150n, 24850n],
      ["payment", "wechatpay", 10000n, 60n, 9940n],
    ]);
    const refundRow = page.rows[0];
    expect(refundRow).toMatchObject({ payOrderNo: refundedOrder, orderStatus: "PARTIALLY_REFUNDED", storeId: "S02", mode: "native" });
    expect(refundRow.refundNo).toMatch(/^F/);
    expect(page.rows[2]).toMatchObject({ payOrderNo: refundedOrder, orderStatus: "PARTIALLY_REFUNDED", channelTradeNo: `CT${refundedOrder}` });
    expect(page.nextCursor).toBeNull();

    // totals from the rollup (date filter only) and from the entries (store filter) agree with the rows
    expect(await finance.ledger.totals({ mchNo: DEMO, filters: { from: "2026-10-01", to: "2026-10-01" } })).toEqual([
      { currency: "CNY", count: 4, amount: 38000n, fee: 224n, net: 37776n },
    ]);
    expect(await finance.ledger.totals({ mchNo: DEMO, filters: { from: "2026-10-01", to: "2026-10-02", storeId: "S01" } })).toEqual([
      { currency: "CNY", count: 2, amount: 18000n, fee: 104n, net: 17896n },
    ]);
  });

  it("filters by channel, type, status, amount, store and number", async () => {
    const finance = await callerAs("finance@demo.local");
    const rows = async (filters: Record<string, string>) =>
      (await finance.ledger.page({ mchNo: DEMO, filters: { from: "2026-10-01", to: "2026-10-02", ...filters }, limit: 50 })).rows;
    expect((await rows({ channel: "alipay" })).map((r) => r.amount)).toEqual([12345n, 8000n]);
    expect((await rows({ kind: "refund" })).map((r) => r.amount)).toEqual([-5000n]);
    expect((await rows({ orderStatus: "PARTIALLY_REFUNDED" })).map((r) => r.kind)).toEqual(["refund", "payment"]);
    expect((await rows({ minAmount: "50", maxAmount: "100.00" })).map((r) => r.amount)).toEqual([-5000n, 8000n, 10000n]);
    expect((await rows({ storeId: "S01" })).map((r) => r.amount)).toEqual([8000n, 10000n]);
    expect((await rows({ search: refundedOrder })).map((r) => r.kind)).toEqual(["refund", "payment"]);
    expect(await outcome(finance.ledger.page({ mchNo: DEMO, filters: { minAmount: "1.234" }, limit: 10 }))).toBe("BAD_REQUEST");
    expect(await outcome(finance.ledger.page({ mchNo: DEMO, filters: {}, cursor: "not-a-cursor", limit: 10 }))).toBe("BAD_REQUEST");
  });

  it("pages by keyset through rows with the same time, without gaps or repeats, filters kept", async () => {
    const at = cst("2026-10-03 12:00");
    for (let i = 0; i < 7; i++) {
      await settledPayment({ appId, channel: i % 2 ? "alipay" : "wechatpay", amount: 1000 + i, at: new Date(at.getTime() - 60_000), paidAt: at, outcome: "success" });
    }
    const finance = await callerAs("finance@demo.local");
    const filters = { from: "2026-10-03", to: "2026-10-03" };
    const all = (await finance.ledger.page({ mchNo: DEMO, filters, limit: 50 })).rows;
    expect(all).toHaveLength(7);
    expect(new Set(all.map((r) => r.occurredAt.getTime())).size).toBe(1);
    const seen: bigint[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { rows: { id: bigint }[]; nextCursor: string | null } = await finance.ledger.page({ mchNo: DEMO, filters, cursor, limit: 2 });
      seen.push(...page.rows.map((r) => r.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(4);
    expect(seen).toEqual(all.map((r) => r.id));
    expect([...seen].sort((a, b) => (a > b ? -1 : 1))).toEqual(seen);

    const wechat: bigint[] = [];
    cursor = null;
    do {
      const page: { rows: { id: bigint; channel: string }[]; nextCursor: string | null } = await finance.ledger.page({ mchNo: DEMO, filters: { ...filters, channel: "wechatpay" }, cursor, limit: 3 });
      expect(page.rows.every((r) => r.channel === "wechatpay")).toBe(true);
      wechat.push(...page.rows.map((r) => r.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(wechat).toEqual(all.filter((r) => r.channel === "wechatpay").map((r) => r.id));
  });
});

describe("exports", () => {
  async function exported(email: string, request: Parameters<Awaited<ReturnType<typeof callerAs>>["exports"]["create"]>[0]["request"]) {
    const caller = await callerAs(email);
    const created = await caller.exports.create({ mchNo: DEMO, request });
    expect(created.status).toBe("QUEUED");
    await runExport(created.id);
    const done = await caller.exports.get({ mchNo: DEMO, exportId: created.id });
    expect(done).toMatchObject({ status: "SUCCEEDED", downloadUrl: `/api/exports/${created.id}` });
    const user = await db.user.findUniqueOrThrow({ where: { email } });
    const response = await openExportDownload(user.id, created.id);
    expect(response.status).toBe(200);
    return { done, response, user };
  }

  it("writes the filtered ledger as CSV, amounts in yuan with two decimals and in fen", async () => {
    const { done, response } = await exported("finance@demo.local", { source: "ledger", format: "csv", filters: { from: "2026-10-01", to: "2026-10-01" } });
    expect(done).toMatchObject({ totalRows: 4, rowsWritten: 4 });
    expect(response.headers.get("content-disposition")).toMatch(/attachment; filename="ledger-\d{8}-\d{6}\.csv"/);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 byte-order mark, for Excel
    const lines = bytes.subarray(3).toString("utf8").trim().split("\r\n").map((line) => line.split(","));
    const header = lines[0];
    expect(header).toContain("金额 (元)");
    expect(header).toContain("金额 (分)");
    const at = (row: string[], name: string) => row[header.indexOf(name)];
    expect(lines).toHaveLength(5);
    const refund = lines[1];
    expect([at(refund, "时间"), at(refund, "类型"), at(refund, "金额 (元)"), at(refund, "金额 (分)"), at(refund, "手续费 (元)"), at(refund, "净额 (分)")]).toEqual([
      "2026-10-01 16:30:00", "refund", "-50.00", "-5000", "-0.30", "-4970",
    ]);
    const b = lines[3];
    expect([at(b, "金额 (元)"), at(b, "金额 (分)"), at(b, "手续费 (元)"), at(b, "手续费 (分)"), at(b, "门店")]).toEqual(["250.00", "25000", "1.50", "150", "S02"]);
  });

  it("writes XLSX with English headers on request, the yuan cells numbers formatted 0.00", async () => {
    const { response } = await exported("owner@demo.local", { source: "ledger", format: "xlsx", locale: "en", filters: { from: "2026-10-01", to: "2026-10-02", channel: "alipay" } });
    expect(response.headers.get("content-type")).toContain("spreadsheetml");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as never);
    const sheet = workbook.getWorksheet("Ledger");
    expect(sheet).toBeDefined();
    const header = (sheet!.getRow(1).values as unknown[]).slice(1);
    const col = (name: string) => header.indexOf(name) + 1;
    expect(sheet!.rowCount).toBe(3);
    const g = sheet!.getRow(2);
    expect(g.getCell(col("Amount (yuan)")).value).toBe(123.45);
    expect(g.getCell(col("Amount (yuan)")).numFmt).toBe("0.00");
    expect(g.getCell(col("Amount (fen)")).value).toBe(12345);
    expect(g.getCell(col("Fee (fen)")).value).toBe(68);
    expect(g.getCell(col("Channel")).value).toBe("alipay");
  });

  it("exports orders and refunds with both amount columns", async () => {
    const orders = await exported("finance@demo.local", { source: "orders", format: "csv", filters: { from: "2026-10-01", to: "2026-10-01", status: "PARTIALLY_REFUNDED" } });
    const orderLines = (await orders.response.text()).trim().split("\r\n");
    expect(orderLines).toHaveLength(2);
    expect(orderLines[0]).toContain("已退金额 (元),已退金额 (分)");
    expect(orderLines[1]).toContain(refundedOrder);
    expect(orderLines[1]).toContain("250.00,25000,250.00,25000,50.00,5000");
    // the orders table's own filters: amount range and channel
    const inRange = await exported("finance@demo.local", { source: "orders", format: "csv", filters: { from: "2026-10-01", to: "2026-10-01", minAmount: "250", maxAmount: "250.00" } });
    expect((await inRange.response.text()).trim().split("\r\n").slice(1).join("\n")).toContain(refundedOrder);
    const outOfRange = await exported("finance@demo.local", { source: "orders", format: "csv", filters: { from: "2026-10-01", to: "2026-10-01", minAmount: "250.01" } });
    expect((await outOfRange.response.text()).trim().split("\r\n").slice(1).join("\n")).not.toContain(refundedOrder);
    const refunds = await exported("finance@demo.local", { source: "refunds", format: "csv", filters: {} });
    const refundLines = (await refunds.response.text()).trim().split("\r\n");
    expect(refundLines).toHaveLength(2);
    expect(refundLines[1]).toContain("50.00,5000,0.30,30");
  });

  it("gives the file to its requester only, and refuses exports to roles without the capability", async () => {
    const { done, user } = await exported("finance@demo.local", { source: "ledger", format: "csv", filters: {} });
    const owner = await db.user.findUniqueOrThrow({ where: { email: "owner@demo.local" } });
    expect((await openExportDownload(owner.id, done.id)).status).toBe(404);
    expect((await openExportDownload(user.id, "exp_doesnotexist")).status).toBe(404);
    expect((await openExportDownload(user.id, "../../etc/passwd")).status).toBe(404);
    expect(await outcome((await callerAs("owner@demo.local")).exports.get({ mchNo: DEMO, exportId: done.id }))).toBe("NOT_FOUND");
    for (const email of ["dev@demo.local", "viewer@demo.local"]) {
      const caller = await callerAs(email);
      for (const source of ["ledger", "orders", "refunds"] as const) {
        expect(await outcome(caller.exports.create({ mchNo: DEMO, request: { source, format: "csv", filters: {} } })), `${email} ${source}`).toBe("FORBIDDEN");
      }
    }
  });
});

describe("roles", () => {
  it("lets OWNER and FINANCE read the ledger and reports, and refuses DEVELOPER and VIEWER", async () => {
    const range = { from: "2026-10-01", to: "2026-10-01" };
    for (const [email, expected] of [
      ["owner@demo.local", "OK"],
      ["finance@demo.local", "OK"],
      ["dev@demo.local", "FORBIDDEN"],
      ["viewer@demo.local", "FORBIDDEN"],
    ] as const) {
      const caller = await callerAs(email);
      expect(await outcome(caller.ledger.page({ mchNo: DEMO, filters: {}, limit: 10 })), email).toBe(expected);
      expect(await outcome(caller.ledger.totals({ mchNo: DEMO, filters: {} })), email).toBe(expected);
      expect(await outcome(caller.ledger.options({ mchNo: DEMO })), email).toBe(expected);
      expect(await outcome(caller.reports.dashboard({ mchNo: DEMO, range })), email).toBe(expected);
      expect(await outcome(caller.reports.options({ mchNo: DEMO })), email).toBe(expected);
    }
  });
});
