"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import type { PayerAnswer } from "@/components/sandbox/payer-actions";
import { CHANNEL_CODES } from "@/server/domain/channel-codes";
import { settlePayerTrade } from "@/server/services/sandbox/settle-payer-trade";

const answerSchema = z.object({
  channel: z.enum(CHANNEL_CODES),
  channelTradeNo: z.string().min(1).max(64),
  outcome: z.enum(["success", "fail", "close"]),
  redirectUrl: z.string().max(2048).optional(),
});

/** The sandbox payer presses Pay, Decline or Cancel: the trade settles, then the browser goes where the channel would send it. */
export async function answerPayment(previous: PayerAnswer, form: FormData): Promise<PayerAnswer> {
  const parsed = answerSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return previous;
  const result = await settlePayerTrade(parsed.data);
  if (!result) return { state: "NOT_FOUND" };
  if (result.returnTo) redirect(result.returnTo);
  return { state: result.trade.state };
}
