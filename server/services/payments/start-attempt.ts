import { ChannelError, ChannelRejectedError, ChannelTimeoutError, ChannelUnavailableError, ChannelUnsupportedError } from "@/server/channels/errors";
import type { PayData, Payer, PayMode } from "@/server/channels/types";
import { db } from "@/server/db";
import { attemptNo as makeAttemptNo } from "@/server/domain/ids";
import { parseCurrency } from "@/server/domain/money";
import { paramsHash } from "@/server/domain/params-hash";
import type { RouteEntry } from "@/server/domain/route-rule-schema";
import { failoverDecision } from "@/server/domain/routing/decide";
import { entryOfMode } from "@/server/domain/routing/entry";
import type { RouteDecision } from "@/server/domain/routing/types";
import { AppError } from "@/server/errors";
import { toAppError } from "@/server/to-app-error";
import type { PayOrder, Payment } from "@/server/generated/prisma/client.ts";
import { enqueueJob } from "@/server/jobs/enqueue";
import { closeAttempt, syncDelayMs, syncPayment } from "@/server/jobs/tasks/payment-jobs";
import { logger } from "@/server/observability/logger";
import { metrics } from "@/server/observability/metrics";
import type { RoutingState } from "@/server/services/routing/load-routing-state";
import { recordChannelCall } from "@/server/services/routing/record-channel-call";
import { planRoute, requireRoute } from "@/server/services/routing/route-payment";
import { channelForAccount } from "./channel-for-account";

export type AttemptParams = {
  channel?: string;
  mode: PayMode;
  payer?: Payer;
  /** Where the channel's own cashier returns the consumer (Alipay page/wap); default: the order's returnUrl. */
  returnUrl?: string;
  /** Where the consumer pays (route rules' 流量入口); default: from the mode. Not an attempt parameter. */
  entry?: RouteEntry;
};

export function attemptParamsHash(params: AttemptParams): string {
  return paramsHash({ channel: params.channel ?? null, mode: params.mode, payer: params.payer ?? null });
}

/** How long one request may keep failing over to the next candidate account. */
export const FAILOVER_BUDGET_MS = 10_000;

type Chosen = NonNullable<RouteDecision["chosen"]>;
export type AttemptRoute = { decision: RouteDecision & { chosen: Chosen }; state: RoutingState };

/** Routes an attempt of the order through the app's route rules; throws the API's error when no account can take it. */
export async function routeAttempt(order: Pick<PayOrder, "appId" | "amount" | "metadata">, params: AttemptParams): Promise<AttemptRoute> {
  const request = {
    appId: order.appId,
    amount: order.amount,
    modes: [params.mode],
    entry: params.entry ?? entryOfMode(params.mode),
    metadata: order.metadata,
    channel: params.channel,
  };
  return requireRoute(await planRoute(request), request);
}

/** Records the attempt on the chosen account with its decision, its status-sync job, and close jobs for the attempts it supersedes. */
async function createAttempt(order: PayOrder, params: AttemptParams, decision: RouteDecision & { chosen: Chosen }): Promise<Payment> {
  return db.$transaction(async (tx) => {
    // Locks the order and keeps the latest decision on it, in one statement.
    const [current] = await tx.$queryRaw<{ status: string }[]>`
      UPDATE "PayOrder" SET "routeDecision" = ${JSON.stringify(decision)}::jsonb WHERE "payOrderNo" = ${order.payOrderNo} RETURNING status::text`;
    if (!current) throw new AppError("ORDER_NOT_FOUND", "no such order");
    if (current.status === "CLOSED") throw new AppError("ORDER_CLOSED", "the order is closed");
    if (current.status !== "PENDING") throw new AppError("ORDER_ALREADY_PAID", "the order is already paid");
    const previous = await tx.payment.findMany({ where: { payOrderNo: order.payOrderNo }, orderBy: { seq: "desc" } });
    const seq = (previous[0]?.seq ?? 0) + 1;
    const created = await tx.payment.create({
      data: {
        attemptNo: makeAttemptNo(order.payOrderNo, seq),
        payOrderNo: order.payOrderNo,
        seq,
        merchantId: order.merchantId,
        appId: order.appId,
        channelAccountId: decision.chosen.accountId,
        channel: decision.chosen.channel,
        mode: params.mode,
        amount: order.amount,
        currency: order.currency,
        paramsHash: attemptParamsHash(params),
        payer: params.payer ?? undefined,
        routeDecision: decision,
      },
    });
    await enqueueJob(tx, syncPayment, { attemptNo: created.attemptNo, round: 0 }, {
      runAt: new Date(Date.now() + syncDelayMs(0)),
      jobKey: `sync-payment:${created.attemptNo}`,
    });
    for (const open of previous.filter((p) => p.status === "CREATED" || p.status === "PROCESSING" || p.status === "UNKNOWN")) {
      await enqueueJob(tx, closeAttempt, { attemptNo: open.attemptNo }, { jobKey: `close-attempt:${open.attemptNo}` });
    }
    return created;
  });
}

/**
 * Starts a payment attempt on an order: the route rules pick the channel account (`route`, when the
 * caller routed already), the attempt is recorded with the decision in one transaction, then the
 * channel is called — outside any transaction, never holding a lock over the network.
 *
 * The channel's answer decides the attempt: accepted → PROCESSING with payData; refused → FAILED;
 * unreachable (connection refused, 5xx on create) → FAILED — nothing was created there — and the
 * next ranked account is tried in the same request as a new attempt, within FAILOVER_BUDGET_MS;
 * no answer in time → UNKNOWN (the channel may have the trade: status sync finds out; it is never
 * marked failed or retried elsewhere). Every outcome feeds the account's circuit breaker.
 */
export async function startAttempt(order: PayOrder, params: AttemptParams, route?: AttemptRoute): Promise<Payment> {
  const routed = route ?? (await routeAttempt(order, params));
  const { state } = routed;
  let decision = routed.decision;
  const deadline = Date.now() + FAILOVER_BUDGET_MS;
  for (;;) {
    const payment = await createAttempt(order, params, decision);
    try {
      return await callChannel(order, params, payment, state);
    } catch (error) {
      const next = failoverDecision(decision, state.accounts, { accountId: decision.chosen.accountId, attemptNo: payment.attemptNo, error: (error as Error).name });
      if (error instanceof ChannelUnavailableError && next.chosen && Date.now() < deadline) {
        logger.warn({ attemptNo: payment.attemptNo, next: next.chosen.accountId }, "channel unreachable: failing over to the next account");
        decision = next as AttemptRoute["decision"];
        continue;
      }
      throw toApiError(error);
    }
  }
}

async function callChannel(order: PayOrder, params: AttemptParams, payment: Payment, state: RoutingState): Promise<Payment> {
  const { plugin, ctx } = await channelForAccount(payment.channelAccountId);
  let payData: PayData | null;
  let channelTradeNo: string | undefined;
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const result = await plugin.pay(ctx, {
      outTradeNo: payment.attemptNo,
      amount: order.amount,
      currency: parseCurrency(order.currency),
      subject: order.subject,
      description: order.description ?? undefined,
      expiresAt: order.expiresAt,
      mode: params.mode,
      payer: params.payer,
      returnUrl: params.returnUrl ?? order.returnUrl ?? undefined,
    });
    payData = result.payData;
    channelTradeNo = result.channelTradeNo;
  } catch (error) {
    const ms = elapsed();
    logger.info({ attemptNo: payment.attemptNo, channel: payment.channel, ms }, "channel pay call failed");
    await Promise.all([
      recordFailure(payment, error, ms),
      recordChannelCall(state, payment.channelAccountId, payment.mode, reachable(error) ? "ok" : "error"),
    ]);
    throw error;
  }
  const ms = elapsed();
  logger.info({ attemptNo: payment.attemptNo, channel: payment.channel, ms }, "channel pay call");
  const [updated] = await Promise.all([
    db.payment.updateMany({
      where: { attemptNo: payment.attemptNo, status: "CREATED" },
      data: { status: "PROCESSING", payData: payData ?? undefined, channelTradeNo, payOutcome: "ok", payLatencyMs: ms },
    }),
    recordChannelCall(state, payment.channelAccountId, payment.mode, "ok"),
  ]);
  metrics.payments.inc({ channel: payment.channel, status: "PROCESSING" });
  if (updated.count === 0) logger.info({ attemptNo: payment.attemptNo }, "attempt settled before the pay call returned");
  return db.payment.findUniqueOrThrow({ where: { attemptNo: payment.attemptNo } });
}

/** The channel answered (even "no", or "not supported"): it is reachable, as far as its breaker is concerned. */
function reachable(error: unknown): boolean {
  return error instanceof ChannelRejectedError || error instanceof ChannelUnsupportedError;
}

function payOutcome(error: unknown): string {
  if (error instanceof ChannelRejectedError) return "rejected";
  if (error instanceof ChannelUnsupportedError) return "unsupported";
  if (error instanceof ChannelUnavailableError) return "unavailable";
  if (error instanceof ChannelTimeoutError) return "timeout";
  return "unknown";
}

async function recordFailure(payment: Payment, error: unknown, ms: number): Promise<void> {
  const unknownOutcome = !(error instanceof ChannelRejectedError || error instanceof ChannelUnavailableError || error instanceof ChannelUnsupportedError);
  if (unknownOutcome) logger.warn({ err: error, attemptNo: payment.attemptNo }, "channel outcome unknown");
  await db.payment.updateMany({
    where: { attemptNo: payment.attemptNo, status: "CREATED" },
    data: {
      status: unknownOutcome ? "UNKNOWN" : "FAILED",
      failureCode: (error as { code?: string }).code ?? (error as Error).name,
      failureMessage: String((error as Error).message).slice(0, 500),
      payOutcome: payOutcome(error),
      payLatencyMs: ms,
    },
  });
  metrics.payments.inc({ channel: payment.channel, status: unknownOutcome ? "UNKNOWN" : "FAILED" });
}

function toApiError(error: unknown): AppError {
  if (error instanceof AppError || error instanceof ChannelError) return toAppError(error);
  // an error of no known kind during the channel call: the channel may have acted, as after a timeout
  return new AppError("CHANNEL_ERROR", "the channel call failed; the attempt is being checked with the channel");
}
