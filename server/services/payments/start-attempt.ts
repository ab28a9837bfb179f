import { ChannelUnavailableError } from "@/server/channels/errors";
import type { Payer, PayMode } from "@/server/channels/types";
import { db } from "@/server/db";
import { attemptNo as makeAttemptNo } from "@/server/domain/ids";
import { paramsHash } from "@/server/domain/params-hash";
import { isOpenAttempt } from "@/server/domain/pay-order-states";
import type { RouteEntry } from "@/server/domain/route-rule-schema";
import { failoverDecision } from "@/server/domain/routing/decide";
import { entryOfMode } from "@/server/domain/routing/entry";
import type { RouteDecision } from "@/server/domain/routing/types";
import { AppError } from "@/server/errors";
import type { PayOrder, Payment } from "@/server/generated/prisma/client.ts";
import { enqueueJob } from "@/server/jobs/enqueue";
import { closeAttempt, syncDelayMs, syncPayment } from "@/server/jobs/tasks/payment-jobs";
import { logger } from "@/server/observability/logger";
import type { RoutingState } from "@/server/services/routing/load-routing-state";
import { planRoute, requireRoute } from "@/server/services/routing/route-payment";
import { type FirstAttempt, recordFirstAttempt } from "./attempt-writes";
import { barcodeChannel, enqueueBarcodeLoop } from "./barcode-attempt";
import { sendPayCall, toApiError } from "./pay-call";
import { awaitPayAnswer } from "./resume-attempt";

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
    // barcode: the code's own channel (barcode-attempt.ts); JSAPI was WeChat Pay's alone until Alipay's
    // (trade.create): an openid is one channel's, so unnamed stays WeChat's
    channel: params.mode === "jsapi" ? (params.channel ?? "wechatpay") : barcodeChannel(params),
  };
  return requireRoute(await planRoute(request), request);
}

/**
 * Records the attempt on the chosen account with its decision, its status-sync job, and close jobs for
 * the attempts it supersedes. With `reuseIdentical`, an open latest attempt with the same parameters
 * is returned instead (`reused`): decided under the order's lock, so two identical requests racing
 * each other end on one attempt instead of the second closing the first's.
 */
async function createAttempt(
  order: PayOrder,
  params: AttemptParams,
  decision: RouteDecision & { chosen: Chosen },
  reuseIdentical: boolean,
): Promise<{ payment: Payment; reused: boolean }> {
  return db.$transaction(async (tx) => {
    // Locks the order and keeps the latest decision on it, in one statement.
    const [current] = await tx.$queryRaw<{ status: string }[]>`
      UPDATE "PayOrder" SET "routeDecision" = ${JSON.stringify(decision)}::jsonb WHERE "payOrderNo" = ${order.payOrderNo} RETURNING status::text`;
    if (!current) throw new AppError("ORDER_NOT_FOUND", "no such order");
    if (current.status === "CLOSED") throw new AppError("ORDER_CLOSED", "the order is closed");
    if (current.status !== "PENDING") throw new AppError("ORDER_ALREADY_PAID", "the order is already paid");
    const previous = await tx.payment.findMany({ where: { payOrderNo: order.payOrderNo }, orderBy: { seq: "desc" } });
    const latest = previous[0];
    if (reuseIdentical && latest && isOpenAttempt(latest.status) && latest.paramsHash === attemptParamsHash(params)) return { payment: latest, reused: true };
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
        returnUrl: params.returnUrl ?? order.returnUrl,
        routeDecision: decision,
      },
    });
    await enqueueJob(tx, syncPayment, { attemptNo: created.attemptNo, round: 0 }, {
      runAt: new Date(Date.now() + syncDelayMs(0)),
      jobKey: `sync-payment:${created.attemptNo}`,
    });
    await enqueueBarcodeLoop(tx, created);
    for (const superseded of previous.filter((p) => isOpenAttempt(p.status))) {
      await enqueueJob(tx, closeAttempt, { attemptNo: superseded.attemptNo }, { jobKey: `close-attempt:${superseded.attemptNo}` });
    }
    return { payment: created, reused: false };
  });
}

function firstAttemptOf(order: PayOrder, params: AttemptParams, decision: RouteDecision & { chosen: Chosen }): FirstAttempt {
  return { decision, mode: params.mode, payer: params.payer ?? null, returnUrl: params.returnUrl ?? order.returnUrl, paramsHash: attemptParamsHash(params) };
}

/**
 * Starts a payment attempt on an order: the route rules pick the channel account (`route`, when the
 * caller routed already), the attempt is recorded with the decision in one transaction, then the
 * channel is called — outside any transaction, never holding a lock over the network (pay-call.ts).
 *
 * The channel's answer decides the attempt: accepted → PROCESSING with payData; refused → FAILED;
 * unreachable (connection refused, 5xx on create) → FAILED — nothing was created there — and the
 * next ranked account is tried in the same request as a new attempt, within FAILOVER_BUDGET_MS;
 * no answer in time → UNKNOWN (the channel may have the trade: status sync finds out; it is never
 * marked failed or retried elsewhere). Every outcome feeds the account's circuit breaker.
 *
 * `reuseIdentical` (the Open API's identical request): an open attempt with the same parameters found
 * under the order's lock is not duplicated; its answer is awaited, or its call sent again if the
 * request that made it is gone (resume-attempt.ts).
 */
export async function startAttempt(
  order: PayOrder,
  params: AttemptParams,
  route?: AttemptRoute,
  options: { reuseIdentical?: boolean; justCreated?: boolean } = {},
): Promise<Payment> {
  const routed = route ?? (await routeAttempt(order, params));
  const { state } = routed;
  let decision = routed.decision;
  const deadline = Date.now() + FAILOVER_BUDGET_MS;
  // an order this request created: its first attempt in one statement (attempt-writes.ts), else the general path
  // (which also enqueues a barcode attempt's loop)
  let first = (options.justCreated ?? false) && params.mode !== "barcode";
  for (;;) {
    const firstAttempt = first ? await recordFirstAttempt(order, firstAttemptOf(order, params, decision)) : null;
    first = false;
    const { payment, reused } = firstAttempt ? { payment: firstAttempt.payment, reused: false } : await createAttempt(order, params, decision, options.reuseIdentical ?? false);
    if (reused) return awaitPayAnswer(payment);
    try {
      return await sendPayCall(order, payment, state, firstAttempt?.account);
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
