"use server";

import { z } from "zod";
import { answerSandboxPayCode, newSandboxPayCode, sandboxPayCodePayments } from "@/server/services/sandbox/pay-codes";

/** The payer-code page's actions: a fresh code, the payments made with its codes, the password (or cancel). */

const ref = z.object({ channel: z.string().max(32), buyer: z.string().max(32) });

export async function refreshPayCode(input: { channel: string; buyer: string }) {
  const parsed = ref.safeParse(input);
  return parsed.success ? newSandboxPayCode(parsed.data.channel, parsed.data.buyer) : null;
}

const codesSchema = z.object({ channel: z.string().max(32), codes: z.array(z.string().max(32)).max(20) });

export async function payCodePayments(input: { channel: string; codes: string[] }) {
  const parsed = codesSchema.safeParse(input);
  if (!parsed.success) return [];
  const payments = await sandboxPayCodePayments(parsed.data.channel, parsed.data.codes);
  // bigint does not cross a server action as is
  return payments.map((payment) => ({ ...payment, amount: payment.amount.toString() }));
}

const answerSchema = z.object({
  channel: z.string().max(32),
  code: z.string().regex(/^\d{10,32}$/),
  channelTradeNo: z.string().min(1).max(64),
  outcome: z.enum(["success", "fail"]),
});

export async function answerPayCode(input: z.input<typeof answerSchema>): Promise<boolean> {
  const parsed = answerSchema.safeParse(input);
  return parsed.success ? answerSandboxPayCode(parsed.data) : false;
}
