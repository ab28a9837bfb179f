import { beforeAll, describe, expect, it } from "vitest";
import { seedIfEmpty } from "@/prisma/seed";
import { db } from "@/server/db";
import { openExportDownload } from "@/server/services/exports/open-export-download";
import { runExport } from "@/server/services/exports/run-export";
import { callerAs, outcome } from "@/server/testing/callers";
import { channelAccountOf, closeRunFixture, reconDifferenceFixture, reconRunFixture } from "@/server/testing/recon-fixtures";

const DEMO = "M10000001";
const ACME = "M10000002";
let wechat = { id: "" };
let alipay = { id: "" };
let acmeRunId = "";
let acmeDifferenceId = "";

beforeAll(async () => {
  await seedIfEmpty();
  wechat = await channelAccountOf(DEMO, "wechatpay");
  alipay = await channelAccountOf(DEMO, "alipay");
  const acmeRun = await reconRunFixture({ channelAccountId: (await channelAccountOf(ACME, "wechatpay")).id, billDate: "2026-11-03" });
  acmeRunId = acmeRun.id;
  acmeDifferenceId = (await reconDifferenceFixture(acmeRun, { type: "MISSING_LOCAL", channelAmount: 100n, channelFee: 1n })).id;
});

describe("reconciliation router", () => {
  it("is finance's: a viewer or developer is FORBIDDEN, another merchant's member NOT_FOUND", async () => {
    const run = await reconRunFixture({ channelAccountId: wechat.id, billDate: "2026-11-01" });
    const difference = await reconDifferenceFixture(run, { type: "MISSING_LOCAL", channelAmount: 100n, channelFee: 1n });
    for (const email of ["viewer@demo.local", "dev@demo.local", "dealer@demo.local"]) {
      const caller = await callerAs(email);
      expect(await outcome(caller.reconciliation.runs({ mchNo: DEMO })), email).toBe("FORBIDDEN");
      expect(await outcome(caller.reconciliation.differences({ mchNo: DEMO })), email).toBe("FORBIDDEN");
      expect(await outcome(caller.reconciliation.difference({ mchNo: DEMO, differenceId: difference.id })), email).toBe("FORBIDDEN");
      expect(await outcome(caller.reconciliation.resolve({ mchNo: DEMO, differenceId: difference.id, resolution: "WRITTEN_OFF" })), email).toBe("FORBIDDEN");
      expect(await outcome(caller.exports.create({ mchNo: DEMO, request: { source: "reconDifferences", format: "csv", filters: {} } })), email).toBe("FORBIDDEN");
    }
    const acme = await callerAs("owner@acme.local");
    expect(await outcome(acme.reconciliation.difference({ mchNo: DEMO, differenceId: difference.id }))).toBe("NOT_FOUND");
    expect((await db.reconDifference.findUniqueOrThrow({ where: { id: difference.id } })).status).toBe("OPEN");
  });

  it("shows a member only its merchant's runs and differences, even by id", async () => {
    const finance = await callerAs("finance@demo.local");
    expect(await outcome(finance.reconciliation.run({ mchNo: DEMO, runId: acmeRunId }))).toBe("NOT_FOUND");
    expect(await outcome(finance.reconciliation.difference({ mchNo: DEMO, differenceId: acmeDifferenceId }))).toBe("NOT_FOUND");
    expect(await outcome(finance.reconciliation.resolve({ mchNo: DEMO, differenceId: acmeDifferenceId, resolution: "WRITTEN_OFF" }))).toBe("NOT_FOUND");
    const all = await finance.reconciliation.differences({ mchNo: DEMO, status: "ALL", from: "2026-01-01", to: "2026-12-31" });
    expect(all.rows.map((r) => r.id)).not.toContain(acmeDifferenceId);
    const runs = await finance.reconciliation.runs({ mchNo: DEMO, from: "2026-11-01", to: "2026-11-30" });
    expect(runs.runs.map((r) => r.id)).not.toContain(acmeRunId);
    expect((await finance.reconciliation.calendar({ mchNo: DEMO, month: "2026-11" })).find((d) => d.date === "2026-11-03")?.runs).toBe(0);
  });

  it("lists runs with their figures, the month's calendar and a run's detail", async () => {
    const finance = await callerAs("finance@demo.local");
    const open = await reconRunFixture({ channelAccountId: wechat.id, billDate: "2026-10-10", figures: { billRows: 12, matched: 10, billPaymentCount: 11, billPaymentAmount: 123_400n } });
    await reconDifferenceFixture(open, { type: "AMOUNT_MISMATCH", channelAmount: 1_000n, channelFee: 6n, localAmount: 1_100n, localFee: 6n });
    await reconDifferenceFixture(open, { type: "MISSING_CHANNEL", localAmount: 500n, localFee: 3n, status: "EXPECTED" });
    const closed = await closeRunFixture(await reconRunFixture({ channelAccountId: alipay.id, billDate: "2026-10-10", figures: { billRows: 3, matched: 3 } }));
    await closeRunFixture(await reconRunFixture({ channelAccountId: wechat.id, billDate: "2026-10-11" }));
    await closeRunFixture(await reconRunFixture({ channelAccountId: alipay.id, billDate: "2026-10-11" }));
    await closeRunFixture(await reconRunFixture({ channelAccountId: wechat.id, billDate: "2026-10-12" }));
    await reconRunFixture({ channelAccountId: wechat.id, billDate: "2026-10-13", status: "FAILED", figures: { errorCode: "CHANNEL_ERROR" } });
    await reconRunFixture({ channelAccountId: alipay.id, billDate: "2026-10-14", status: "MATCHING" });

    const { runs } = await finance.reconciliation.runs({ mchNo: DEMO, from: "2026-10-10", to: "2026-10-10" });
    expect(runs.map((r) => r.id).sort()).toEqual([open.id, closed.id].sort());
    expect(runs.find((r) => r.id === open.id)).toMatchObject({ billDate: "2026-10-10", billRows: 12, matched: 10, billPaymentAmount: 123_400n, amountMismatch: 1, missingChannel: 1, differences: 2, openDifferences: 2, active: false });
    const onlyAlipay = await finance.reconciliation.runs({ mchNo: DEMO, from: "2026-10-01", to: "2026-10-31", channelAccountId: alipay.id });
    expect(new Set(onlyAlipay.runs.map((r) => r.channelAccountId))).toEqual(new Set([alipay.id]));

    // both accounts existed then (the seed made them today): a day only one of them reconciled is partial
    await db.channelAccount.updateMany({ where: { id: { in: [wechat.id, alipay.id] } }, data: { createdAt: new Date("2026-01-01T00:00:00Z") } });
    const days = await finance.reconciliation.calendar({ mchNo: DEMO, month: "2026-10" });
    expect(days).toHaveLength(31);
    const state = (date: string) => days.find((d) => d.date === date);
    expect(state("2026-10-10")).toMatchObject({ state: "open", open: 2, runs: 2 });
    expect(state("2026-10-11")).toMatchObject({ state: "closed", open: 0 });
    expect(state("2026-10-12")?.state).toBe("partial");
    expect(state("2026-10-13")?.state).toBe("failed");
    expect(state("2026-10-14")?.state).toBe("running");
    expect(state("2026-10-20")?.state).toBe("not_run");
    expect((await finance.reconciliation.calendar({ mchNo: DEMO, month: "2026-10", channelAccountId: wechat.id })).find((d) => d.date === "2026-10-12")?.state).toBe("closed");
    expect((await finance.reconciliation.calendar({ mchNo: DEMO, month: "2099-01" }))[0].state).toBe("future");

    const detail = await finance.reconciliation.run({ mchNo: DEMO, runId: open.id });
    expect(detail.differenceStatus).toEqual({ open: 1, expected: 1, resolved: 0 });
    expect(detail.account?.channel).toBe("wechatpay");
    expect(await outcome(finance.reconciliation.run({ mchNo: DEMO, runId: "nope" }))).toBe("NOT_FOUND");
  });

  it("filters and pages the discrepancy queue, and shows one difference with both sides, comments and audit", async () => {
    const finance = await callerAs("finance@demo.local");
    const financeId = (await db.user.findUniqueOrThrow({ where: { email: "finance@demo.local" } })).id;
    const run = await reconRunFixture({ channelAccountId: alipay.id, billDate: "2026-09-05" });
    const made = [];
    for (let i = 0; i < 55; i++) made.push(await reconDifferenceFixture(run, { type: i % 2 ? "FEE_MISMATCH" : "MISSING_LOCAL", channelAmount: 100n, channelFee: 1n, localAmount: i % 2 ? 100n : null, localFee: i % 2 ? 2n : null }));
    const first = await finance.reconciliation.differences({ mchNo: DEMO, from: "2026-09-05", to: "2026-09-05" });
    expect(first.rows).toHaveLength(50);
    expect(first.total).toBe(55);
    const second = await finance.reconciliation.differences({ mchNo: DEMO, from: "2026-09-05", to: "2026-09-05", cursor: first.nextCursor ?? undefined });
    expect(second.rows).toHaveLength(5);
    expect(second.nextCursor).toBeNull();
    expect(new Set([...first.rows, ...second.rows].map((r) => r.id)).size).toBe(55);
    expect((await finance.reconciliation.differences({ mchNo: DEMO, runId: run.id, type: "FEE_MISMATCH" })).total).toBe(27);

    const target = made[0];
    await finance.reconciliation.assign({ mchNo: DEMO, differenceId: target.id, assigneeId: financeId });
    expect((await finance.reconciliation.differences({ mchNo: DEMO, runId: run.id, assignee: "me" })).rows.map((r) => r.id)).toEqual([target.id]);
    expect((await finance.reconciliation.differences({ mchNo: DEMO, runId: run.id, assignee: "none" })).total).toBe(54);
    await finance.reconciliation.comment({ mchNo: DEMO, differenceId: target.id, body: "查一下渠道后台" });
    expect(await outcome(finance.reconciliation.comment({ mchNo: DEMO, differenceId: target.id, body: "   " }))).toBe("BAD_REQUEST");
    expect(await outcome(finance.reconciliation.resolve({ mchNo: DEMO, differenceId: target.id, resolution: "EXPLAINED" }))).toBe("BAD_REQUEST");
    await finance.reconciliation.resolve({ mchNo: DEMO, differenceId: target.id, resolution: "EXPLAINED", note: "渠道测试单" });
    expect(await outcome(finance.reconciliation.resolve({ mchNo: DEMO, differenceId: target.id, resolution: "WRITTEN_OFF" }))).toBe("CONFLICT");

    const detail = await finance.reconciliation.difference({ mchNo: DEMO, differenceId: target.id });
    expect(detail.difference).toMatchObject({ status: "RESOLVED", resolution: "EXPLAINED", channelAmount: 100n, assigneeName: "财务 Fang", resolvedByName: "财务 Fang" });
    expect(detail.comments.map((c) => [c.body, c.authorName])).toEqual([["查一下渠道后台", "财务 Fang"]]);
    expect(detail.audit.map((a) => a.action)).toEqual(["recon_difference.assigned", "recon_difference.commented", "recon_difference.resolved"]);
    expect((await finance.reconciliation.differences({ mchNo: DEMO, runId: run.id })).total).toBe(54);
    expect((await finance.reconciliation.differences({ mchNo: DEMO, runId: run.id, status: "RESOLVED" })).rows.map((r) => r.id)).toEqual([target.id]);

    const bulk = await finance.reconciliation.bulkResolve({ mchNo: DEMO, differenceIds: [made[1].id, target.id], resolution: "ACCEPTED_CHANNEL" });
    expect(bulk.outcomes).toEqual([
      { differenceId: made[1].id, ok: true },
      { differenceId: target.id, ok: false, code: "DIFFERENCE_RESOLVED" },
    ]);
    expect(await outcome(finance.reconciliation.bulkResolve({ mchNo: DEMO, differenceIds: [], resolution: "ACCEPTED_CHANNEL" }))).toBe("BAD_REQUEST");
  });

  it("starts a run only for the merchant's own account and a real day, and sets the schedule", async () => {
    const finance = await callerAs("finance@demo.local");
    const acmeAccount = await channelAccountOf(ACME, "wechatpay");
    expect(await outcome(finance.reconciliation.startRun({ mchNo: DEMO, channelAccountId: acmeAccount.id, billDate: "2026-11-01" }))).toBe("NOT_FOUND");
    expect(await outcome(finance.reconciliation.startRun({ mchNo: DEMO, channelAccountId: wechat.id, billDate: "2026-02-30" }))).toBe("BAD_REQUEST");
    expect(await outcome(finance.reconciliation.updateSchedule({ mchNo: DEMO, channelAccountId: wechat.id, reconEnabled: true, reconHour: 24 }))).toBe("BAD_REQUEST");
    await finance.reconciliation.updateSchedule({ mchNo: DEMO, channelAccountId: wechat.id, reconEnabled: true, reconHour: 9 });
    expect((await finance.reconciliation.schedules({ mchNo: DEMO })).find((s) => s.id === wechat.id)).toMatchObject({ reconEnabled: true, reconHour: 9 });
  });

  it("exports the queue through the export jobs (finance may, the file is its own)", async () => {
    const finance = await callerAs("finance@demo.local");
    const run = await reconRunFixture({ channelAccountId: wechat.id, billDate: "2026-08-08" });
    await reconDifferenceFixture(run, { type: "AMOUNT_MISMATCH", outNo: "P20260808X-1", channelAmount: 1_000n, channelFee: 6n, localAmount: 1_100n, localFee: 6n });
    const created = await finance.exports.create({ mchNo: DEMO, request: { source: "reconDifferences", format: "csv", filters: { status: "ALL", from: "2026-08-08", to: "2026-08-08" } } });
    expect(created.status).toBe("QUEUED");
    await runExport(created.id);
    expect(await finance.exports.get({ mchNo: DEMO, exportId: created.id })).toMatchObject({ status: "SUCCEEDED", totalRows: 1, rowsWritten: 1 });
    const user = await db.user.findUniqueOrThrow({ where: { email: "finance@demo.local" } });
    const response = await openExportDownload(user.id, created.id);
    const lines = Buffer.from(await response.arrayBuffer()).subarray(3).toString("utf8").trim().split("\r\n").map((line) => line.split(","));
    const at = (name: string) => lines[1][lines[0].indexOf(name)];
    expect(lines).toHaveLength(2);
    expect([at("账单日"), at("差错类型"), at("商户单号"), at("渠道金额 (元)"), at("平台金额 (分)")]).toEqual(["2026-08-08", "AMOUNT_MISMATCH", "P20260808X-1", "10.00", "1100"]);
  });
});
