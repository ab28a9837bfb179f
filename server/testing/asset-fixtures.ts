import { expect } from "vitest";
import { db } from "@/server/db";
import type { openApiClient } from "./open-api-client";
import { eventually } from "./payment-fixtures";

type Api = ReturnType<typeof openApiClient>;

let counter = 0;
const unique = (prefix: string) => `${prefix}-${Date.now()}-${process.pid}-${counter++}`;

/**
 * The buyer's balances equal their journal: the wallet's balance is minus the sum of their postings on
 * BUYER_WALLET + BUYER_WALLET_FROZEN, its frozen part minus the sum on BUYER_WALLET_FROZEN; points the
 * same on BUYER_POINTS(_FROZEN). Every entry that names the buyer balances. Returns the balances.
 */
export async function expectAssetsMatchJournal(merchantId: string, buyerId: string) {
  const rows = await db.$queryRaw<{ type: string; total: bigint }[]>`
    SELECT a.type::text AS type, COALESCE(SUM(p.amount), 0)::bigint AS total
    FROM "Posting" p JOIN "LedgerAccount" a ON a.id = p."accountId" JOIN "JournalEntry" e ON e.id = p."entryId"
    WHERE e."merchantId" = ${merchantId} AND e."buyerId" = ${buyerId}
      AND a.type::text IN ('BUYER_WALLET', 'BUYER_WALLET_FROZEN', 'BUYER_POINTS', 'BUYER_POINTS_FROZEN')
    GROUP BY a.type`;
  const sum = (type: string) => rows.find((row) => row.type === type)?.total ?? 0n;
  const account = await db.buyerAccount.findUnique({ where: { merchantId_buyerId: { merchantId, buyerId } } });
  const actual = {
    wallet: { balance: account?.walletBalance ?? 0n, frozen: account?.walletFrozen ?? 0n },
    points: { balance: account?.pointsBalance ?? 0n, frozen: account?.pointsFrozen ?? 0n },
  };
  expect(actual, `assets of ${buyerId} against the journal`).toEqual({
    wallet: { balance: -(sum("BUYER_WALLET") + sum("BUYER_WALLET_FROZEN")), frozen: -sum("BUYER_WALLET_FROZEN") },
    points: { balance: -(sum("BUYER_POINTS") + sum("BUYER_POINTS_FROZEN")), frozen: -sum("BUYER_POINTS_FROZEN") },
  });
  const unbalanced = await db.$queryRaw<{ dedupeKey: string }[]>`
    SELECT e."dedupeKey" FROM "JournalEntry" e JOIN "Posting" p ON p."entryId" = e.id
    WHERE e."merchantId" = ${merchantId} AND e."buyerId" = ${buyerId}
    GROUP BY e.id HAVING SUM(p.amount) <> 0`;
  expect(unbalanced).toEqual([]);
  return actual;
}

/** A points grant through the Open API (credited at once); returns the grant. */
export async function grantPoints(api: Api, buyerId: string, points: number, grantNo = unique("G")) {
  const granted = await api(`/api/v1/buyers/${encodeURIComponent(buyerId)}/points/grants`, { body: { grantNo, points, reason: "test" } });
  if (granted.status !== 201) throw new Error(`grant: ${granted.status} ${JSON.stringify(granted.json)}`);
  return granted.json as { grantNo: string; buyerId: string; points: number };
}

export type TestCoupon = {
  couponNo: string;
  buyerId: string;
  type: "amount_off" | "percent_off";
  value: number;
  minSpend: number;
  expiresAt: string;
  status: string;
  createdAt: string;
};

/** A coupon issued through the Open API (default: 20 yuan off, no minimum spend, expiring in a day). */
export async function issueCoupon(
  api: Api,
  buyerId: string,
  options: Partial<Pick<TestCoupon, "couponNo" | "type" | "value" | "minSpend" | "expiresAt">> = {},
): Promise<TestCoupon> {
  const body = {
    couponNo: options.couponNo ?? unique("C"),
    buyerId,
    type: options.type ?? "amount_off",
    value: options.value ?? 2000,
    minSpend: options.minSpend ?? 0,
    expiresAt: options.expiresAt ?? new Date(Date.now() + 86_400_000).toISOString(),
  };
  const issued = await api("/api/v1/coupons", { body });
  if (issued.status !== 201) throw new Error(`coupon: ${issued.status} ${JSON.stringify(issued.json)}`);
  return issued.json as TestCoupon;
}

/**
 * A paid top-up: POST …/wallet/top-ups, its pay order paid through the sandbox (the channel's signed
 * callback credits the wallet), waited for until the wallet is credited. Returns the top-up as answered.
 */
export async function fundWallet(api: Api, buyerId: string, amount: number, topUpNo = unique("TU")) {
  const created = await api(`/api/v1/buyers/${encodeURIComponent(buyerId)}/wallet/top-ups`, { body: { topUpNo, amount } });
  if (created.status !== 201) throw new Error(`top-up: ${created.status} ${JSON.stringify(created.json)}`);
  const payOrderNo = created.json.payOrderNo as string;
  const simulated = await api(`/api/v1/sandbox/pay-orders/${payOrderNo}/simulate`, { body: { outcome: "success", channel: "wechatpay", mode: "native" } });
  if (simulated.status !== 202) throw new Error(`simulate: ${simulated.status} ${JSON.stringify(simulated.json)}`);
  await eventually(async () => (await db.walletTopUp.findUniqueOrThrow({ where: { payOrderNo } })).status === "CREDITED");
  return created.json as { topUpNo: string; buyerId: string; amount: number; payOrderNo: string; cashierUrl: string };
}
