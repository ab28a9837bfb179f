import { expect } from "vitest";
import { db } from "@/server/db";
import { moveAsset } from "@/server/services/trades/buyer-assets";
import type { openApiClient } from "./open-api-client";
import { orderCenterClient } from "./order-fixtures";
import { eventually } from "./payment-fixtures";

type Api = ReturnType<typeof openApiClient>;

let n = 0;
const unique = () => `${Date.now().toString(36)}${process.pid}${n++}`;

/**
 * The trade center's test setup, through the same services the Open API uses: a buyer's wallet and
 * points credited (as a paid top-up and a grant post them), coupons issued, orders pushed for a buyer.
 */
export function tradeTestKit(api: Api, appId: string) {
  const orders = orderCenterClient(api, "TR", { type: "standard", scene: "mall", lines: [{ sku: "SOFA", name: "沙发", quantity: 1, unitPrice: 10000 }], payableAmount: 10000 });

  const app = () => db.app.findUniqueOrThrow({ where: { id: appId }, select: { id: true, merchantId: true } });

  async function credit(buyerId: string, asset: "wallet" | "points", amount: bigint) {
    const { merchantId } = await app();
    await db.$transaction((tx) =>
      moveAsset(tx, { merchantId, appId, buyerId, asset, op: asset === "wallet" ? "top_up" : "grant", amount, dedupeKey: `test-${asset}:${unique()}` }),
    );
  }

  async function coupon(buyerId: string, terms: { type?: "amount_off" | "percent_off"; value: number; minSpend?: number; expiresAt?: Date }) {
    const { merchantId } = await app();
    const couponNo = `C${unique()}`;
    await db.coupon.create({
      data: {
        appId,
        merchantId,
        couponNo,
        buyerId,
        type: terms.type ?? "amount_off",
        value: BigInt(terms.value),
        minSpend: BigInt(terms.minSpend ?? 0),
        expiresAt: terms.expiresAt ?? new Date(Date.now() + 86_400_000),
        paramsHash: "test",
      },
    });
    return couponNo;
  }

  /** An order of `amount` fen for the buyer, its full pay order open (pushed through the Open API). */
  async function order(buyerId: string, amount = 10000) {
    const created = await orders.createOrder({ buyer: { id: buyerId }, lines: [{ sku: "SOFA", name: "沙发", quantity: 1, unitPrice: amount }], payableAmount: amount });
    return created.orderNo as string;
  }

  const trade = (orderNo: string, body: Record<string, unknown>) => api(`/api/v1/orders/${orderNo}/trades`, { body: { tradeNo: `TR${unique()}`, deductMode: "lock", ...body } });

  const balances = async (buyerId: string) => {
    const { merchantId } = await app();
    const account = await db.buyerAccount.findUnique({ where: { merchantId_buyerId: { merchantId, buyerId } } });
    return {
      wallet: account?.walletBalance ?? 0n,
      walletFrozen: account?.walletFrozen ?? 0n,
      points: account?.pointsBalance ?? 0n,
      pointsFrozen: account?.pointsFrozen ?? 0n,
    };
  };

  const tradeEnds = (tradeId: string, status: "SUCCEEDED" | "FAILED") =>
    eventually(async () => {
      const trade = await db.trade.findUniqueOrThrow({ where: { tradeId } });
      return trade.endedAt !== null && trade.status === status;
    }, 30_000);

  /** The buyer's balances are what their journal postings say (docs/adr/0015), and every entry balances. */
  async function expectAssetsMatchJournal(buyerId: string) {
    const { merchantId } = await app();
    const rows = await db.$queryRaw<{ type: string; total: bigint }[]>`
      SELECT a.type::text AS type, COALESCE(sum(p.amount), 0)::bigint AS total
      FROM "JournalEntry" e JOIN "Posting" p ON p."entryId" = e.id JOIN "LedgerAccount" a ON a.id = p."accountId"
      WHERE e."merchantId" = ${merchantId} AND e."buyerId" = ${buyerId}
      GROUP BY a.type`;
    const sum = (type: string) => -(rows.find((row) => row.type === type)?.total ?? 0n);
    const now = await balances(buyerId);
    expect({ wallet: now.wallet, walletFrozen: now.walletFrozen, points: now.points, pointsFrozen: now.pointsFrozen }).toEqual({
      wallet: sum("BUYER_WALLET") + sum("BUYER_WALLET_FROZEN"),
      walletFrozen: sum("BUYER_WALLET_FROZEN"),
      points: sum("BUYER_POINTS") + sum("BUYER_POINTS_FROZEN"),
      pointsFrozen: sum("BUYER_POINTS_FROZEN"),
    });
    const unbalanced = await db.$queryRaw<{ id: bigint }[]>`
      SELECT e.id FROM "JournalEntry" e JOIN "Posting" p ON p."entryId" = e.id
      WHERE e."merchantId" = ${merchantId} AND e."buyerId" = ${buyerId} GROUP BY e.id, p.currency HAVING sum(p.amount) <> 0`;
    expect(unbalanced).toEqual([]);
  }

  return { credit, coupon, order, trade, balances, tradeEnds, expectAssetsMatchJournal, pay: orders.pay, unique };
}
