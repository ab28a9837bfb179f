import { beforeAll, describe, expect, it } from "vitest";
import { seedIfEmpty } from "@/prisma/seed";
import { db } from "@/server/db";
import { type EntryKind, SETTLED_KINDS } from "@/server/domain/ledger";
import { addDays } from "@/server/domain/report-range";
import { statementTotals } from "@/server/domain/settlement";
import { AppError } from "@/server/errors";
import { cst } from "@/server/testing/ledger-fixtures";
import { postEntry, reconDay, type SettlementMerchant, settlementMerchant } from "@/server/testing/settlement-fixtures";
import { cronItems, taskList } from "@/server/jobs/registry";
import { cutDueStatements } from "./cut-due-statements";
import { cutStatements } from "./cut-statements";
import { getStatement } from "./get-statement";
import { listLineEntries } from "./list-line-entries";
import { listStatements } from "./list-statements";
import { refreshDayClosure } from "@/server/services/reconciliation/day-closure";
import { updateSettlementSetting } from "./settlement-settings";
import { confirmStatement, recordPayout, voidStatement } from "./statement-lifecycle";

const SYSTEM = { id: "", actor: { type: "SYSTEM" as const } };
let finance = SYSTEM as { id: string; actor: { type: "USER"; id: string; ip: string | null } | { type: "SYSTEM" } };

beforeAll(async () => {
  await seedIfEmpty();
  const user = await db.user.findUniqueOrThrow({ where: { email: "finance@demo.local" } });
  finance = { id: user.id, actor: { type: "USER", id: user.id, ip: "127.0.0.1" } };
});

/** mulberry32: a seeded PRNG, so a failing run can be replayed. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
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

/**
 * The invariants of a merchant's statements: every line equals the sum of the entries pointing at it,
 * every statement the sum of its lines, a voided statement holds no entry, Σ statements' net equals Σ of
 * the claimed entries' net, and every settled entry before `claimedBefore` is claimed.
 */
async function expectConsistent(merchantId: string, claimedBefore: Date) {
  const lines = await db.$queryRaw<{ id: bigint; status: string; entryCount: number; amount: bigint; fee: bigint; net: bigint; n: bigint; a: bigint; f: bigint; t: bigint }[]>`
    SELECT l.id, s.status::text AS status, l."entryCount", l.amount, l.fee, l.net,
           count(e.id)::bigint AS n, coalesce(sum(e.amount), 0)::bigint AS a, coalesce(sum(e.fee), 0)::bigint AS f, coalesce(sum(e.net), 0)::bigint AS t
    FROM "SettlementLine" l JOIN "SettlementStatement" s ON s."statementNo" = l."statementNo"
    LEFT JOIN "JournalEntry" e ON e."settlementLineId" = l.id
    WHERE s."merchantId" = ${merchantId} GROUP BY l.id, s.status`;
  for (const l of lines) {
    if (l.status === "VOIDED") expect(Number(l.n), `voided line ${l.id}`).toBe(0);
    else expect([Number(l.n), l.a, l.f, l.t], `line ${l.id}`).toEqual([l.entryCount, l.amount, l.fee, l.net]);
  }
  const statements = await db.settlementStatement.findMany({ where: { merchantId, status: { not: "VOIDED" } }, include: { lines: true } });
  let statementNet = 0n;
  for (const s of statements) {
    const totals = statementTotals(s.lines);
    expect(
      [s.entryCount, s.grossAmount, s.refundAmount, s.feeAmount, s.profitShareAmount, s.assetAmount, s.adjustmentAmount, s.netAmount, s.unreconciledAmount],
      s.statementNo,
    ).toEqual([totals.entryCount, totals.grossAmount, totals.refundAmount, totals.feeAmount, totals.profitShareAmount, totals.assetAmount, totals.adjustmentAmount, totals.netAmount, totals.unreconciledAmount]);
    statementNet += s.netAmount;
  }
  const claimed = await db.journalEntry.aggregate({ where: { merchantId, settlementLineId: { not: null } }, _sum: { net: true } });
  expect(statementNet).toBe(claimed._sum.net ?? 0n);
  const unclaimedBefore = await db.journalEntry.count({ where: { merchantId, settlementLineId: null, kind: { in: [...SETTLED_KINDS] }, occurredAt: { lt: claimedBefore } } });
  expect(unclaimedBefore).toBe(0);
  const strays = await db.journalEntry.count({ where: { merchantId, settlementLineId: { not: null }, kind: { notIn: [...SETTLED_KINDS] } } });
  expect(strays).toBe(0);
  return { statementNet, statements: statements.length };
}

async function journalNet(merchantId: string): Promise<bigint> {
  const sum = await db.journalEntry.aggregate({ where: { merchantId, kind: { in: [...SETTLED_KINDS] } }, _sum: { net: true } });
  return sum._sum.net ?? 0n;
}

const payment = (m: SettlementMerchant, at: Date, amount: bigint, app = 0, account = 0) =>
  postEntry({ merchantId: m.merchantId, appId: m.apps[app].appId, account: m.apps[app].accounts[account], kind: "payment", amount, fee: (amount * 6n) / 1000n, at });

describe("cutting T1 statements over random days", () => {
  it("Σ statements' net equals the journal to the fen; every line is the sum of its entries; late entries go to the next statement", async () => {
    const random = prng(20261204);
    const pick = <T,>(items: readonly T[]) => items[Math.floor(random() * items.length)];
    const amount = (max: number) => BigInt(1 + Math.floor(random() * max));
    const m = await settlementMerchant(2);
    await updateSettlementSetting(m.merchantId, { cycle: "T1", scope: "APP", source: "JOURNAL" }, finance);
    const first = "2026-10-01";
    let late = 0;
    for (let d = 0; d < 20; d++) {
      const day = addDays(first, d);
      const events = 3 + Math.floor(random() * 6);
      for (let i = 0; i < events; i++) {
        const app = Math.floor(random() * 2);
        const account = m.apps[app].accounts[Math.floor(random() * 2)];
        const at = cst(`${day} ${String(Math.floor(random() * 24)).padStart(2, "0")}:${String(Math.floor(random() * 60)).padStart(2, "0")}`);
        const paid = amount(100_000);
        const base = { merchantId: m.merchantId, appId: m.apps[app].appId, at };
        await postEntry({ ...base, account, kind: "payment", amount: paid, fee: (paid * 6n) / 1000n });
        const extra = pick(["refund", "duplicate_refund", "fee_adjustment", "profit_share", "profit_share_return", "wallet_top_up", "wallet_pay", "wallet_freeze", "none"] as const);
        if (extra === "refund" || extra === "duplicate_refund") {
          const back = 1n + (paid * BigInt(Math.floor(random() * 100))) / 100n;
          await postEntry({ ...base, account, kind: extra, amount: back > paid ? paid : back, fee: ((back > paid ? paid : back) * 6n) / 1000n });
        } else if (extra === "fee_adjustment") {
          await postEntry({ ...base, account, kind: extra, amount: 0n, fee: BigInt(Math.floor(random() * 21) - 10) || 1n });
        } else if (extra === "profit_share" || extra === "profit_share_return") {
          await postEntry({ ...base, account, kind: extra, amount: amount(Number(paid) / 3) });
        } else if (extra.startsWith("wallet")) {
          await postEntry({ ...base, account: "wallet", kind: extra as EntryKind, amount: amount(5_000) });
        }
      }
      // the channel closes some days' reconciliation; JOURNAL source flags the others' lines
      if (random() < 0.5) await reconDay(m.apps[0].accounts[0].id, day, true);
      // an entry of two days ago posted only now (its day is cut already): carried into the next statement
      if (d >= 2 && random() < 0.4) {
        await payment(m, cst(`${addDays(day, -2)} 23:59`), amount(10_000), 1, 1);
        late += 1;
      }
      await cutStatements(m.merchantId, cst(`${addDays(day, 1)} 00:30`));
    }
    const end = cst(`${addDays(first, 20)} 00:00`);
    const { statementNet } = await expectConsistent(m.merchantId, end);
    expect(statementNet).toBe(await journalNet(m.merchantId));
    const statements = await db.settlementStatement.findMany({ where: { merchantId: m.merchantId }, orderBy: { periodEnd: "asc" } });
    // one statement per app and day, each the app's own
    expect(new Set(statements.map((s) => s.periodEnd.toISOString())).size).toBe(20);
    expect(statements.every((s) => m.apps.some((a) => a.appId === s.groupKey) && s.cycle === "T1" && s.scope === "APP" && s.source === "JOURNAL")).toBe(true);
    for (const s of statements) {
      const apps = await db.settlementLine.findMany({ where: { statementNo: s.statementNo }, distinct: ["appId"], select: { appId: true } });
      expect(apps.map((a) => a.appId)).toEqual([s.groupKey]);
    }
    expect(statements.reduce((n, s) => n + s.carriedEntries, 0)).toBe(late);
    // lines of days whose reconciliation was not closed are flagged, and their net is the statement's unreconciled amount
    const unflagged = await db.settlementLine.findMany({ where: { statement: { merchantId: m.merchantId }, reconciled: false } });
    expect(unflagged.every((l) => l.channelAccountId !== "wallet")).toBe(true);
    expect(statements.reduce((n, s) => n + s.unreconciledAmount, 0n)).toBe(unflagged.reduce((n, l) => n + l.net, 0n));
    // a second cut at the same time changes nothing
    expect((await cutStatements(m.merchantId, cst(`${addDays(first, 20)} 00:30`))).statementNos).toEqual([]);
    // the console's list pages through all of them, newest first
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listStatements(m.merchantId, { limit: 7, cursor });
      seen.push(...page.items.map((s) => s.statementNo));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(statements.map((s) => s.statementNo).sort((a, b) => {
      const pa = statements.find((s) => s.statementNo === a)!.periodEnd.getTime();
      const pb = statements.find((s) => s.statementNo === b)!.periodEnd.getTime();
      return pb - pa || (a < b ? 1 : -1);
    }));
  });
});

describe("cutting D0 statements", () => {
  it("cuts up to the current hour; successive hours never count an entry twice; an entry posted late into a cut hour lands in the next", async () => {
    const m = await settlementMerchant(1);
    await updateSettlementSetting(m.merchantId, { cycle: "D0", scope: "MERCHANT", source: "RECONCILED" }, finance);
    await payment(m, cst("2026-10-05 10:15"), 10_000n);
    await payment(m, cst("2026-10-05 10:40"), 20_000n);
    await payment(m, cst("2026-10-05 11:10"), 40_000n); // in the current hour: not yet
    const [firstNo] = (await cutStatements(m.merchantId, cst("2026-10-05 11:20"))).statementNos;
    const first = await db.settlementStatement.findUniqueOrThrow({ where: { statementNo: firstNo } });
    expect(first).toMatchObject({ cycle: "D0", source: "JOURNAL", entryCount: 2, grossAmount: 30_000n, periodStart: cst("2026-10-05 10:15"), periodEnd: cst("2026-10-05 11:00") });
    // D0 does not wait for reconciliation: its lines are flagged
    expect(first.unreconciledAmount).toBe(first.netAmount);
    expect((await cutStatements(m.merchantId, cst("2026-10-05 11:59"))).statementNos).toEqual([]);
    await payment(m, cst("2026-10-05 10:50"), 80_000n); // occurred in the hour already cut
    const [secondNo] = (await cutStatements(m.merchantId, cst("2026-10-05 12:05"))).statementNos;
    const second = await db.settlementStatement.findUniqueOrThrow({ where: { statementNo: secondNo } });
    expect(second).toMatchObject({ entryCount: 2, grossAmount: 120_000n, carriedEntries: 1, periodStart: cst("2026-10-05 11:00"), periodEnd: cst("2026-10-05 12:00") });
    expect((await cutStatements(m.merchantId, cst("2026-10-05 12:06"))).statementNos).toEqual([]);
    const { statementNet } = await expectConsistent(m.merchantId, cst("2026-10-05 12:00"));
    expect(statementNet).toBe(await journalNet(m.merchantId));
  });
});

describe("the RECONCILED source", () => {
  it("waits for a day until every channel account with entries closed it (wallet needs none), then cuts it once", async () => {
    const m = await settlementMerchant(1);
    const [wechat, alipay] = m.apps[0].accounts;
    await payment(m, cst("2026-10-07 09:00"), 10_000n, 0, 0);
    await payment(m, cst("2026-10-07 09:30"), 5_000n, 0, 1);
    await postEntry({ merchantId: m.merchantId, appId: m.apps[0].appId, account: "wallet", kind: "wallet_pay", amount: 3_000n, at: cst("2026-10-07 10:00") });
    await payment(m, cst("2026-10-08 09:00"), 7_000n, 0, 0);
    const now = cst("2026-10-09 08:00");
    expect((await cutStatements(m.merchantId, now)).statementNos).toEqual([]);
    await reconDay(wechat.id, "2026-10-07", true);
    await reconDay(alipay.id, "2026-10-07", false);
    expect((await cutStatements(m.merchantId, now)).statementNos).toEqual([]);
    await reconDay(alipay.id, "2026-10-07", true);
    const cut = await cutStatements(m.merchantId, now);
    expect(cut.statementNos).toHaveLength(1); // the 8th waits for its own reconciliation
    const statement = await db.settlementStatement.findUniqueOrThrow({ where: { statementNo: cut.statementNos[0] }, include: { lines: true } });
    expect(statement).toMatchObject({ cycle: "T1", scope: "MERCHANT", source: "RECONCILED", entryCount: 3, grossAmount: 15_000n, assetAmount: 3_000n, unreconciledAmount: 0n, periodEnd: cst("2026-10-08 00:00") });
    expect(statement.lines.every((l) => l.reconciled)).toBe(true);
    expect((await cutStatements(m.merchantId, now)).statementNos).toEqual([]);
    await reconDay(wechat.id, "2026-10-08", true);
    expect((await cutStatements(m.merchantId, now)).statementNos).toHaveLength(1);
    await expectConsistent(m.merchantId, cst("2026-10-09 00:00"));
    // the cron finds the merchant among those with unclaimed entries and cuts it the same way
    await payment(m, cst("2026-10-09 09:00"), 1_000n, 0, 0);
    await reconDay(wechat.id, "2026-10-09", true);
    const due = await cutDueStatements(cst("2026-10-10 08:20"));
    expect(due.statementNos.length).toBeGreaterThanOrEqual(1);
    expect(await db.settlementStatement.count({ where: { merchantId: m.merchantId } })).toBe(3);
  });

  it("a statement cut from the journal stops flagging a day once finance closes it (and flags it again if it reopens)", async () => {
    const m = await settlementMerchant(1);
    const [wechat, alipay] = m.apps[0].accounts;
    await updateSettlementSetting(m.merchantId, { cycle: "T1", scope: "MERCHANT", source: "JOURNAL" }, finance);
    await payment(m, cst("2026-10-07 09:00"), 10_000n, 0, 0);
    await payment(m, cst("2026-10-07 09:30"), 5_000n, 0, 1);
    const [statementNo] = (await cutStatements(m.merchantId, cst("2026-10-08 08:00"))).statementNos;
    const flagged = () => db.settlementStatement.findUniqueOrThrow({ where: { statementNo }, include: { lines: { orderBy: { id: "asc" } } } });
    const cut = await flagged();
    expect(cut.unreconciledAmount).toBe(cut.netAmount);
    const alipayNet = cut.lines.filter((l) => l.channelAccountId === alipay.id).reduce((sum, l) => sum + l.net, 0n);
    expect(alipayNet).toBeGreaterThan(0n);
    // the day's runs: WeChat Pay's closes, Alipay's is still open — the flag follows each account
    const wechatRun = await reconDay(wechat.id, "2026-10-07", false);
    const alipayRun = await reconDay(alipay.id, "2026-10-07", false);
    await db.reconRun.update({ where: { id: alipayRun.id }, data: { status: "MATCHING" } }); // still running
    await db.$transaction((tx) => refreshDayClosure(tx, wechatRun.id));
    await db.$transaction((tx) => refreshDayClosure(tx, alipayRun.id));
    let statement = await flagged();
    expect(Object.fromEntries(statement.lines.map((l) => [l.channelAccountId, l.reconciled]))).toEqual({ [wechat.id]: true, [alipay.id]: false });
    expect(statement.unreconciledAmount).toBe(alipayNet);
    // a difference reopens WeChat Pay's day: flagged again
    await db.reconRun.update({ where: { id: wechatRun.id }, data: { status: "FAILED" } });
    await db.$transaction((tx) => refreshDayClosure(tx, wechatRun.id));
    expect((await flagged()).unreconciledAmount).toBe(cut.netAmount);
    await db.reconRun.update({ where: { id: wechatRun.id }, data: { status: "SUCCEEDED" } });
    await db.reconRun.update({ where: { id: alipayRun.id }, data: { status: "SUCCEEDED" } });
    await db.$transaction((tx) => refreshDayClosure(tx, wechatRun.id));
    await db.$transaction((tx) => refreshDayClosure(tx, alipayRun.id));
    statement = await flagged();
    expect(statement.unreconciledAmount).toBe(0n);
    expect(statement.lines.every((l) => l.reconciled)).toBe(true);
    await expectConsistent(m.merchantId, cst("2026-10-08 00:00"));
  });

  it("is on the crontab every hour at minute 20, on the settlement queue", () => {
    expect(cronItems().find((c) => c.task === "cut-due-statements")).toMatchObject({ match: "20 * * * *", options: { queueName: "settlement" } });
    expect(Object.keys(taskList())).toContain("cut-due-statements");
  });
});

describe("a statement's life", () => {
  it("void releases the entries into the next statement; payout posts one balanced entry that moves the merchant's payable", async () => {
    const m = await settlementMerchant(1);
    await updateSettlementSetting(m.merchantId, { cycle: "T1", scope: "MERCHANT", source: "JOURNAL" }, finance);
    await payment(m, cst("2026-10-11 09:00"), 10_000n);
    await payment(m, cst("2026-10-12 09:00"), 20_000n);
    const [day11, day12] = (await cutStatements(m.merchantId, cst("2026-10-13 01:00"))).statementNos;
    expect(await db.event.count({ where: { merchantId: m.merchantId, type: "settlement.created" } })).toBe(2);

    const voided = await voidStatement(m.merchantId, day11, "商户银行账户变更", finance);
    expect(voided).toMatchObject({ status: "VOIDED", voidReason: "商户银行账户变更" });
    expect(await code(voidStatement(m.merchantId, day11, "again", finance))).toBe("INVALID_TRANSITION");
    expect(await code(confirmStatement(m.merchantId, day11, finance))).toBe("INVALID_TRANSITION");
    await payment(m, cst("2026-10-13 09:00"), 40_000n);
    const [day13] = (await cutStatements(m.merchantId, cst("2026-10-14 01:00"))).statementNos;
    const next = await db.settlementStatement.findUniqueOrThrow({ where: { statementNo: day13 } });
    expect(next).toMatchObject({ grossAmount: 50_000n, entryCount: 2, carriedEntries: 1 });
    await expectConsistent(m.merchantId, cst("2026-10-14 00:00"));

    const payable = async () => {
      const rows = await db.posting.aggregate({ where: { account: { merchantId: m.merchantId, type: "MERCHANT_PAYABLE" } }, _sum: { amount: true } });
      return rows._sum.amount ?? 0n;
    };
    const before = await payable();
    expect(await code(recordPayout(m.merchantId, day12, { reference: "HX1", paidAt: "2026-10-14" }, finance))).toBe("INVALID_TRANSITION");
    await confirmStatement(m.merchantId, day12, finance);
    expect(await code(confirmStatement(m.merchantId, day12, finance))).toBe("INVALID_TRANSITION");
    const twice = await Promise.allSettled([
      recordPayout(m.merchantId, day12, { reference: "HX1", paidAt: "2026-10-14", note: "第一笔" }, finance),
      recordPayout(m.merchantId, day12, { reference: "HX2", paidAt: "2026-10-14" }, finance),
    ]);
    expect(twice.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = twice.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect((refused.reason as AppError).code).toBe("INVALID_TRANSITION");
    const paid = await db.settlementStatement.findUniqueOrThrow({ where: { statementNo: day12 } });
    expect(paid).toMatchObject({ status: "PAID_OUT", payoutAccount: { holder: "结算测试有限公司", bank: "招商银行", account: "**** 6789" } });
    const entries = await db.journalEntry.findMany({ where: { merchantId: m.merchantId, kind: "settlement_payout" }, include: { postings: true } });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ id: paid.payoutEntryId, dedupeKey: `payout:${day12}`, amount: -paid.netAmount, fee: 0n, memo: day12, settlementLineId: null });
    expect(entries[0].postings.reduce((s, p) => s + p.amount, 0n)).toBe(0n);
    expect((await payable()) - before).toBe(paid.netAmount);
    expect(await db.event.count({ where: { merchantId: m.merchantId, type: "settlement.paid_out" } })).toBe(1);
    expect(await code(voidStatement(m.merchantId, day12, "too late", finance))).toBe("INVALID_TRANSITION");
    // the payout is never in a statement
    await cutStatements(m.merchantId, cst("2026-10-20 01:00"));
    expect((await db.journalEntry.findUniqueOrThrow({ where: { id: entries[0].id } })).settlementLineId).toBeNull();

    const detail = await getStatement(m.merchantId, day12);
    expect(detail.trail.map((t) => t.action)).toEqual(["settlement.created", "settlement.confirmed", "settlement.paid_out"]);
    const lineId = BigInt(detail.lines[0].lineId);
    const linked = await listLineEntries(m.merchantId, day12, lineId, null, 50);
    expect(linked.items.map((e) => e.amount)).toEqual([20_000n]);
    const other = await settlementMerchant(1);
    expect(await code(getStatement(other.merchantId, day12))).toBe("SETTLEMENT_NOT_FOUND");
    expect(await code(listLineEntries(other.merchantId, day12, lineId, null, 50))).toBe("SETTLEMENT_NOT_FOUND");
    expect(await code(confirmStatement(other.merchantId, day13, finance))).toBe("SETTLEMENT_NOT_FOUND");
  });

  it("a statement whose net is not positive can only be voided", async () => {
    const m = await settlementMerchant(1);
    await updateSettlementSetting(m.merchantId, { cycle: "T1", scope: "MERCHANT", source: "JOURNAL" }, finance);
    await postEntry({ merchantId: m.merchantId, appId: m.apps[0].appId, account: "wallet", kind: "wallet_top_up", amount: 5_000n, at: cst("2026-10-15 09:00") });
    const [no] = (await cutStatements(m.merchantId, cst("2026-10-16 01:00"))).statementNos;
    expect((await db.settlementStatement.findUniqueOrThrow({ where: { statementNo: no } })).netAmount).toBe(-5_000n);
    expect(await code(confirmStatement(m.merchantId, no, finance))).toBe("INVALID_TRANSITION");
    expect(await code(voidStatement(m.merchantId, no, "并入下期", finance))).toBe("OK");
  });
});

describe("races", () => {
  it("two concurrent cuts of one merchant make one set of statements", async () => {
    const m = await settlementMerchant(2);
    await updateSettlementSetting(m.merchantId, { cycle: "T1", scope: "APP", source: "JOURNAL" }, finance);
    for (let d = 0; d < 3; d++) {
      await payment(m, cst(`2026-10-2${d} 10:00`), 1_000n, 0);
      await payment(m, cst(`2026-10-2${d} 11:00`), 2_000n, 1);
    }
    const now = cst("2026-10-23 02:00");
    const [a, b] = await Promise.all([cutStatements(m.merchantId, now), cutStatements(m.merchantId, now)]);
    const all = [...a.statementNos, ...b.statementNos];
    expect(new Set(all).size).toBe(all.length);
    expect(all).toHaveLength(6);
    expect(await db.settlementStatement.count({ where: { merchantId: m.merchantId } })).toBe(6);
    const { statementNet } = await expectConsistent(m.merchantId, cst("2026-10-23 00:00"));
    expect(statementNet).toBe(await journalNet(m.merchantId));
  });

  it("entries posted while a cut runs are counted exactly once", async () => {
    const m = await settlementMerchant(1);
    await updateSettlementSetting(m.merchantId, { cycle: "T1", scope: "MERCHANT", source: "JOURNAL" }, finance);
    for (let i = 0; i < 50; i++) await payment(m, cst(`2026-10-25 ${String(10 + (i % 10)).padStart(2, "0")}:00`), BigInt(100 + i));
    const now = cst("2026-10-27 02:00");
    const posting = (async () => {
      for (let i = 0; i < 30; i++) await payment(m, cst(`2026-10-${i % 2 ? 25 : 26} 12:34`), 7n + BigInt(i));
    })();
    await Promise.all([cutStatements(m.merchantId, now), posting, cutStatements(m.merchantId, now)]);
    await cutStatements(m.merchantId, cst("2026-10-28 02:00"));
    const { statementNet } = await expectConsistent(m.merchantId, cst("2026-10-27 00:00"));
    expect(statementNet).toBe(await journalNet(m.merchantId));
  });
});
