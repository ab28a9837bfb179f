import { db } from "@/server/db";
import { applyTradeResult } from "./apply-trade-result";
import { channelForAccount } from "./channel-for-account";
import { queryAttempt } from "./query-attempt";

/**
 * Closes an attempt at its channel, then settles it from the channel's own answer: if the consumer
 * paid in the meantime, the payment is applied (it may then be a duplicate, refunded automatically);
 * otherwise the attempt is CLOSED. Throws while the channel cannot be reached (the job retries).
 */
export async function closeAttemptAtChannel(attemptNo: string): Promise<"SUCCEEDED" | "CLOSED" | "ALREADY_FINAL"> {
  const payment = await db.payment.findUnique({ where: { attemptNo } });
  if (!payment) return "ALREADY_FINAL";
  if (payment.status === "SUCCEEDED") return "SUCCEEDED";
  if (payment.status === "CLOSED" || payment.status === "FAILED") return "ALREADY_FINAL";
  const { plugin, ctx } = await channelForAccount(payment.channelAccountId);
  try {
    await plugin.close(ctx, attemptNo);
  } catch (error) {
    // "already paid" and the like: the query below says what really happened
    const result = await queryAttempt(payment);
    if (result.state === "SUCCEEDED") return "SUCCEEDED";
    throw error;
  }
  const result = await queryAttempt(payment);
  if (result.state === "SUCCEEDED") return "SUCCEEDED";
  await applyTradeResult(attemptNo, { state: "CLOSED", failureReason: "closed" });
  return "CLOSED";
}
