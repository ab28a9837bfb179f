import { randomUUID } from "node:crypto";
import { db } from "@/server/db";
import type { TopUpInput } from "@/server/domain/buyer-asset-schema";
import { AppError } from "@/server/errors";
import type { WalletTopUp } from "@/server/generated/prisma/client.ts";
import type { ApiApp } from "@/server/apps/app-cache";
import { openPayOrderInTx } from "@/server/services/payments/create-pay-order";
import { topUpView, type TopUpView } from "./top-up-view";

/** A top-up's pay order waits this long for the consumer (the cashier's usual 30 minutes). */
export const TOP_UP_EXPIRE_SECONDS = 1800;

/**
 * The top-up pay order's mchOrderNo: `topup-` + the top-up's own UUID (42 characters, within the
 * 64-character rule). Not `topup-<topUpNo>`: that would pass 64 characters for a long topUpNo, and could
 * collide with a pay order the merchant itself created under that mchOrderNo. The topUpNo is in the pay
 * order's metadata.
 */
export function topUpMchOrderNo(topUpId: string): string {
  return `topup-${topUpId}`;
}

function replayOrMismatch(existing: WalletTopUp, buyerId: string, input: TopUpInput): { status: 200; topUp: TopUpView } {
  if (existing.buyerId !== buyerId || existing.amount !== input.amount) {
    throw new AppError("PARAMS_MISMATCH", "this topUpNo was used with another buyer or amount", { field: "topUpNo" });
  }
  return { status: 200, topUp: topUpView(existing) };
}

/**
 * POST /api/v1/buyers/{buyerId}/wallet/top-ups: the top-up and its cashier-mode pay order (purpose
 * top_up) in one transaction. The wallet is credited when the pay order is paid (wallet-top-up-paid.ts).
 * The same topUpNo with the same buyer and amount replays (200, whatever its status now); other content →
 * 409 PARAMS_MISMATCH. Concurrent first requests: the unique (appId, topUpNo) lets one commit; the others
 * roll back their pay order and replay it.
 */
export async function createTopUp(app: Pick<ApiApp, "id" | "merchantId">, buyerId: string, input: TopUpInput): Promise<{ status: 200 | 201; topUp: TopUpView }> {
  const key = { appId_topUpNo: { appId: app.id, topUpNo: input.topUpNo } };
  const existing = await db.walletTopUp.findUnique({ where: key });
  if (existing) return replayOrMismatch(existing, buyerId, input);
  try {
    const created = await db.$transaction(async (tx) => {
      const id = randomUUID();
      const payOrder = await openPayOrderInTx(tx, app, {
        mchOrderNo: topUpMchOrderNo(id),
        amount: input.amount,
        subject: "钱包充值",
        metadata: { topUpNo: input.topUpNo },
        expireInSeconds: TOP_UP_EXPIRE_SECONDS,
        purpose: "top_up",
      });
      return tx.walletTopUp.create({
        data: { id, appId: app.id, merchantId: app.merchantId, topUpNo: input.topUpNo, buyerId, amount: input.amount, payOrderNo: payOrder.payOrderNo, createdAt: payOrder.createdAt },
      });
    });
    return { status: 201, topUp: topUpView(created) };
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") return replayOrMismatch(await db.walletTopUp.findUniqueOrThrow({ where: key }), buyerId, input);
    throw error;
  }
}
