import { z } from "zod";
import { db } from "@/server/db";
import { type CreateOrderInput, createOrderSchema } from "@/server/domain/order-schema";
import type { TakePosPaymentInput } from "@/server/domain/pos-schema";
import { AppError } from "@/server/errors";
import { logger } from "@/server/observability/logger";
import { createOrder } from "@/server/services/orders/create-order";
import { closeOrder } from "@/server/services/payments/expire-pay-order";
import { startAttempt } from "@/server/services/payments/start-attempt";
import { loadPosPayment } from "./load-pos-payments";
import { assertStore, POS_SCENE, type PosMember } from "./pos-member";
import type { PosPayment } from "./pos-view";

/** The order's line when the clerk typed no note. */
export const POS_DEFAULT_LINE = "门店收款";

/** How long the POS order stays payable: past the barcode loop's own limit (the payer confirming on the phone). */
const POS_ORDER_TTL_SECONDS = 600;

/** The order-center order of a POS payment (POST /api/v1/orders' shape, parsed by its schema). */
export function posOrderInput(input: Pick<TakePosPaymentInput, "requestId" | "storeId" | "amount" | "note">, cashierId: string, clientIp?: string): CreateOrderInput {
  return createOrderSchema.parse({
    sourceOrderNo: `POS-${input.requestId}`,
    type: "standard",
    scene: POS_SCENE,
    storeId: input.storeId,
    buyer: { id: `POS-${input.storeId}` },
    lines: [{ sku: "POS", name: input.note || POS_DEFAULT_LINE, quantity: 1, unitPrice: Number(input.amount) }],
    payableAmount: Number(input.amount),
    expireInSeconds: POS_ORDER_TTL_SECONDS,
    metadata: { pos: "true", cashier: cashierId },
    ...(clientIp ? { client: { ip: clientIp } } : {}),
  });
}

/**
 * Takes one barcode payment (付款码) at the store POS: checks the store (a cashier's own) and the app (the merchant's,
 * active), creates the order in the order center (one line, the store, metadata `pos` and the cashier, source number
 * `POS-<requestId>` so a repeated submit replays it), then starts a barcode attempt on its pay order — the channel is
 * known from the code. The answer is the payment as the clerk sees it: paid at once, waiting (the payer confirms on
 * the phone; a background loop settles it), or failed with a reason. A failed attempt closes the order, so that a
 * new scan is a new order and nothing waits for a code that was refused.
 */
export async function takePosPayment(options: { member: PosMember; input: TakePosPaymentInput; clientIp: string | null }): Promise<PosPayment> {
  const { member, input } = options;
  if (member.merchantStatus !== "ACTIVE") throw new AppError("MERCHANT_INACTIVE", "the merchant is not active");
  assertStore(member, input.storeId);
  const app = await db.app.findFirst({ where: { id: input.appId, merchantId: member.merchantId }, select: { id: true, merchantId: true, status: true } });
  if (!app) throw new AppError("VALIDATION_FAILED", "appUnknown", { field: "appId" });
  if (app.status !== "ACTIVE") throw new AppError("VALIDATION_FAILED", "appDisabled", { field: "appId" });

  const clientIp = options.clientIp && z.union([z.ipv4(), z.ipv6()]).safeParse(options.clientIp).success ? options.clientIp : undefined;
  const order = posOrderInput(input, member.userId, clientIp);
  const created = await createOrder(app, order);
  const orderNo = created.order.orderNo;
  const payOrder = await db.payOrder.findFirst({ where: { orderNo, purpose: "full" } });
  if (!payOrder) throw new AppError("ORDER_UNDER_REVIEW", "the order is held for risk review");

  // A replayed submit whose payment was started already answers that payment; otherwise (first submit, or a replay
  // racing it) the attempt is started, and an identical open attempt is reused rather than made twice.
  const started = created.status === 200 && (await db.payment.count({ where: { payOrderNo: payOrder.payOrderNo } })) > 0;
  if (!started && payOrder.status === "PENDING") {
    try {
      await startAttempt(payOrder, { mode: "barcode", payer: { authCode: input.authCode, ...(clientIp ? { clientIp } : {}) }, entry: "pos" }, undefined, { reuseIdentical: true });
    } catch (error) {
      // the attempt records why (FAILED with the channel's code); an error before any attempt (no channel for the
      // code, the app serves no barcode payments) is answered as it is
      const attempts = await db.payment.count({ where: { payOrderNo: payOrder.payOrderNo } });
      logger.info({ orderNo, err: error }, "POS payment not taken");
      if (attempts === 0) {
        await closeQuietly(payOrder.payOrderNo);
        throw inWords(error);
      }
    }
  }
  const view = await loadPosPayment(member, orderNo);
  if (!view) throw new AppError("ORDER_NOT_FOUND", "no such order");
  if (view.status === "failed") await closeQuietly(payOrder.payOrderNo);
  return view;
}

/**
 * An error before any attempt was made, as the clerk's form shows it: no channel account serves this code (the
 * route found none: `noChannel`), the code is not one any channel issues (`codeInvalid`); others as they are.
 */
function inWords(error: unknown): unknown {
  if (!(error instanceof AppError) || error.code !== "VALIDATION_FAILED") return error;
  if (error.field === "mode" || error.field === "channel") return new AppError("VALIDATION_FAILED", "noChannel", { field: "authCode", cause: error });
  if (error.field?.includes("authCode")) return new AppError("VALIDATION_FAILED", "codeInvalid", { field: "authCode", cause: error });
  return error;
}

/** Closes the POS order's pay order after a refusal (nothing is open at the channel); a failure here only leaves it to expire. */
async function closeQuietly(payOrderNo: string): Promise<void> {
  try {
    await closeOrder(payOrderNo);
  } catch (error) {
    logger.warn({ payOrderNo, err: error }, "a refused POS payment could not be closed; it expires by itself");
  }
}
