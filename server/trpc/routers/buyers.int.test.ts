import { beforeAll, describe, expect, it } from "vitest";
import { seedIfEmpty } from "@/prisma/seed";
import { db } from "@/server/db";
import type { AssetMovement } from "@/server/services/trades/buyer-assets";
import { moveAsset } from "@/server/services/trades/buyer-assets";
import { listBuyerMovements } from "@/server/services/buyers-console/list-buyer-movements";
import { callerAs, outcome } from "@/server/testing/callers";
import { insertOrder } from "@/server/testing/order-fixtures";
import { expectAssetsMatchJournal } from "@/server/testing/asset-fixtures";

const DEMO = "M10000001";
const ACME = "M10000002";
const DEALER = "dealer-buyers@demo.local";
let merchantId = "";
let appId = "";
let acmeAppId = "";
let seq = 0;
const run = Date.now().toString(36).toUpperCase();
const ahead = (days: number) => new Date(Date.now() + days * 86_400_000);
const localDay = (days: number) => new Date(ahead(days).getTime() + 8 * 3600_000).toISOString().slice(0, 10);

beforeAll(async () => {
  await seedIfEmpty();
  const merchant = await db.merchant.findUniqueOrThrow({ where: { mchNo: DEMO }, include: { apps: { orderBy: { createdAt: "asc" }, take: 1 } } });
  merchantId = merchant.id;
  appId = merchant.apps[0]!.id;
  acmeAppId = (await db.app.findFirstOrThrow({ where: { merchant: { mchNo: ACME } } })).id;
  const user = await db.user.create({ data: { email: DEALER, name: "经销商", passwordHash: "x" } });
  await db.membership.create({ data: { userId: user.id, merchantId, role: "DEALER", storeIds: ["S01"] } });
});

/** One asset movement in its own transaction (what the trade center and the Open API do inside theirs). */
async function move(buyerId: string, asset: AssetMovement["asset"], op: AssetMovement["op"], amount: bigint, extra: Partial<AssetMovement> = {}) {
  seq += 1;
  const ok = await db.$transaction((tx) => moveAsset(tx, { merchantId, appId, buyerId, asset, op, amount, dedupeKey: `test:${run}:${seq}`, ...extra }));
  expect(ok).toBe(true);
}

async function coupon(buyerId: string, data: { status?: "AVAILABLE" | "USED" | "EXPIRED" | "LOCKED"; expiresAt?: Date; tradeId?: string } = {}) {
  seq += 1;
  return db.coupon.create({
    data: {
      appId,
      merchantId,
      couponNo: `T${run}-${seq}`,
      buyerId,
      type: "amount_off",
      value: 500n,
      minSpend: 0n,
      expiresAt: data.expiresAt ?? ahead(30),
      status: data.status ?? "AVAILABLE",
      tradeId: data.tradeId,
      paramsHash: "fixture",
    },
  });
}

describe("buyers router (会员资产)", () => {
  it("lets owner, developer, finance and viewer read buyers, only owner and finance issue, a dealer nothing", async () => {
    for (const email of ["owner@demo.local", "dev@demo.local", "finance@demo.local", "viewer@demo.local"]) {
      expect(await outcome((await callerAs(email)).buyers.list({ mchNo: DEMO })), email).toBe("OK");
    }
    const issue = (email: string) =>
      callerAs(email).then((c) => outcome(c.buyers.issueCoupon({ mchNo: DEMO, appId, requestId: crypto.randomUUID(), coupon: { buyerId: `R${run}`, type: "amount_off", value: "1", minSpend: "", expiresAt: localDay(10), couponNo: "" } })));
    expect(await issue("owner@demo.local")).toBe("OK");
    expect(await issue("finance@demo.local")).toBe("OK");
    expect(await issue("dev@demo.local")).toBe("FORBIDDEN");
    expect(await issue("viewer@demo.local")).toBe("FORBIDDEN");
    const dealer = await callerAs(DEALER);
    expect(await outcome(dealer.buyers.list({ mchNo: DEMO }))).toBe("FORBIDDEN");
    expect(await outcome(dealer.buyers.detail({ mchNo: DEMO, buyerId: "U1001" }))).toBe("FORBIDDEN");
    expect(await outcome(dealer.buyers.movements({ mchNo: DEMO, buyerId: "U1001" }))).toBe("FORBIDDEN");
  });

  it("lists buyers with an account or coupons, by id prefix, keyset-paged, with balances, usable coupons and last movement", async () => {
    const prefix = `L${run}-`;
    const ids = Array.from({ length: 23 }, (_, i) => `${prefix}${String(i).padStart(2, "0")}`);
    for (const id of ids.slice(0, 12)) await move(id, "points", "grant", 100n);
    for (const id of ids.slice(10)) await coupon(id);
    await move(ids[0]!, "wallet", "top_up", 10_000n);
    await move(ids[0]!, "wallet", "freeze", 2_500n);
    await coupon(ids[0]!, { status: "USED" });
    await coupon(ids[0]!, { expiresAt: new Date(Date.now() - 60_000) }); // AVAILABLE but past expiry: not usable
    await coupon(`Other${run}`); // outside the prefix

    const owner = await callerAs("owner@demo.local");
    const first = await owner.buyers.list({ mchNo: DEMO, search: prefix });
    expect(first.rows.map((r) => r.buyerId)).toEqual(ids.slice(0, 20));
    expect(first.may.manage).toBe(true);
    const second = await owner.buyers.list({ mchNo: DEMO, search: prefix, cursor: first.nextCursor });
    expect(second.rows.map((r) => r.buyerId)).toEqual(ids.slice(20));
    expect(second.nextCursor).toBeNull();

    const row = first.rows[0]!;
    expect(row).toMatchObject({ walletBalance: 10_000n, walletFrozen: 2_500n, pointsBalance: 100n, pointsFrozen: 0n, usableCoupons: 0 });
    expect(row.lastMovementAt).toBeInstanceOf(Date);
    expect(first.rows[10]).toMatchObject({ pointsBalance: 100n, usableCoupons: 1 });
    expect(second.rows[0]).toMatchObject({ walletBalance: 0n, pointsBalance: 0n, usableCoupons: 1, lastMovementAt: null });

    // a LIKE wildcard in the search is a literal character; a cursor that no list handed out is the first page
    expect((await owner.buyers.list({ mchNo: DEMO, search: `L${run}_` })).rows).toEqual([]);
    expect((await owner.buyers.list({ mchNo: DEMO, search: prefix, cursor: "bm90LWEtY3Vyc29y!" })).rows[0]?.buyerId).toBe(ids[0]);
    // another merchant sees none of them
    const acme = await callerAs("owner@acme.local");
    expect((await acme.buyers.list({ mchNo: ACME, search: prefix })).rows).toEqual([]);
  });

  it("shows one buyer: balances, coupons with the order of their trade, movements newest first in the buyer's view", async () => {
    const buyerId = `D${run}`;
    const orderNo = await insertOrder({ appId, buyerId, status: "PAID" });
    await move(buyerId, "points", "grant", 500n, { memo: "welcome" });
    await move(buyerId, "wallet", "top_up", 10_000n);
    await move(buyerId, "wallet", "freeze", 3_000n, { orderNo, tradeId: `TR${run}` });
    await move(buyerId, "wallet", "pay_frozen", 3_000n, { orderNo, tradeId: `TR${run}` });
    await db.trade.create({
      data: { tradeId: `TR${run}`, appId, merchantId, tradeNo: `TN${run}`, orderNo, buyerId, deductMode: "lock", status: "SUCCEEDED", payableAmount: 10_000n, paramsHash: "x" },
    });
    await coupon(buyerId, { status: "USED", tradeId: `TR${run}` });
    await coupon(buyerId, { expiresAt: new Date(Date.now() - 1000) });

    const owner = await callerAs("owner@demo.local");
    const detail = await owner.buyers.detail({ mchNo: DEMO, buyerId });
    expect(detail.wallet).toEqual({ balance: 7_000n, frozen: 0n, available: 7_000n });
    expect(detail.points).toEqual({ balance: 500n, frozen: 0n, available: 500n });
    expect(detail.coupons.map((c) => [c.status, c.orderNo])).toEqual([
      ["EXPIRED", null],
      ["USED", orderNo],
    ]);

    const movements = await owner.buyers.movements({ mchNo: DEMO, buyerId });
    expect(movements.rows.map((m) => [m.kind, m.asset, m.amount, m.frozen])).toEqual([
      ["wallet_pay", "wallet", -3_000n, -3_000n],
      ["wallet_freeze", "wallet", 0n, 3_000n],
      ["wallet_top_up", "wallet", 10_000n, 0n],
      ["points_grant", "points", 500n, 0n],
    ]);
    // the movements add up to the balances
    expect(movements.rows.filter((m) => m.asset === "wallet").reduce((sum, m) => sum + m.amount, 0n)).toBe(detail.wallet.balance);
    expect(movements.rows.filter((m) => m.asset === "wallet").reduce((sum, m) => sum + m.frozen, 0n)).toBe(detail.wallet.frozen);
    expect(movements.rows[0]).toMatchObject({ orderNo, tradeId: `TR${run}` });
    expect(movements.rows[3]!.memo).toBe("welcome");

    // keyset pages of two: the same rows, none twice
    const page1 = await listBuyerMovements(merchantId, buyerId, { limit: 2 });
    const page2 = await listBuyerMovements(merchantId, buyerId, { limit: 2, cursor: page1.nextCursor });
    expect([...page1.rows, ...page2.rows].map((m) => m.id)).toEqual(movements.rows.map((m) => m.id));
    expect(page2.nextCursor).toBeNull();

    const trades = await owner.buyers.trades({ mchNo: DEMO, buyerId });
    expect(trades.map((t) => [t.tradeId, t.orderNo, t.status])).toEqual([[`TR${run}`, orderNo, "SUCCEEDED"]]);

    // an unknown buyer holds nothing; a value that could never be a buyer id is refused; another merchant sees zeros
    expect((await owner.buyers.detail({ mchNo: DEMO, buyerId: `nobody-${run}` })).wallet.balance).toBe(0n);
    expect(await outcome(owner.buyers.detail({ mchNo: DEMO, buyerId: " padded " }))).toBe("BAD_REQUEST");
    const acme = await callerAs("owner@acme.local");
    const elsewhere = await acme.buyers.detail({ mchNo: ACME, buyerId });
    expect([elsewhere.wallet.balance, elsewhere.coupons.length]).toEqual([0n, 0]);
    expect((await acme.buyers.movements({ mchNo: ACME, buyerId })).rows).toEqual([]);
  });

  it("issues one coupon from the form once, however often it is submitted", async () => {
    const owner = await callerAs("owner@demo.local");
    const requestId = crypto.randomUUID();
    const form = { buyerId: `F${run}`, type: "amount_off" as const, value: "20.50", minSpend: "100", expiresAt: localDay(30), couponNo: "" };
    const first = await owner.buyers.issueCoupon({ mchNo: DEMO, appId, requestId, coupon: form });
    expect(first).toMatchObject({ outcome: "created", buyerId: `F${run}`, line: 1 });
    const again = await owner.buyers.issueCoupon({ mchNo: DEMO, appId, requestId, coupon: form });
    expect(again).toMatchObject({ outcome: "duplicate", couponNo: first.couponNo });
    const stored = await db.coupon.findMany({ where: { merchantId, buyerId: `F${run}` } });
    expect(stored.map((c) => [c.value, c.minSpend, c.type, c.status, c.issuedBy.startsWith("console:")])).toEqual([[2050n, 10_000n, "amount_off", "AVAILABLE", true]]);
    // bad input never reaches the database; another merchant's app is not found
    expect(await outcome(owner.buyers.issueCoupon({ mchNo: DEMO, appId, requestId: crypto.randomUUID(), coupon: { ...form, value: "-1" } }))).toBe("BAD_REQUEST");
    expect(await outcome(owner.buyers.issueCoupon({ mchNo: DEMO, appId: acmeAppId, requestId: crypto.randomUUID(), coupon: form }))).toBe("NOT_FOUND");
    const audit = await db.auditLog.findFirst({ where: { merchantId, action: "buyer.coupons_issued" }, orderBy: { createdAt: "desc" } });
    expect(audit?.after).toMatchObject({ created: 1 });
  });

  it("issues a CSV list row by row: created, failed with a reason, duplicate on a second upload", async () => {
    const owner = await callerAs("owner@demo.local");
    const day = localDay(60);
    const taken = await coupon(`X${run}`);
    const csv = [
      "buyerId,type,value,minSpend,expiresAt,couponNo",
      `C${run}-1,amount_off,10,50,${day},`,
      `C${run}-2,percent_off,15,0,${day},P${run}`,
      `C${run}-3,percent_off,120,0,${day},`,
      `C${run}-4,amount_off,10,0,2001-01-01,`,
      `C${run}-5,amount_off,10,0,${day},${taken.couponNo}`,
      `C${run}-6,free,10,0,${day},`,
      ` ,amount_off,10,0,${day},`,
    ].join("\n");
    const result = await owner.buyers.issueCouponCsv({ mchNo: DEMO, appId, csv });
    expect(result.rows.map((r) => [r.line, r.outcome, r.reason ?? null])).toEqual([
      [2, "created", null],
      [3, "created", null],
      [4, "failed", "valuePercent"],
      [5, "failed", "expiresAtPast"],
      [6, "failed", "couponNoTaken"],
      [7, "failed", "typeInvalid"],
      [8, "failed", "buyerRequired"],
    ]);
    expect([result.created, result.duplicates, result.failed]).toEqual([2, 0, 5]);
    expect(result.rows[0]!.couponNo).toBe(`${result.batchNo}-2`);
    expect(result.rows[2]!.buyerId).toBe(`C${run}-3`);
    const issued = await db.coupon.findMany({ where: { merchantId, batchNo: result.batchNo }, orderBy: { couponNo: "asc" } });
    expect(issued.map((c) => [c.buyerId, c.type, c.value])).toEqual([
      [`C${run}-1`, "amount_off", 1000n],
      [`C${run}-2`, "percent_off", 15n],
    ]);

    const again = await owner.buyers.issueCouponCsv({ mchNo: DEMO, appId, csv: `${csv}\r\n` });
    expect([again.created, again.duplicates, again.failed]).toEqual([0, 2, 5]);
    expect(await db.coupon.count({ where: { merchantId, buyerId: { startsWith: `C${run}-` } } })).toBe(2);

    // a file with nothing in it, or too much, is refused as a whole
    expect(await outcome(owner.buyers.issueCouponCsv({ mchNo: DEMO, appId, csv: "buyerId,type,value,minSpend,expiresAt\n" }))).toBe("BAD_REQUEST");
    expect(await outcome(owner.buyers.issueCouponCsv({ mchNo: DEMO, appId, csv: `U1,amount_off,1,0,${day}\n`.repeat(1001) }))).toBe("BAD_REQUEST");
  });

  it("grants points once per dialog, credited at once and in the journal; only owner and finance", async () => {
    const buyerId = `G${run}`;
    const owner = await callerAs("owner@demo.local");
    const requestId = crypto.randomUUID();
    const first = await owner.buyers.grantPoints({ mchNo: DEMO, buyerId, appId, requestId, grant: { points: "500", reason: "生日礼" } });
    expect(first).toMatchObject({ points: 500n, replayed: false });
    expect(await owner.buyers.grantPoints({ mchNo: DEMO, buyerId, appId, requestId, grant: { points: "500", reason: "生日礼" } })).toMatchObject({ replayed: true });
    expect((await owner.buyers.detail({ mchNo: DEMO, buyerId })).points).toEqual({ balance: 500n, frozen: 0n, available: 500n });
    const movements = await owner.buyers.movements({ mchNo: DEMO, buyerId });
    expect(movements.rows.map((m) => [m.kind, m.amount, m.frozen])).toEqual([["points_grant", 500n, 0n]]);
    await expectAssetsMatchJournal(merchantId, buyerId);
    for (const points of ["0", "1.5", "-1", "100000001", "abc"]) {
      expect(await outcome(owner.buyers.grantPoints({ mchNo: DEMO, buyerId, appId, requestId: crypto.randomUUID(), grant: { points, reason: "" } })), points).toBe("BAD_REQUEST");
    }
    expect(await outcome(owner.buyers.grantPoints({ mchNo: DEMO, buyerId, appId: acmeAppId, requestId: crypto.randomUUID(), grant: { points: "1", reason: "" } }))).toBe("NOT_FOUND");
    for (const email of ["dev@demo.local", "viewer@demo.local", DEALER]) {
      expect(await outcome((await callerAs(email)).buyers.grantPoints({ mchNo: DEMO, buyerId, appId, requestId: crypto.randomUUID(), grant: { points: "1", reason: "" } })), email).toBe("FORBIDDEN");
    }
    expect((await owner.buyers.detail({ mchNo: DEMO, buyerId })).points.balance).toBe(500n);
  });

  it("shows an order's trades with parts, phase and history; scoped as the order is", async () => {
    const buyerId = `O${run}`;
    const orderNo = await insertOrder({ appId, buyerId, storeId: "S02", status: "PENDING_PAYMENT" });
    const older = `TA${run}`;
    const newer = `TB${run}`;
    await db.trade.create({
      data: {
        tradeId: older, appId, merchantId, tradeNo: `NA${run}`, orderNo, buyerId, deductMode: "lock", status: "FAILED", failureReason: "channel part expired",
        payableAmount: 10_000n, walletAmount: 10_000n, paramsHash: "x", createdAt: new Date(Date.now() - 60_000), endedAt: new Date(),
        parts: { create: [{ partNo: 1, instrument: "wallet", amount: 10_000n, status: "RELEASED" }] },
        steps: { create: [{ step: "try", partNo: 1 }, { step: "cancel", partNo: 1, detail: "released", ok: true }] },
      },
    });
    await db.trade.create({
      data: {
        tradeId: newer, appId, merchantId, tradeNo: `NB${run}`, orderNo, buyerId, deductMode: "on_callback", status: "CONFIRMING",
        payableAmount: 10_000n, points: 500n, pointsAmount: 500n, channelAmount: 9_500n, paramsHash: "x",
        parts: { create: [{ partNo: 1, instrument: "points", points: 500n, amount: 500n, status: "PENDING" }, { partNo: 2, instrument: "channel", amount: 9_500n, status: "CONFIRMED", payOrderNo: `P${run}` }] },
        steps: { create: [{ step: "channel_paid", partNo: 2 }, { step: "confirm", partNo: 1, detail: "db timeout", ok: false }] },
      },
    });

    const owner = await callerAs("owner@demo.local");
    const page = await owner.buyers.orderTrades({ mchNo: DEMO, orderNo });
    expect(page.open).toBe(true);
    expect(page.trades.map((t) => [t.tradeId, t.status, t.phase])).toEqual([
      [newer, "PENDING", "CONFIRMING"],
      [older, "FAILED", "FAILED"],
    ]);
    expect(page.trades[0]!.parts.map((p) => [p.instrument, p.amount, p.status])).toEqual([
      ["points", 500n, "PENDING"],
      ["channel", 9_500n, "CONFIRMED"],
    ]);
    expect(page.trades[0]!.steps.map((s) => [s.step, s.partNo, s.ok])).toEqual([
      ["channel_paid", 2, true],
      ["confirm", 1, false],
    ]);
    expect(page.trades[1]!.failureReason).toBe("channel part expired");

    // a dealer of another store does not see the order, so not its trades either; nor does another merchant
    expect(await outcome((await callerAs(DEALER)).buyers.orderTrades({ mchNo: DEMO, orderNo }))).toBe("NOT_FOUND");
    expect(await outcome((await callerAs("owner@acme.local")).buyers.orderTrades({ mchNo: ACME, orderNo }))).toBe("NOT_FOUND");

    await db.trade.update({ where: { tradeId: newer }, data: { status: "SUCCEEDED", endedAt: new Date() } });
    expect((await owner.buyers.orderTrades({ mchNo: DEMO, orderNo })).open).toBe(false);
  });
});
