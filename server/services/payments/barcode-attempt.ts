/**
 * Barcode payment (付款码: the merchant scans the payer's code), its hooks in the normal attempt path
 * (docs/adr/0023-barcode-payment.md).
 *
 * CONTRACT for the store POS (and any caller): open a pay order (the order center's order and its
 * pay order), then call the ordinary
 *
 *     startAttempt(payOrder, { mode: "barcode", payer: { authCode, clientIp? }, entry: "pos" })
 *
 * with no `channel`: the channel comes from the code's prefix (server/domain/auth-code.ts) and the
 * route rules choose among that channel's accounts only. It returns the attempt at once: SUCCEEDED
 * when the channel paid in the call (the order is PAID, journal, events, webhooks, order center, all
 * applied as a callback would), PROCESSING while the payer enters a password or the channel's answer
 * is unknown — then read the attempt / pay order until it settles: the barcode loop (barcode-poll.ts,
 * a job added with the attempt) queries every few seconds and in the end reverses it. A declined
 * payment throws the API's CHANNEL_ERROR with the channel's reason, the attempt FAILED. An unknown
 * code is a VALIDATION_FAILED on `payer.authCode`. Nothing here ever waits in the request thread.
 */
import type { ChannelPlugin, PayResult } from "@/server/channels/types";
import type { Tx } from "@/server/db";
import { channelOfAuthCode, UNKNOWN_AUTH_CODE } from "@/server/domain/auth-code";
import { nextPollStep } from "@/server/domain/barcode-loop";
import { loadEnv } from "@/server/env";
import { AppError } from "@/server/errors";
import type { Payment } from "@/server/generated/prisma/client.ts";
import { enqueueJob } from "@/server/jobs/enqueue";
import { barcodePoll } from "@/server/jobs/tasks/barcode-jobs";
import { logger } from "@/server/observability/logger";
import { applyTradeResult } from "./apply-trade-result";
import { checkTradeMatches } from "./check-trade-matches";

/** The channel a barcode attempt goes to: the one named, which must be the code's, or the code's own. */
export function barcodeChannel(params: { channel?: string; mode: string; payer?: { authCode?: string } }): string | undefined {
  if (params.mode !== "barcode") return params.channel;
  const code = params.payer?.authCode;
  const channel = code ? channelOfAuthCode(code) : null;
  if (!channel) throw new AppError("VALIDATION_FAILED", code ? `payer.authCode: ${UNKNOWN_AUTH_CODE}` : "payer.authCode: is required for barcode", { field: "payer.authCode" });
  if (params.channel && params.channel !== channel) {
    throw new AppError("VALIDATION_FAILED", `payer.authCode: is a ${channel} payment code, not ${params.channel}`, { field: "payer.authCode" });
  }
  return channel;
}

/** Adds the attempt's barcode loop in the transaction that records the attempt: it exists iff the attempt does. */
export async function enqueueBarcodeLoop(tx: Tx, payment: Pick<Payment, "attemptNo" | "mode" | "createdAt">): Promise<void> {
  if (payment.mode !== "barcode") return;
  const step = nextPollStep(payment.createdAt.getTime(), payment.createdAt.getTime(), loadEnv().BARCODE_TIME_SCALE);
  await enqueueJob(tx, barcodePoll, { attemptNo: payment.attemptNo, reverseTries: 0 }, { runAt: new Date(step.at), jobKey: `barcode-poll:${payment.attemptNo}` });
}

/**
 * A synchronous pay answer (barcode): "paid now" is applied through the same path as a callback or
 * a query — after the same checks (app, merchant, amount) — exactly once; "still processing" leaves
 * the attempt PROCESSING for the loop.
 */
export async function applySyncPayAnswer(plugin: ChannelPlugin<unknown>, credentials: unknown, payment: Payment, sync: PayResult["sync"]): Promise<void> {
  if (sync?.state !== "PAID") return;
  const mismatch = checkTradeMatches(plugin, credentials, payment, sync.trade);
  if (mismatch) {
    logger.error({ attemptNo: payment.attemptNo, mismatch }, "barcode pay answer does not match the attempt: not applied, the loop queries");
    return;
  }
  await applyTradeResult(payment.attemptNo, sync.trade);
}
