import QRCode from "qrcode";
import { db } from "@/server/db";
import { confirmCodePayment, isPayCodeChannel, isSandboxBuyer, issuePayCode, tradesOfCodes } from "@/server/sandbox";

/**
 * The sandbox payer-code page (`/sandbox/paycode/<channel>/<buyer>`): the payment code a sandbox
 * buyer's phone shows for the merchant to scan, and the payments made with it — where a payment that
 * waits for the password is confirmed or cancelled, as on the payer's phone.
 */

/** A fresh one-time code and its QR image (SVG data URL); null for a channel or buyer the sandbox lacks. */
export async function newSandboxPayCode(channel: string, buyer: string): Promise<{ code: string; image: string } | null> {
  if (!isPayCodeChannel(channel) || !isSandboxBuyer(buyer)) return null;
  const code = issuePayCode(channel, buyer);
  const svg = await QRCode.toString(code, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
  return { code, image: `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}` };
}

export type PayCodePayment = {
  code: string;
  channelTradeNo: string;
  state: "PENDING" | "SUCCEEDED" | "FAILED" | "CLOSED";
  amount: bigint;
  currency: string;
  subject: string;
  payee: string | null;
};

/** The payments made with any of `codes` (the codes this page showed), newest first, with the payee's name. */
export async function sandboxPayCodePayments(channel: string, codes: string[]): Promise<PayCodePayment[]> {
  if (!isPayCodeChannel(channel)) return [];
  const trades = await tradesOfCodes(channel, codes.filter((code) => /^\d{10,32}$/.test(code)).slice(0, 20));
  const merchants = await db.sandboxMerchant.findMany({
    where: { id: { in: [...new Set(trades.map((t) => t.sandboxMerchantId))] } },
    select: { id: true, channelAccountId: true },
  });
  const accounts = await db.channelAccount.findMany({
    where: { id: { in: merchants.flatMap((m) => (m.channelAccountId ? [m.channelAccountId] : [])) } },
    select: { id: true, merchant: { select: { name: true } } },
  });
  const payeeOf = (merchantId: string) => {
    const accountId = merchants.find((m) => m.id === merchantId)?.channelAccountId;
    return accounts.find((a) => a.id === accountId)?.merchant.name ?? null;
  };
  return trades.map((trade) => ({
    code: trade.authCode ?? "",
    channelTradeNo: trade.channelTradeNo,
    state: trade.state,
    amount: trade.amount,
    currency: trade.currency,
    subject: trade.subject,
    payee: payeeOf(trade.sandboxMerchantId),
  }));
}

/**
 * The payer enters the password (success) or cancels (fail) a payment waiting for it. Only with the
 * code that paid it: the page that showed the code is the payer's phone.
 */
export async function answerSandboxPayCode(input: { channel: string; code: string; channelTradeNo: string; outcome: "success" | "fail" }): Promise<boolean> {
  if (!isPayCodeChannel(input.channel)) return false;
  const [trade] = await tradesOfCodes(input.channel, [input.code]);
  if (!trade || trade.channelTradeNo !== input.channelTradeNo) return false;
  await confirmCodePayment(trade.id, input.outcome);
  return true;
}
