import { db } from "@/server/db";
import type { Payment } from "@/server/generated/prisma/client.ts";
import { logger } from "@/server/observability/logger";
import { type ApplyResult, applyTradeResult } from "./apply-trade-result";
import { channelForAccount } from "./channel-for-account";
import { checkTradeMatches } from "./check-trade-matches";

/**
 * Asks the channel about one attempt and applies the answer exactly as a callback would be applied,
 * after the same checks (app id, merchant number, amount). A mismatch is logged and never applied.
 */
export async function queryAttempt(payment: Payment): Promise<ApplyResult & { state?: string }> {
  const { plugin, ctx } = await channelForAccount(payment.channelAccountId);
  const trade = await plugin.query(ctx, payment.attemptNo);
  if (trade.state === "SUCCEEDED") {
    const mismatch = checkTradeMatches(plugin, ctx.credentials, payment, trade);
    if (mismatch) {
      logger.error({ attemptNo: payment.attemptNo, mismatch }, "channel query does not match the attempt: not applied");
      return { changed: false, state: "MISMATCH" };
    }
  }
  await db.payment.update({ where: { attemptNo: payment.attemptNo }, data: { syncCount: { increment: 1 }, lastSyncedAt: new Date() } });
  return { ...(await applyTradeResult(payment.attemptNo, trade)), state: trade.state };
}
