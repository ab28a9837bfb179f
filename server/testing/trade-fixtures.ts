import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import { db } from "@/server/db";
import type { OrderStatus } from "@/server/domain/order-flows";
import { buyerBalances, moveAsset } from "@/server/services/trades/buyer-assets";
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
  deductMode?: "lock" | "on_callback";
  /** Where the business moves the order after it is paid (default PAID). */
  status?: OrderStatus;
};

/** Whether coupon, points (at 100 per yuan) and wallet pay the whole order: the trade has no channel part. */
const coversAll = (options: TradedOrderOptions) => (options.couponValue ?? 0) + (options.points ?? 0) + (options.wallet ?? 0) >= options.payable;

/**
 * An order paid by a SUCCEEDED trade (POST /api/v1/orders/{orderNo}/trades, `deductMode`, default lock)
 * of a coupon, points, the wallet and the sandbox's WeChat Pay for the rest, the buyer credited
 * beforehand with exactly what the trade spends; then moved by the business to `status`.
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
    },
  });
  if (created.status !== 201) throw new Error(`order: ${JSON.stringify(created.json)}`);
  const orderNo = created.json.orderNo as string;
  await creditBuyer(appId, buyerId, { wallet: BigInt(options.wallet ?? 0), points: BigInt(options.points ?? 0) });
  const couponNo = options.couponValue ? await issueCoupon(appId, buyerId, BigInt(options.couponValue)) : undefined;
  const traded = await api(`/api/v1/orders/${orderNo}/trades`, {
    body: {
      tradeNo: unique("TN"),
      deductMode: options.deductMode ?? "lock",
      ...(couponNo ? { couponNos: [couponNo] } : {}),
      ...(options.points ? { points: options.points } : {}),
      ...(options.wallet ? { walletAmount: options.wallet } : {}),
      ...(coversAll(options) ? {} : { channel: "wechatpay", mode: "native" }),
    },
  });
  if (traded.status !== 201) throw new Error(`trade: ${traded.status} ${JSON.stringify(traded.json)}`);
  const tradeId = traded.json.tradeId as string;
  const channelPayOrderNo = (traded.json.parts as { instrument: string; payOrderNo?: string }[]).find((part) => part.instrument === "channel")?.payOrderNo ?? null;
  if (channelPayOrderNo) await api(`/api/v1/sandbox/pay-orders/${channelPayOrderNo}/simulate`, { body: { outcome: "success", channel: "wechatpay", mode: "native" } });
  await eventually(async () => (await db.trade.findUniqueOrThrow({ where: { tradeId } })).status === "SUCCEEDED", 30_000);
  await eventually(async () => (await db.order.findUniqueOrThrow({ where: { orderNo } })).status === "PAID");
  const status = options.status ?? "PAID";
  if (status !== "PAID") {
    const moved = await api(`/api/v1/orders/${orderNo}/transitions`, { body: { to: status } });
    if (moved.status !== 200) throw new Error(`transition to ${status}: ${JSON.stringify(moved.json)}`);
  }
  return { orderNo, buyerId, couponNo, tradeId, channelPayOrderNo };
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
