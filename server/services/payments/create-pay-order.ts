import { db } from "@/server/db";
import { newPayOrderNo } from "@/server/domain/ids";
import { paramsHash } from "@/server/domain/params-hash";
import type { CreatePayOrderInput } from "@/server/domain/pay-order-schema";
import { AppError } from "@/server/errors";
import type { Order } from "@/server/generated/prisma/client.ts";
import { enqueueJob } from "@/server/jobs/enqueue";
import { expireOrder } from "@/server/jobs/tasks/payment-jobs";
import type { ApiApp } from "@/server/openapi/app-cache";
import { payOrderView, type PayOrderView } from "./pay-order-view";
import { selectChannelAccount } from "./select-channel-account";
import { attemptParamsHash, startAttempt } from "./start-attempt";

const REPLAYABLE = new Set(["CREATED", "PROCESSING", "UNKNOWN", "SUCCEEDED"]);

function orderParamsHash(input: CreatePayOrderInput): string {
  return paramsHash({
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

async function insertOrder(app: ApiApp, input: CreatePayOrderInput, hash: string): Promise<Order | null> {
  const now = new Date();
  const expiresAt = new Date(now.getTime() + input.expireInSeconds * 1000);
  try {
    return await db.$transaction(async (tx) => {
      const order = await tx.order.create({
        data: {
          payOrderNo: newPayOrderNo(now),
          merchantId: app.merchantId,
          appId: app.id,
          mchOrderNo: input.mchOrderNo,
          amount: BigInt(input.amount),
          currency: input.currency,
          subject: input.subject,
          description: input.description,
          notifyUrl: input.notifyUrl,
          returnUrl: input.returnUrl,
          metadata: input.metadata,
          expireInSeconds: input.expireInSeconds,
          expiresAt,
          paramsHash: hash,
        },
      });
      await enqueueJob(tx, expireOrder, { payOrderNo: order.payOrderNo }, { runAt: expiresAt, jobKey: `expire-order:${order.payOrderNo}` });
      return order;
    });
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") return null; // the same mchOrderNo won a race: treat as a repeat
    throw error;
  }
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
  let order = await db.order.findUnique({ where: key });
  let created = false;
  if (!order) {
    // Refuse a mode no account serves before writing anything: a 4xx never leaves an order behind.
    if (input.mode !== "cashier") await selectChannelAccount(app.id, input.mode, input.channel);
    order = await insertOrder(app, input, hash);
    created = order !== null;
    order ??= await db.order.findUniqueOrThrow({ where: key });
  }
  if (!created && order.paramsHash !== hash) {
    throw new AppError("ORDER_PARAMS_MISMATCH", "this mchOrderNo was used with other order parameters");
  }

  const attempts = await db.payment.findMany({ where: { payOrderNo: order.payOrderNo }, orderBy: { seq: "asc" } });
  const latest = attempts.at(-1);
  const status = created ? 201 : 200;

  if (!created) {
    const sameAttempt = input.mode === "cashier" ? true : latest?.paramsHash === attemptParamsHash({ channel: input.channel, mode: input.mode, payer: input.payer });
    if (order.status === "CLOSED") throw new AppError("ORDER_CLOSED", "the order is closed");
    if (order.status !== "PENDING") {
      if (sameAttempt) return { status: 200, order: payOrderView(order, attempts) };
      throw new AppError("ORDER_ALREADY_PAID", "the order is already paid");
    }
    if (input.mode === "cashier" || (sameAttempt && latest && REPLAYABLE.has(latest.status))) {
      return { status: 200, order: payOrderView(order, attempts) };
    }
    if (latest) {
      const waitMs = latest.createdAt.getTime() + app.repeatGuardSeconds * 1000 - Date.now();
      if (waitMs > 0) {
        throw new AppError("REPEAT_TOO_SOON", `a new attempt on this order is allowed ${app.repeatGuardSeconds} s after the previous one`, {
          retryAfter: Math.ceil(waitMs / 1000),
        });
      }
    }
  }

  if (input.mode !== "cashier") {
    await startAttempt(order, { channel: input.channel, mode: input.mode, payer: input.payer });
  }
  const [fresh, all] = await Promise.all([
    db.order.findUniqueOrThrow({ where: { payOrderNo: order.payOrderNo } }),
    db.payment.findMany({ where: { payOrderNo: order.payOrderNo } }),
  ]);
  return { status, order: payOrderView(fresh, all) };
}
