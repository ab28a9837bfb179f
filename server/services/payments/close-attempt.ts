import type { ReverseResult } from "@/server/channels/types";
import { db } from "@/server/db";
import { applyTradeResult } from "./apply-trade-result";
import { applyReversal } from "./barcode-reversal";
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
  // a barcode trade is closed by its reverse (WeChat 撤销 / Alipay cancel), which settles it (docs/adr/0023)
  if (payment.mode === "barcode" && plugin.reverse) return reverseBarcodeTrade(payment, await plugin.reverse(ctx, attemptNo));
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

/** After the reverse of a barcode attempt: SUCCEEDED if it had been recorded paid (the reverse's refund is recorded too), else CLOSED. */
async function reverseBarcodeTrade(payment: { attemptNo: string }, result: ReverseResult): Promise<"SUCCEEDED" | "CLOSED"> {
  await applyReversal(payment.attemptNo, result);
  const after = await db.payment.findUniqueOrThrow({ where: { attemptNo: payment.attemptNo }, select: { status: true } });
  return after.status === "SUCCEEDED" ? "SUCCEEDED" : "CLOSED";
}
