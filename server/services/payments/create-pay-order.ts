import type { PayMode } from "@/server/channels/types";
import { db, type Tx } from "@/server/db";
import { newPayOrderNo } from "@/server/domain/ids";
import { paramsHash } from "@/server/domain/params-hash";
import { marksProfitSharing } from "@/server/services/profit-sharing/mark-order";
import type { CreatePayOrderInput } from "@/server/domain/pay-order-schema";
import { AppError } from "@/server/errors";
import type { PayOrder, PayOrderPurpose } from "@/server/generated/prisma/client.ts";
import type { ApiApp } from "@/server/apps/app-cache";
import { sql } from "@/server/sql";
import { paymentRiskFacts } from "@/server/domain/risk-facts";
import { runRiskCheck } from "@/server/services/risk/check-risk";
import { requirePayableApp } from "@/server/services/apps/require-payable-app";
import { loadOrderWithAttempts, ORDER_COLUMNS } from "./load-pay-order-with-attempts";
import { payOrderView, type PayOrderView } from "./pay-order-view";
import { awaitPayAnswer, lacksPayAnswer, mayBeInFlight } from "./resume-attempt";
import { type AttemptParams, type AttemptRoute, attemptParamsHash, routeAttempt, startAttempt } from "./start-attempt";

const REPLAYABLE = new Set(["CREATED", "PROCESSING", "UNKNOWN", "SUCCEEDED"]);

function orderParamsHash(
  input: Pick<CreatePayOrderInput, "amount" | "currency" | "subject" | "description" | "notifyUrl" | "returnUrl" | "metadata" | "expireInSeconds"> & { profitSharing?: boolean },
): string {
  return paramsHash({
    // only when asked, so the hashes of orders without it stay what they were
    profitSharing: input.profitSharing || undefined,
    amount: input.amount,
    currency: input.currency,
    subject: input.subject,
    description: input.description ?? null,
    notifyUrl: input.notifyUrl ?? null,
    returnUrl: input.returnUrl ?? null,
    metadata: input.metadata ?? null,
    expireInSeconds: input.expireInSeconds,
  });
}

/**
 * Inserts the order in one round trip; null when the app already has an order with this mchOrderNo.
 * No expiry job is added here: the expiry sweep (expire-sweep.ts) queues one once the order is due.
 */
async function insertOrder(app: ApiApp, input: CreatePayOrderInput, hash: string): Promise<PayOrder | null> {
  const profitSharing = await marksProfitSharing(app.id, input.profitSharing, input.metadata);
  const now = new Date();
  const expiresAt = new Date(now.getTime() + input.expireInSeconds * 1000);
  const payOrderNo = newPayOrderNo(now);
  const { rows } = await sql<PayOrder>(
    `INSERT INTO "PayOrder" ("payOrderNo", "merchantId", "appId", "mchOrderNo", amount, currency, subject, description, "notifyUrl",
                          "returnUrl", metadata, "expireInSeconds", "expiresAt", "paramsHash", "createdAt", "updatedAt", "profitSharing")
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15, $16)
     ON CONFLICT ("appId", "mchOrderNo") DO NOTHING
     RETURNING ${ORDER_COLUMNS}`,
    [
      payOrderNo,
      app.merchantId,
      app.id,
      input.mchOrderNo,
      input.amount,
      input.currency,
      input.subject,
      input.description ?? null,
      input.notifyUrl ?? null,
      input.returnUrl ?? null,
      input.metadata === undefined ? null : JSON.stringify(input.metadata),
      input.expireInSeconds,
      expiresAt,
      hash,
      now,
      profitSharing,
    ],
  );
  return rows[0] ?? null;
}

/** An app's order by its mchOrderNo, or null: one prepared statement (the first look of every channel-backed create). */
async function findOrderByMchOrderNo(appId: string, mchOrderNo: string): Promise<PayOrder | null> {
  const { rows } = await sql<PayOrder>(`SELECT ${ORDER_COLUMNS} FROM "PayOrder" WHERE "appId" = $1 AND "mchOrderNo" = $2`, [appId, mchOrderNo]);
  return rows[0] ?? null;
}

/** What the order center asks of a pay order it opens for one of its orders (cashier mode, no attempt). */
export type OrderPayment = {
  mchOrderNo: string;
  amount: bigint;
  subject: string;
  metadata?: Record<string, string>;
  expireInSeconds: number;
  /** Defaults to now + expireInSeconds (a presale balance expires at its balanceDueAt). */
  expiresAt?: Date;
  /** The order it pays; none for a wallet top-up (purpose top_up). */
  orderNo?: string;
  purpose: PayOrderPurpose;
};

/**
 * Opens a cashier-mode pay order inside the caller's transaction (the order center opens an order's
 * pay orders in the transaction that creates or moves the order). The same row, hash and expiry as
 * POST /api/v1/pay-orders in cashier mode would write, linked to the order; no notifyUrl of its own
 * (its events go to the app's). Like insertOrder, no expiry job: the expiry sweep finds it when due.
 */
export async function openPayOrderInTx(tx: Tx, app: Pick<ApiApp, "id" | "merchantId">, payment: OrderPayment): Promise<PayOrder> {
  const input = {
    mchOrderNo: payment.mchOrderNo,
    amount: payment.amount,
    currency: "CNY" as const,
    subject: payment.subject,
    metadata: payment.metadata,
    expireInSeconds: payment.expireInSeconds,
    mode: "cashier" as const,
  };
  const now = new Date();
  return tx.payOrder.create({
    data: {
      payOrderNo: newPayOrderNo(now),
      merchantId: app.merchantId,
      appId: app.id,
      mchOrderNo: input.mchOrderNo,
      amount: input.amount,
      currency: input.currency,
      subject: input.subject,
      metadata: input.metadata,
      expireInSeconds: input.expireInSeconds,
      expiresAt: payment.expiresAt ?? new Date(now.getTime() + input.expireInSeconds * 1000),
      paramsHash: orderParamsHash(input),
      orderNo: payment.orderNo,
      purpose: payment.purpose,
      profitSharing: await marksProfitSharing(app.id, false, payment.metadata, tx),
      createdAt: now,
      updatedAt: now,
    },
  });
}

/**
 * A known mchOrderNo with the same order parameters: the earlier answer when the request is the same
 * (null when a new attempt is to be started). An identical attempt still waiting for its channel is
 * awaited, and one whose pay call never got an answer — its request died, or the call timed out — is
 * resumed (resume-attempt.ts): an identical request never replays an attempt without its payData.
 */
async function answerKnownOrder(app: ApiApp, input: CreatePayOrderInput, order: PayOrder): Promise<PayOrderView | null> {
  for (let round = 0; ; round++) {
    const attempts = await db.payment.findMany({ where: { payOrderNo: order.payOrderNo }, orderBy: { seq: "asc" } });
    const latest = attempts.at(-1);
    const sameAttempt = input.mode === "cashier" ? true : latest?.paramsHash === attemptParamsHash({ channel: input.channel, mode: input.mode, payer: input.payer });
    if (order.status === "CLOSED") throw new AppError("ORDER_CLOSED", "the order is closed");
    if (order.status !== "PENDING") {
      if (sameAttempt) return payOrderView(order, attempts);
      throw new AppError("ORDER_ALREADY_PAID", "the order is already paid");
    }
    if (input.mode === "cashier") return payOrderView(order, attempts);
    if (sameAttempt && latest && REPLAYABLE.has(latest.status)) {
      if (round > 0 || !(mayBeInFlight(latest) || lacksPayAnswer(latest))) return payOrderView(order, attempts);
      await awaitPayAnswer(latest);
      order = await db.payOrder.findUniqueOrThrow({ where: { payOrderNo: order.payOrderNo } });
      continue; // look again: answered, paid meanwhile, or ended at the channel (then a new attempt)
    }
    if (latest) {
      const waitMs = latest.createdAt.getTime() + app.repeatGuardSeconds * 1000 - Date.now();
      if (waitMs > 0) {
        throw new AppError("REPEAT_TOO_SOON", `a new attempt on this order is allowed ${app.repeatGuardSeconds} s after the previous one`, {
          retryAfter: Math.ceil(waitMs / 1000),
        });
      }
    }
    return null;
  }
}

/** The attempt an order with a channel mode (not `cashier`) asks for. */
function attemptParams(input: CreatePayOrderInput): AttemptParams {
  return { channel: input.channel, mode: input.mode as PayMode, payer: input.payer };
}

/**
 * POST /api/v1/pay-orders (OPEN-API.md). A new mchOrderNo creates the order and, unless the mode is
 * `cashier`, starts paying it. A known one: same parameters → the earlier answer (no channel call);
 * same order but other attempt parameters → a new attempt (after the repeat guard); other order
 * parameters → ORDER_PARAMS_MISMATCH; paid → ORDER_ALREADY_PAID; closed → ORDER_CLOSED.
 */
export async function createPayOrder(app: ApiApp, input: CreatePayOrderInput): Promise<{ status: 200 | 201; order: PayOrderView }> {
  const hash = orderParamsHash(input);
  const key = { appId_mchOrderNo: { appId: app.id, mchOrderNo: input.mchOrderNo } };
  // Cashier mode inserts first (a known mchOrderNo is answered below); other modes look first, so a
  // repeat is answered without depending on today's channel accounts.
  let order = input.mode === "cashier" ? null : await findOrderByMchOrderNo(app.id, input.mchOrderNo);
  let created = false;
  let route: AttemptRoute | undefined;
  if (!order) {
    // Route first (the route rules): a mode no account serves is refused before anything is written; so is a
    // cashier-mode order of an app that cannot take any payment (NO_CHANNEL_ACCOUNT).
    if (input.mode === "cashier") await requirePayableApp(app.id);
    else {
      route = await routeAttempt({ appId: app.id, amount: input.amount, metadata: input.metadata ?? null }, attemptParams(input));
    }
    // risk control (checkpoint PAY_ORDER): a BLOCK answers RISK_REJECTED with nothing written but its decision
    const payer = { ip: input.payer?.clientIp, deviceId: input.payer?.deviceId, openid: input.payer?.openid };
    await runRiskCheck(paymentRiskFacts("PAY_ORDER", { appId: app.id, merchantId: app.merchantId }, input.amount, payer, new Date()), {
      refs: { sourceNo: input.mchOrderNo },
    });
    order = await insertOrder(app, input, hash);
    created = order !== null;
    order ??= await db.payOrder.findUniqueOrThrow({ where: key });
  }
  if (created && input.mode === "cashier") return { status: 201, order: payOrderView(order, []) };
  if (!created && order.paramsHash !== hash) {
    throw new AppError("ORDER_PARAMS_MISMATCH", "this mchOrderNo was used with other order parameters");
  }

  if (!created) {
    const replay = await answerKnownOrder(app, input, order);
    if (replay) return { status: 200, order: replay };
  }

  if (input.mode !== "cashier") {
    const payment = await startAttempt(order, attemptParams(input), created ? route : undefined, { reuseIdentical: true, justCreated: created });
    // the order this request created and its one attempt, answered by the channel and nothing since: the rows in hand
    if (created && payment.seq === 1 && payment.status === "PROCESSING") return { status: 201, order: payOrderView(order, [payment]) };
  }
  const fresh = (await loadOrderWithAttempts({ payOrderNo: order.payOrderNo }))!;
  return { status: created ? 201 : 200, order: payOrderView(fresh.order, fresh.attempts) };
}
