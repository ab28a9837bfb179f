import { beforeAll, describe, expect, it } from "vitest";
import { seedIfEmpty } from "@/prisma/seed";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { cst, settledPayment } from "@/server/testing/ledger-fixtures";
import { channelAccountOf, reconDifferenceFixture, reconRunFixture } from "@/server/testing/recon-fixtures";
import { assignDifference, bulkAssignDifferences } from "./assign-difference";
import { commentDifference } from "./comment-difference";
import type { ReconActor } from "./difference-access";
import { bulkResolveDifferences, resolveDifference } from "./resolve-difference";
import { listReconSchedules, updateReconSchedule } from "./update-recon-schedule";

const DEMO = "M10000001";
const ACME = "M10000002";
let merchantId = "";
let finance: ReconActor;
let users: Record<string, string> = {};
let day = 0;

/** A fresh bill day per test (a run is unique per channel account and day). */
function nextDay(): string {
  day += 1;
  return new Date(Date.UTC(2026, 9, day)).toISOString().slice(0, 10);
}

async function code(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return "OK";
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}

async function postingsOf(entryId: bigint) {
  const postings = await db.posting.findMany({ where: { entryId }, include: { account: { select: { type: true } } }, orderBy: { id: "asc" } });
  return Object.fromEntries(postings.map((p) => [p.account.type, p.amount]));
}

beforeAll(async () => {
  await seedIfEmpty();
  merchantId = (await db.merchant.findUniqueOrThrow({ where: { mchNo: DEMO } })).id;
  for (const email of ["owner@demo.local", "finance@demo.local", "viewer@demo.local", "dev@demo.local", "owner@acme.local"]) {
    users[email] = (await db.user.findUniqueOrThrow({ where: { email } })).id;
  }
  finance = { id: users["finance@demo.local"], actor: { type: "USER", id: users["finance@demo.local"], ip: "127.0.0.1" } };
});

async function paidDay(amount: number) {
  const account = await channelAccountOf(DEMO, "wechatpay");
  const billDate = nextDay();
  const payment = await settledPayment({ appId: account.appId, channel: "wechatpay", amount, at: cst(`${billDate} 12:00`), outcome: "success" });
  const entry = await db.journalEntry.findFirstOrThrow({ where: { attemptNo: payment.attemptNo, kind: "payment" } });
  const run = await reconRunFixture({ channelAccountId: account.id, billDate });
  return { account, billDate, payment, entry, run };
}

describe("resolving a difference", () => {
  it("accepts the channel's amount with one recon_adjustment entry of that day, audited, and closes the day", async () => {
    const { billDate, payment, entry, run } = await paidDay(10_000);
    const difference = await reconDifferenceFixture(run, {
      type: "AMOUNT_MISMATCH",
      outNo: payment.attemptNo,
      payOrderNo: payment.payOrderNo,
      journalEntryId: entry.id,
      localAmount: entry.amount,
      localFee: entry.fee,
      channelAmount: entry.amount - 100n,
      channelFee: entry.fee,
    });
    const result = await resolveDifference(merchantId, difference.id, { resolution: "ACCEPTED_CHANNEL" }, finance);
    expect(result.entryKind).toBe("recon_adjustment");
    expect(result.day).toEqual({ openDifferences: 0, closed: true });

    const adjustment = await db.journalEntry.findUniqueOrThrow({ where: { dedupeKey: `recon:${difference.id}` } });
    expect(adjustment).toMatchObject({ kind: "recon_adjustment", amount: -100n, fee: 0n, net: -100n, payOrderNo: payment.payOrderNo, channelAccountId: run.channelAccountId });
    expect(adjustment.reconBillDate?.toISOString().slice(0, 10)).toBe(billDate);
    // the channel settles 1 元 less: clearing and the merchant's payable both come down by it
    expect(await postingsOf(adjustment.id)).toEqual({ CHANNEL_CLEARING: -100n, MERCHANT_PAYABLE: 100n });

    const after = await db.reconDifference.findUniqueOrThrow({ where: { id: difference.id } });
    expect(after).toMatchObject({ status: "RESOLVED", resolution: "ACCEPTED_CHANNEL", resolvedById: finance.id, adjustmentEntryId: adjustment.id });
    const closedRun = await db.reconRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(closedRun.openDifferences).toBe(0);
    expect(closedRun.closedAt).not.toBeNull();
    const audit = await db.auditLog.findFirstOrThrow({ where: { targetType: "recon_difference", targetId: difference.id, action: "recon_difference.resolved" } });
    expect(audit).toMatchObject({ merchantId, actorId: finance.id, ip: "127.0.0.1" });
    expect(audit.before).toMatchObject({ status: "OPEN", resolution: null });
    expect(audit.after).toMatchObject({ status: "RESOLVED", resolution: "ACCEPTED_CHANNEL", entryKind: "recon_adjustment", adjustmentEntryId: adjustment.id.toString() });
  });

  it("posts once when two people resolve at once: the other gets DIFFERENCE_RESOLVED", async () => {
    const { payment, entry, run } = await paidDay(20_000);
    const difference = await reconDifferenceFixture(run, {
      type: "AMOUNT_MISMATCH",
      outNo: payment.attemptNo,
      payOrderNo: payment.payOrderNo,
      localAmount: entry.amount,
      localFee: entry.fee,
      channelAmount: entry.amount + 300n,
      channelFee: entry.fee,
    });
    const owner: ReconActor = { id: users["owner@demo.local"], actor: { type: "USER", id: users["owner@demo.local"], ip: null } };
    const outcomes = await Promise.all([
      code(resolveDifference(merchantId, difference.id, { resolution: "ACCEPTED_CHANNEL" }, finance)),
      code(resolveDifference(merchantId, difference.id, { resolution: "WRITTEN_OFF" }, owner)),
    ]);
    expect(outcomes.sort()).toEqual(["DIFFERENCE_RESOLVED", "OK"]);
    expect(await db.journalEntry.count({ where: { dedupeKey: `recon:${difference.id}` } })).toBe(1);
    expect(await db.auditLog.count({ where: { targetId: difference.id, action: "recon_difference.resolved" } })).toBe(1);
    // and a later click is refused the same way, with nothing written
    expect(await code(resolveDifference(merchantId, difference.id, { resolution: "EXPLAINED", note: "again" }, finance))).toBe("DIFFERENCE_RESOLVED");
    expect((await db.reconDifference.findUniqueOrThrow({ where: { id: difference.id } })).note).toBeNull();
  });

  it("takes a fee the channel charged otherwise with a fee_adjustment entry", async () => {
    const { payment, entry, run } = await paidDay(50_000);
    const difference = await reconDifferenceFixture(run, {
      type: "FEE_MISMATCH",
      outNo: payment.attemptNo,
      payOrderNo: payment.payOrderNo,
      localAmount: entry.amount,
      localFee: entry.fee,
      channelAmount: entry.amount,
      channelFee: entry.fee + 12n,
    });
    const result = await resolveDifference(merchantId, difference.id, { resolution: "ACCEPTED_CHANNEL", note: "channel rate changed" }, finance);
    expect(result.entryKind).toBe("fee_adjustment");
    const adjustment = await db.journalEntry.findUniqueOrThrow({ where: { dedupeKey: `recon:${difference.id}` } });
    expect(adjustment).toMatchObject({ kind: "fee_adjustment", amount: 0n, fee: 12n, net: -12n });
    expect(await postingsOf(adjustment.id)).toEqual({ CHANNEL_CLEARING: -12n, CHANNEL_FEES: 12n });
  });

  it("accepting the channel's word on a payment it billed as revoked takes the journaled payment back out", async () => {
    const { payment, entry, run } = await paidDay(12_900);
    const difference = await reconDifferenceFixture(run, {
      type: "STATUS_MISMATCH",
      outNo: payment.attemptNo,
      payOrderNo: payment.payOrderNo,
      journalEntryId: entry.id,
      localAmount: entry.amount,
      localFee: entry.fee,
      channelAmount: entry.amount,
      channelFee: entry.fee,
      channelState: "REVOKED",
    });
    const result = await resolveDifference(merchantId, difference.id, { resolution: "ACCEPTED_CHANNEL", note: "revoked by the channel" }, finance);
    expect(result.entryKind).toBe("recon_adjustment");
    const adjustment = await db.journalEntry.findUniqueOrThrow({ where: { dedupeKey: `recon:${difference.id}` } });
    expect(adjustment).toMatchObject({ kind: "recon_adjustment", amount: -entry.amount, fee: -entry.fee });
    const postings = await postingsOf(adjustment.id);
    expect(postings).toEqual({ CHANNEL_CLEARING: -(entry.amount - entry.fee), CHANNEL_FEES: -entry.fee, MERCHANT_PAYABLE: entry.amount });
  });

  it("writes off a movement the channel never billed against RECON_WRITE_OFFS", async () => {
    const { payment, entry, run } = await paidDay(8_800);
    const difference = await reconDifferenceFixture(run, {
      type: "MISSING_CHANNEL",
      outNo: payment.attemptNo,
      payOrderNo: payment.payOrderNo,
      journalEntryId: entry.id,
      localAmount: entry.amount,
      localFee: entry.fee,
    });
    const result = await resolveDifference(merchantId, difference.id, { resolution: "WRITTEN_OFF", note: "channel confirmed no settlement" }, finance);
    expect(result.entryKind).toBe("recon_write_off");
    const adjustment = await db.journalEntry.findUniqueOrThrow({ where: { dedupeKey: `recon:${difference.id}` } });
    const clearing = -(entry.amount - entry.fee);
    expect(adjustment).toMatchObject({ kind: "recon_write_off", net: clearing });
    expect(await postingsOf(adjustment.id)).toEqual({ CHANNEL_CLEARING: clearing, RECON_WRITE_OFFS: -clearing });
  });

  it("explains without moving money, but only with a note", async () => {
    const { payment, run } = await paidDay(1_000);
    const difference = await reconDifferenceFixture(run, { type: "MISSING_LOCAL", outNo: `${payment.payOrderNo}-9`, channelAmount: 1_000n, channelFee: 6n });
    expect(await code(resolveDifference(merchantId, difference.id, { resolution: "EXPLAINED" }, finance))).toBe("VALIDATION_FAILED");
    expect((await db.reconDifference.findUniqueOrThrow({ where: { id: difference.id } })).status).toBe("OPEN");
    const result = await resolveDifference(merchantId, difference.id, { resolution: "EXPLAINED", note: "a test trade made in the channel's own console" }, finance);
    expect(result.entryKind).toBeNull();
    expect(result.difference).toMatchObject({ status: "RESOLVED", resolution: "EXPLAINED", adjustmentEntryId: null, note: "a test trade made in the channel's own console" });
    expect(await db.journalEntry.count({ where: { dedupeKey: `recon:${difference.id}` } })).toBe(0);
  });

  it("keeps the day open while another difference of it is left", async () => {
    const { payment, entry, run } = await paidDay(3_000);
    const first = await reconDifferenceFixture(run, { type: "FEE_MISMATCH", outNo: payment.attemptNo, localAmount: entry.amount, localFee: entry.fee, channelAmount: entry.amount, channelFee: entry.fee + 1n });
    const second = await reconDifferenceFixture(run, { type: "MISSING_LOCAL", outNo: `${payment.payOrderNo}-7`, channelAmount: 500n, channelFee: 3n, status: "EXPECTED" });
    expect((await resolveDifference(merchantId, first.id, { resolution: "ACCEPTED_CHANNEL" }, finance)).day).toEqual({ openDifferences: 1, closed: false });
    expect((await resolveDifference(merchantId, second.id, { resolution: "EXPLAINED", note: "billed the next day" }, finance)).day).toEqual({ openDifferences: 0, closed: true });
  });

  it("never reaches another merchant's difference", async () => {
    const acmeAccount = await channelAccountOf(ACME, "wechatpay");
    const run = await reconRunFixture({ channelAccountId: acmeAccount.id, billDate: nextDay() });
    const foreign = await reconDifferenceFixture(run, { type: "MISSING_LOCAL", channelAmount: 100n, channelFee: 0n });
    expect(await code(resolveDifference(merchantId, foreign.id, { resolution: "WRITTEN_OFF" }, finance))).toBe("DIFFERENCE_NOT_FOUND");
    expect(await code(assignDifference(merchantId, foreign.id, finance.id, finance))).toBe("DIFFERENCE_NOT_FOUND");
    expect(await code(commentDifference(merchantId, foreign.id, "hello", finance))).toBe("DIFFERENCE_NOT_FOUND");
    expect((await db.reconDifference.findUniqueOrThrow({ where: { id: foreign.id } })).status).toBe("OPEN");
  });

  it("resolves many at once, each on its own, with an outcome per id", async () => {
    const { payment, entry, run } = await paidDay(7_000);
    const open = await reconDifferenceFixture(run, { type: "FEE_MISMATCH", outNo: payment.attemptNo, localAmount: entry.amount, localFee: entry.fee, channelAmount: entry.amount, channelFee: entry.fee + 2n });
    const other = await reconDifferenceFixture(run, { type: "MISSING_LOCAL", outNo: `${payment.payOrderNo}-5`, channelAmount: 200n, channelFee: 1n });
    const done = await reconDifferenceFixture(run, { type: "MISSING_LOCAL", outNo: `${payment.payOrderNo}-6`, channelAmount: 300n, channelFee: 1n });
    await resolveDifference(merchantId, done.id, { resolution: "EXPLAINED", note: "done before" }, finance);
    const outcomes = await bulkResolveDifferences(merchantId, [open.id, other.id, done.id, "0190c5c8-0000-7000-8000-000000000000"], { resolution: "WRITTEN_OFF", note: "month end" }, finance);
    expect(outcomes).toEqual([
      { differenceId: open.id, ok: true },
      { differenceId: other.id, ok: true },
      { differenceId: done.id, ok: false, code: "DIFFERENCE_RESOLVED" },
      { differenceId: "0190c5c8-0000-7000-8000-000000000000", ok: false, code: "DIFFERENCE_NOT_FOUND" },
    ]);
    expect((await db.journalEntry.findUniqueOrThrow({ where: { dedupeKey: `recon:${open.id}` } })).kind).toBe("recon_write_off");
    expect((await db.reconRun.findUniqueOrThrow({ where: { id: run.id } })).closedAt).not.toBeNull();
  });
});

describe("assigning and commenting", () => {
  it("assigns to a member who may resolve, refuses anyone else, audits each step", async () => {
    const { run } = await paidDay(100);
    const difference = await reconDifferenceFixture(run, { type: "MISSING_LOCAL", channelAmount: 100n, channelFee: 0n });
    const assigned = await assignDifference(merchantId, difference.id, users["owner@demo.local"], finance);
    expect(assigned.assigneeId).toBe(users["owner@demo.local"]);
    for (const email of ["viewer@demo.local", "dev@demo.local", "owner@acme.local"]) {
      expect(await code(assignDifference(merchantId, difference.id, users[email], finance)), email).toBe("VALIDATION_FAILED");
    }
    expect(await code(assignDifference(merchantId, difference.id, "no-such-user", finance))).toBe("VALIDATION_FAILED");
    await assignDifference(merchantId, difference.id, null, finance);
    expect((await db.reconDifference.findUniqueOrThrow({ where: { id: difference.id } })).assigneeId).toBeNull();
    const audits = await db.auditLog.findMany({ where: { targetId: difference.id, action: "recon_difference.assigned" }, orderBy: { id: "asc" } });
    expect(audits.map((a) => (a.after as { assigneeId: string | null }).assigneeId)).toEqual([users["owner@demo.local"], null]);

    const outcomes = await bulkAssignDifferences(merchantId, [difference.id, difference.id], finance.id, finance);
    expect(outcomes).toEqual([{ differenceId: difference.id, ok: true }]);
    await resolveDifference(merchantId, difference.id, { resolution: "EXPLAINED", note: "ok" }, finance);
    expect(await code(assignDifference(merchantId, difference.id, users["owner@demo.local"], finance))).toBe("DIFFERENCE_RESOLVED");
  });

  it("keeps comments with their author, resolved or not, audited", async () => {
    const { run } = await paidDay(100);
    const difference = await reconDifferenceFixture(run, { type: "MISSING_LOCAL", channelAmount: 100n, channelFee: 0n });
    await commentDifference(merchantId, difference.id, "asked the channel's support", finance);
    await resolveDifference(merchantId, difference.id, { resolution: "EXPLAINED", note: "ok" }, finance);
    await commentDifference(merchantId, difference.id, "they confirmed", finance);
    const comments = await db.reconComment.findMany({ where: { differenceId: difference.id }, orderBy: { createdAt: "asc" } });
    expect(comments.map((c) => [c.body, c.authorId])).toEqual([
      ["asked the channel's support", finance.id],
      ["they confirmed", finance.id],
    ]);
    expect(await db.auditLog.count({ where: { targetId: difference.id, action: "recon_difference.commented" } })).toBe(2);
  });
});

describe("the daily schedule", () => {
  it("is set per channel account, audited, and not for another merchant's account", async () => {
    const account = await channelAccountOf(DEMO, "alipay");
    expect((await listReconSchedules(merchantId)).find((a) => a.id === account.id)).toMatchObject({ reconEnabled: true, reconHour: 10 });
    await updateReconSchedule(merchantId, finance.actor, { channelAccountId: account.id, reconEnabled: false, reconHour: 7 });
    expect(await db.channelAccount.findUniqueOrThrow({ where: { id: account.id } })).toMatchObject({ reconEnabled: false, reconHour: 7 });
    const audit = await db.auditLog.findFirstOrThrow({ where: { targetId: account.id, action: "channel_account.recon_schedule_updated" } });
    expect([audit.before, audit.after]).toEqual([{ reconEnabled: true, reconHour: 10 }, { reconEnabled: false, reconHour: 7 }]);
    const acme = await channelAccountOf(ACME, "alipay");
    expect(await code(updateReconSchedule(merchantId, finance.actor, { channelAccountId: acme.id, reconEnabled: false, reconHour: 3 }))).toBe("NOT_FOUND");
    expect((await db.channelAccount.findUniqueOrThrow({ where: { id: acme.id } })).reconEnabled).toBe(true);
  });
});
