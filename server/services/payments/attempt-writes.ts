import type { PayData } from "@/server/channels/types";
import { attemptNo as makeAttemptNo } from "@/server/domain/ids";
import { OPEN_ATTEMPT_STATUSES } from "@/server/domain/pay-order-states";
import type { RouteDecision } from "@/server/domain/routing/types";
import { type PayOrder, type Payment, Prisma } from "@/server/generated/prisma/client.ts";
import { addJobCall } from "@/server/jobs/enqueue";
import { syncDelayMs, syncPayment } from "@/server/jobs/tasks/payment-jobs";
import { columns, sql } from "@/server/sql";
import type { ResolvableAccount } from "./channel-for-account";

/**
 * The channel path's two writes of an attempt as one statement each, sent to the pool directly
 * (server/sql.ts; docs/adr/0026): the first attempt of an order this request has just created, and
 * the pay call's accepted answer. The general paths (start-attempt.ts createAttempt, a Prisma transaction
 * of five statements) remain for everything else; these give the same rows, events and jobs.
 */

const PAYMENT_COLUMNS = columns(Prisma.PaymentScalarFieldEnum);
const PAYMENT_COLUMNS_OF_P = columns(Prisma.PaymentScalarFieldEnum, "p");

export type FirstAttempt = {
  decision: RouteDecision & { chosen: NonNullable<RouteDecision["chosen"]> };
  mode: string;
  payer: unknown;
  returnUrl: string | null;
  paramsHash: string;
};

/**
 * Records attempt 1 of an order with no attempt yet, in one statement (atomic as a transaction is): the
 * order's latest decision set while it is PENDING, the attempt inserted, its status-sync job added.
 * With the attempt, the channel account it is routed to, as the pay call resolves it (one statement fewer).
 * Null when the order is no longer PENDING or has an attempt already (a concurrent request made one): the
 * caller then takes the general path, which decides under the order's lock what to answer.
 */
export async function recordFirstAttempt(order: PayOrder, attempt: FirstAttempt): Promise<{ payment: Payment; account: ResolvableAccount } | null> {
  const attemptNo = makeAttemptNo(order.payOrderNo, 1);
  const now = new Date();
  const job = addJobCall(syncPayment, { attemptNo, round: 0 }, { runAt: new Date(now.getTime() + syncDelayMs(0)), jobKey: `sync-payment:${attemptNo}` }, 15);
  try {
    const { rows } = await sql<Payment & { account: ResolvableAccount }>(
      `WITH o AS (
         UPDATE "PayOrder" SET "routeDecision" = $3::jsonb
         WHERE "payOrderNo" = $1 AND status = 'PENDING' AND NOT EXISTS (SELECT 1 FROM "Payment" WHERE "payOrderNo" = $1)
         RETURNING "payOrderNo"
       ), p AS (
         INSERT INTO "Payment" ("attemptNo", "payOrderNo", seq, "merchantId", "appId", "channelAccountId", channel, mode, amount, currency,
                                "paramsHash", payer, "returnUrl", "routeDecision", "createdAt", "updatedAt")
         SELECT $2::text, o."payOrderNo", 1, $4::text, $5::text, $6::text, $7::text, $8::text, $9::bigint, $10::text, $11::text, $12::jsonb, $13::text,
                $3::jsonb, $14::timestamp, $14::timestamp
         FROM o
         RETURNING ${PAYMENT_COLUMNS}
       )
       SELECT ${PAYMENT_COLUMNS_OF_P},
              json_build_object('id', a.id, 'merchantId', a."merchantId", 'channel', a.channel, 'credentialsEnc', a."credentialsEnc", 'baseUrl', a."baseUrl",
                                'app', json_build_object('mode', app.mode)) AS "account"
       FROM p JOIN "ChannelAccount" a ON a.id = p."channelAccountId" JOIN "App" app ON app.id = a."appId"
       CROSS JOIN LATERAL ${job.text} AS job`,
      [
        order.payOrderNo,
        attemptNo,
        JSON.stringify(attempt.decision),
        order.merchantId,
        order.appId,
        attempt.decision.chosen.accountId,
        attempt.decision.chosen.channel,
        attempt.mode,
        order.amount,
        order.currency,
        attempt.paramsHash,
        attempt.payer === undefined || attempt.payer === null ? null : JSON.stringify(attempt.payer),
        attempt.returnUrl,
        now,
        ...job.values,
      ],
    );
    if (!rows[0]) return null;
    const { account, ...payment } = rows[0];
    return { payment, account };
  } catch (error) {
    // attempt 1 inserted by a concurrent request between this statement's snapshot and its insert
    if ((error as { code?: string }).code === "23505") return null;
    throw error;
  }
}

/**
 * The pay call's accepted answer on an open attempt that has none recorded yet (CREATED; UNKNOWN or
 * PROCESSING after a call that timed out or never returned): PROCESSING with the payData, in one
 * statement that also returns the row. `updated` is false when the attempt settled meanwhile (then
 * the row as it is).
 */
export async function recordPayAccepted(
  attemptNo: string,
  answer: { payData: PayData | null; channelTradeNo?: string; latencyMs: number },
): Promise<{ payment: Payment; updated: boolean }> {
  const { rows } = await sql<Payment>(
    `UPDATE "Payment" SET status = 'PROCESSING', "payData" = COALESCE($2::jsonb, "payData"), "channelTradeNo" = COALESCE($3, "channelTradeNo"),
            "payOutcome" = 'ok', "payLatencyMs" = $4, "updatedAt" = $5
     WHERE "attemptNo" = $1 AND status::text = ANY($6::text[]) AND "payOutcome" IS DISTINCT FROM 'ok'
     RETURNING ${PAYMENT_COLUMNS}`,
    [attemptNo, answer.payData === null ? null : JSON.stringify(answer.payData), answer.channelTradeNo ?? null, answer.latencyMs, new Date(), [...OPEN_ATTEMPT_STATUSES]],
  );
  if (rows[0]) return { payment: rows[0], updated: true };
  const current = await sql<Payment>(`SELECT ${PAYMENT_COLUMNS} FROM "Payment" WHERE "attemptNo" = $1`, [attemptNo]);
  if (!current.rows[0]) throw new Error(`attempt ${attemptNo} is gone`);
  return { payment: current.rows[0], updated: false };
}
