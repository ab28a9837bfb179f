import type { PrismaClient } from "../../server/generated/prisma/client.ts";

/**
 * The risk scenarios of `npm run bench` (issue #18): a realistic rule set for the bench merchant, turned on between the
 * "risk off" and "risk on" runs of the same create path. The server caches rules for up to 3 s, so a toggle waits that out.
 * Rules: a single-amount cap (orders and pay orders), a buyer velocity, a buyer daily amount, a merchant daily amount
 * (one hot counter row: the worst case for contention), blacklists of buyer/phone/IP with a few entries, duplicate
 * orders to review, an abnormal-amount review (merchant p99, cached).
 */
const RULES = [
  { name: "单笔上限", checkpoints: ["ORDER", "PAY_ORDER"], condition: { type: "amount_over", amount: 50_000_000 }, action: "BLOCK" },
  { name: "买家频次", checkpoints: ["ORDER"], condition: { type: "velocity", dimension: "buyer", count: 20, windowMinutes: 10 }, action: "BLOCK" },
  { name: "买家日累计", checkpoints: ["ORDER"], condition: { type: "daily_amount_over", dimension: "buyer", amount: 50_000_000 }, action: "BLOCK" },
  { name: "商户日累计", checkpoints: ["ORDER", "PAY_ORDER"], condition: { type: "daily_amount_over", dimension: "merchant", amount: 100_000_000_000 }, action: "BLOCK" },
  { name: "黑名单", checkpoints: ["ORDER", "PAY_ORDER"], condition: { type: "blacklisted", kinds: ["BUYER_ID", "PHONE", "IP"] }, action: "BLOCK" },
  { name: "重复下单", checkpoints: ["ORDER"], condition: { type: "duplicate_order", withinMinutes: 10 }, action: "REVIEW" },
  { name: "异常金额", checkpoints: ["ORDER"], condition: { type: "abnormal_amount", multiplePercent: 1000, minSamples: 100 }, action: "REVIEW" },
] as const;

const CACHE_WAIT_MS = 3_500;

export async function setRiskRules(db: PrismaClient, merchantId: string, on: boolean): Promise<void> {
  await db.riskRule.deleteMany({ where: { merchantId, name: { in: RULES.map((r) => r.name) } } });
  if (on) {
    await db.riskRule.createMany({
      data: RULES.map((r, i) => ({ merchantId, name: r.name, checkpoints: [...r.checkpoints], condition: r.condition, action: r.action, priority: 10 + i, status: "ACTIVE" as const })),
    });
    if ((await db.riskListEntry.count({ where: { merchantId } })) === 0) {
      await db.riskListEntry.createMany({
        data: [
          { merchantId, kind: "BUYER_ID", value: "FRAUD-1" },
          { merchantId, kind: "PHONE", value: "13900000000" },
          { merchantId, kind: "IP", value: "192.0.2.1" },
        ],
      });
    }
  }
  await new Promise((resolve) => setTimeout(resolve, CACHE_WAIT_MS));
}
