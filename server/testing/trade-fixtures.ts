import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import { db } from "@/server/db";
import { newTradeId } from "@/server/domain/ids";
import type { OrderStatus } from "@/server/domain/order-flows";
import { buyerBalances, moveAsset } from "@/server/services/trades/buyer-assets";
import { openPayOrderInTx } from "@/server/services/payments/create-pay-order";
import type { openApiClient } from "./open-api-client";
import { eventually } from "./payment-fixtures";

type Api = ReturnType<typeof openApiClient>;

let counter = 0;
const unique = (prefix: string) => `${prefix}-${Date.now()}-${process.pid}-${counter++}`;

/** Credits a buyer's wallet (fen) and points, as a paid top-up and a grant would (the journal included). */
export async function creditBuyer(appId: string, buyerId: string, credit: { wallet?: bigint; points?: bigint }) {
  const app = await db.app.findUniqueOrThrow({ where: { id: appId }, select: { merchantId: true } });
  await db.$transaction(async (tx) => {
    const base = { merchantId: app.merchantId, appId, buyerId };
    if (credit.wallet) await moveAsset(tx, { ...base, asset: "wallet", op: "top_up", amount: credit.wallet, dedupeKey: `fixture_top_up:${randomUUID()}` });
    if (credit.points) await moveAsset(tx, { ...base, asset: "points", op: "grant", amount: credit.points, dedupeKey: `fixture_grant:${randomUUID()}` });
  });
}

/** A coupon of the buyer, amount off (fen), AVAILABLE until `expiresAt`. */
export async function issueCoupon(appId: string, buyerId: string, value: bigint, expiresAt = new Date(Date.now() + 86_400_000)) {
  const app = await db.app.findUniqueOrThrow({ where: { id: appId }, select: { merchantId: true } });
  const couponNo = unique("C");
  await db.coupon.create({ data: { appId, merchantId: app.merchantId, couponNo, buyerId, type: "amount_off", value, minSpend: 0n, expiresAt, paramsHash: "fixture" } });
  return couponNo;
}

export type TradedOrderOptions = {
  buyerId?: string;
  /** The order's payable amount: one line of it, or these lines (adding up to it). */
  payable: number;
  lines?: { sku: string; quantity: number; unitPrice: number }[];
  couponValue?: number;
  points?: number;
  wallet?: number;
  /** Where the business moves the order after it is paid (default PAID). */
  status?: OrderStatus;
};

/**
 * An order paid by a SUCCEEDED trade of coupon, points, wallet and the sandbox's WeChat Pay for the
 * rest; the buyer credited beforehand with exactly what the trade spends. Then moved to `status`.
 */
export async function createTradedOrder(api: Api, appId: string, options: TradedOrderOptions) {
  const buyerId = options.buyerId ?? unique("B");
  const created = await api("/api/v1/orders", {
    body: {
      sourceOrderNo: unique("TR"),
      type: "standard",
      scene: "mall",
      buyer: { id: buyerId, name: "张三", phone: "13800138000" },
      lines: (options.lines ?? [{ sku: "SOFA-3", quantity: 1, unitPrice: options.payable }]).map((line) => ({ ...line, name: line.sku })),
      payableAmount: options.payable,
      openPayment: false,
    },
  });
  if (created.status !== 201) throw new Error(`order: ${JSON.stringify(created.json)}`);
  const orderNo = created.json.orderNo as string;
  await creditBuyer(appId, buyerId, { wallet: BigInt(options.wallet ?? 0), points: BigInt(options.points ?? 0) });
  const couponNo = options.couponValue ? await issueCoupon(appId, buyerId, BigInt(options.couponValue)) : undefined;
  const trade = await payByTrade(appId, orderNo, buyerId, options, couponNo);
  if (trade.payOrderNo) {
    await api(`/api/v1/sandbox/pay-orders/${trade.payOrderNo}/simulate`, { body: { outcome: "success", channel: "wechatpay", mode: "native" } });
    await eventually(async () => (await db.payOrder.findUniqueOrThrow({ where: { payOrderNo: trade.payOrderNo as string } })).status === "PAID");
  }
  await confirmTrade(trade.tradeId);
  await eventually(async () => (await db.order.findUniqueOrThrow({ where: { orderNo } })).status === "PAID");
  const status = options.status ?? "PAID";
  if (status !== "PAID") {
    const moved = await api(`/api/v1/orders/${orderNo}/transitions`, { body: { to: status } });
    if (moved.status !== 200) throw new Error(`transition to ${status}: ${JSON.stringify(moved.json)}`);
  }
  return { orderNo, buyerId, couponNo, tradeId: trade.tradeId, channelPayOrderNo: trade.payOrderNo };
}

/** Stand-in for POST /api/v1/orders/{orderNo}/trades until the lead's lands: the trade's rows, its channel pay order. */
async function payByTrade(appId: string, orderNo: string, buyerId: string, options: TradedOrderOptions, couponNo?: string) {
  const app = await db.app.findUniqueOrThrow({ where: { id: appId } });
  const coupon = BigInt(options.couponValue ?? 0);
  const points = BigInt(options.points ?? 0);
  const pointsAmount = (points * 100n) / BigInt(app.pointsPerYuan);
  const wallet = BigInt(options.wallet ?? 0);
  const channel = BigInt(options.payable) - coupon - pointsAmount - wallet;
  const tradeId = newTradeId();
  return db.$transaction(async (tx) => {
    const payOrder =
      channel > 0n
        ? await openPayOrderInTx(tx, app, { mchOrderNo: `${orderNo}-trade-1`, amount: channel, subject: "trade", expireInSeconds: 1800, orderNo, purpose: "trade" })
        : null;
    const parts = [
      ...(couponNo ? [{ instrument: "coupon" as const, amount: coupon, couponNo }] : []),
      ...(points > 0n ? [{ instrument: "points" as const, amount: pointsAmount, points }] : []),
      ...(wallet > 0n ? [{ instrument: "wallet" as const, amount: wallet }] : []),
      ...(payOrder ? [{ instrument: "channel" as const, amount: channel, payOrderNo: payOrder.payOrderNo }] : []),
    ];
    await tx.trade.create({
      data: {
        tradeId,
        appId,
        merchantId: app.merchantId,
        tradeNo: unique("TN"),
        orderNo,
        buyerId,
        deductMode: "on_callback",
        payableAmount: BigInt(options.payable),
        couponAmount: coupon,
        points,
        pointsAmount,
        walletAmount: wallet,
        channelAmount: channel,
        payOrderNo: payOrder?.payOrderNo,
        paramsHash: "fixture",
        parts: { create: parts.map((part, i) => ({ ...part, partNo: i + 1, status: "PENDING" as const })) },
      },
    });
    return { tradeId, payOrderNo: payOrder?.payOrderNo ?? null };
  });
}

/** Deducts the trade's coupon, points and wallet, and makes the trade SUCCEEDED and the order PAID (the lead's coordinator does this). */
async function confirmTrade(tradeId: string) {
  await db.$transaction(async (tx) => {
    const trade = await tx.trade.findUniqueOrThrow({ where: { tradeId }, include: { parts: true } });
    const base = { merchantId: trade.merchantId, appId: trade.appId, buyerId: trade.buyerId, orderNo: trade.orderNo, tradeId };
    for (const part of trade.parts) {
      if (part.instrument === "wallet") await moveAsset(tx, { ...base, asset: "wallet", op: "pay", amount: part.amount, dedupeKey: `wallet_pay:${tradeId}` });
      if (part.instrument === "points") await moveAsset(tx, { ...base, asset: "points", op: "pay", amount: part.points ?? 0n, dedupeKey: `points_pay:${tradeId}` });
      if (part.instrument === "coupon") {
        await tx.coupon.update({ where: { appId_couponNo: { appId: trade.appId, couponNo: part.couponNo as string } }, data: { status: "USED", tradeId, usedAt: new Date() } });
      }
    }
    await tx.tradePart.updateMany({ where: { tradeId }, data: { status: "CONFIRMED" } });
    await tx.trade.update({ where: { tradeId }, data: { status: "SUCCEEDED", endedAt: new Date() } });
    await tx.order.update({
      where: { orderNo: trade.orderNo },
      data: { status: "PAID", paidAt: new Date(), paidAmount: trade.payableAmount - trade.couponAmount, statusAt: new Date() },
    });
    await tx.orderTimelineEntry.create({ data: { orderNo: trade.orderNo, status: "PAID", by: "payment" } });
  });
}

/**
 * The buyer's wallet and points equal the sum of their journal postings (credit-normal: a balance is
 * minus its postings), and every entry that moved them balances per currency.
 */
export async function expectBuyerLedgerMatches(appId: string, buyerId: string) {
  const app = await db.app.findUniqueOrThrow({ where: { id: appId }, select: { merchantId: true } });
  const entries = await db.journalEntry.findMany({ where: { merchantId: app.merchantId, buyerId }, include: { postings: { include: { account: true } } } });
  for (const entry of entries) expect(entry.postings.reduce((sum, p) => sum + p.amount, 0n), entry.dedupeKey).toBe(0n);
  const sum = (...types: string[]) =>
    -entries.flatMap((e) => e.postings).filter((p) => types.includes(p.account.type)).reduce((total, p) => total + p.amount, 0n);
  const balances = await buyerBalances(db, app.merchantId, buyerId);
  expect({ wallet: sum("BUYER_WALLET", "BUYER_WALLET_FROZEN"), walletFrozen: sum("BUYER_WALLET_FROZEN"), points: sum("BUYER_POINTS", "BUYER_POINTS_FROZEN"), pointsFrozen: sum("BUYER_POINTS_FROZEN") }).toEqual({
    wallet: balances.wallet.balance,
    walletFrozen: balances.wallet.frozen,
    points: balances.points.balance,
    pointsFrozen: balances.points.frozen,
  });
  return { balances, entries };
}
