import type { ApiApp } from "@/server/apps/app-cache";
import { inTradeTx } from "./trade-tx";
import type { PayMode } from "@/server/channels/types";
import { db, type Tx } from "@/server/db";
import { isUniqueViolation } from "@/server/sql";
import { newTradeId } from "@/server/domain/ids";
import { ORDER_NO_SHAPE } from "@/server/domain/order-schema";
import { paramsHash } from "@/server/domain/params-hash";
import { OPEN_ATTEMPT_STATUSES } from "@/server/domain/pay-order-states";
import { type Allocation, allocateTrade, type CouponTerms, isAllocationError } from "@/server/domain/trade-allocation";
import type { CreateTradeInput } from "@/server/domain/trade-schema";
import { TRADE_HOLDS_ORDER } from "@/server/domain/trade-states";
import { AppError } from "@/server/errors";
import type { Coupon, Order, PayOrder } from "@/server/generated/prisma/client.ts";
import { enqueueJob } from "@/server/jobs/enqueue";
import { driveTradeJob } from "@/server/jobs/tasks/trade-jobs";
import { logger } from "@/server/observability/logger";
import { lockOrderWithPayOrders } from "@/server/services/orders/order-records";
import { closeAttemptAtChannel } from "@/server/services/payments/close-attempt";
import { openPayOrderInTx } from "@/server/services/payments/create-pay-order";
import { closePayOrderInTx } from "@/server/services/payments/expire-pay-order";
import { routeAttempt, startAttempt } from "@/server/services/payments/start-attempt";
import { paymentRiskFacts } from "@/server/domain/risk-facts";
import { runRiskCheck } from "@/server/services/risk/check-risk";
import { buyerBalances } from "./buyer-assets";
import { driveTrade } from "./drive-trade";
import { faultPoint } from "./fault-points";
import { freezeParts } from "./trade-parts";
import { addTradeStep } from "./trade-steps";
import { loadTradeView } from "./get-trade";
import type { TradeView } from "./trade-view";

type PlannedPart = { instrument: "coupon" | "points" | "wallet" | "channel"; amount: bigint; points?: bigint; couponNo?: string };

function tradeParamsHash(orderNo: string, input: CreateTradeInput): string {
  return paramsHash({
    orderNo,
    deductMode: input.deductMode,
    couponNos: input.couponNos ?? [],
    points: input.points ?? 0n,
    walletAmount: input.walletAmount ?? 0n,
    channel: input.channel ?? null,
    mode: input.mode ?? null,
    payer: input.payer ?? null,
  });
}

/** Why a coupon cannot pay this order now (COUPON_UNAVAILABLE), or null when it can. */
export function couponRefusal(coupon: Coupon, buyerId: string, payable: bigint, now = new Date()): string | null {
  if (coupon.buyerId !== buyerId) return "the coupon belongs to another buyer";
  if (coupon.status !== "AVAILABLE") return `the coupon is ${coupon.status.toLowerCase()}`;
  if (coupon.expiresAt <= now) return "the coupon has expired";
  if (payable < coupon.minSpend) return "the order does not reach the coupon's minimum spend";
  return null;
}

function couponTerms(coupon: Coupon): CouponTerms {
  return { type: coupon.type, value: coupon.value, minSpend: coupon.minSpend };
}

/** The order's payment window (OPEN-API.md): a trade's channel pay order never outlives it. */
function orderDeadline(order: Pick<Order, "createdAt" | "expireInSeconds" | "payBy">): Date {
  // payBy: from the create, or from the release of a risk review (review-order.ts)
  return order.payBy ?? new Date(order.createdAt.getTime() + order.expireInSeconds * 1000);
}

function plan(allocation: Allocation, coupon: Coupon | null): PlannedPart[] {
  const parts: PlannedPart[] = [];
  if (coupon && allocation.coupon > 0n) parts.push({ instrument: "coupon", amount: allocation.coupon, couponNo: coupon.couponNo });
  if (allocation.points > 0n) parts.push({ instrument: "points", amount: allocation.pointsAmount, points: allocation.points });
  if (allocation.wallet > 0n) parts.push({ instrument: "wallet", amount: allocation.wallet });
  if (allocation.channel > 0n) parts.push({ instrument: "channel", amount: allocation.channel });
  return parts;
}

/** What the request asks of the buyer's assets, checked before anything is written (and again, guarded, when frozen). */
async function checkAssets(order: Order, coupon: Coupon | null, allocation: Allocation): Promise<void> {
  if (coupon) {
    const refusal = couponRefusal(coupon, order.buyerId, order.payableAmount);
    if (refusal) throw new AppError("COUPON_UNAVAILABLE", refusal, { field: "couponNos" });
  }
  if (allocation.points === 0n && allocation.wallet === 0n) return;
  const balances = await buyerBalances(db, order.merchantId, order.buyerId);
  if (allocation.points > balances.points.balance - balances.points.frozen) throw new AppError("INSUFFICIENT_POINTS", "the buyer has not enough points", { field: "points" });
  if (allocation.wallet > balances.wallet.balance - balances.wallet.frozen) throw new AppError("INSUFFICIENT_BALANCE", "the buyer's wallet balance is too low", { field: "walletAmount" });
}

/**
 * Closes the order's open `full` pay order inside the trade's transaction (OPEN-API.md: "closed first"),
 * without cancelling the order. Its attempts were closed at their channels before the transaction; one
 * still open means the channel could not confirm → 503, nothing written. Paid meanwhile → ORDER_ALREADY_PAID.
 */
async function closeFullPayOrder(tx: Tx, order: Order): Promise<void> {
  const full = await tx.payOrder.findMany({ where: { orderNo: order.orderNo, purpose: { in: ["full", "deposit"] } } });
  for (const payOrder of full) {
    if (payOrder.status === "CLOSED") continue;
    if (payOrder.status !== "PENDING") throw new AppError("ORDER_ALREADY_PAID", "the order was paid meanwhile");
    const open = await tx.payment.count({ where: { payOrderNo: payOrder.payOrderNo, status: { in: [...OPEN_ATTEMPT_STATUSES] } } });
    if (open > 0) throw new AppError("CHANNEL_UNAVAILABLE", "the order's payment could not be closed at its channel yet; try again");
    await closePayOrderInTx(tx, payOrder);
  }
}

/** Attempts of the order's open full pay order, closed at their channels first (a consumer who paid meanwhile wins). */
async function closeOpenAttempts(orderNo: string): Promise<void> {
  const open = await db.payment.findMany({
    where: { payOrder: { orderNo, purpose: { in: ["full", "deposit"] }, status: "PENDING" }, status: { in: [...OPEN_ATTEMPT_STATUSES] } },
    select: { attemptNo: true },
  });
  for (const { attemptNo } of open) await closeAttemptAtChannel(attemptNo);
}

async function refuseOpenTrade(tx: Tx, orderNo: string): Promise<void> {
  const open = await tx.trade.findFirst({ where: { orderNo, status: { in: [...TRADE_HOLDS_ORDER] } }, select: { tradeId: true } });
  if (open) throw new AppError("TRADE_IN_PROGRESS", "another trade of this order has not ended yet");
}

/** Risk control before anything is frozen: a BLOCK answers RISK_REJECTED (docs/adr/0018). */
async function checkTradeRisk(app: ApiApp, order: Order, input: CreateTradeInput, client: TradeRiskClient): Promise<void> {
  const payer = {
    buyerId: order.buyerId,
    phone: order.buyerPhone,
    ip: client.ip ?? input.payer?.clientIp,
    deviceId: client.deviceId ?? input.payer?.deviceId,
    openid: input.payer?.openid,
  };
  const facts = paymentRiskFacts(client.checkpoint, { appId: app.id, merchantId: app.merchantId }, order.payableAmount, payer, new Date());
  await runRiskCheck(facts, { refs: { orderNo: order.orderNo, sourceNo: input.tradeNo } });
}

type Prepared = { order: Order; coupon: Coupon | null; allocation: Allocation; parts: PlannedPart[]; pointsPerYuan: number };

async function prepare(app: ApiApp, orderNo: string, input: CreateTradeInput): Promise<Prepared> {
  const order = await db.order.findFirst({ where: { orderNo, appId: app.id } });
  if (!order) throw new AppError("ORDER_NOT_FOUND", "order not found");
  if (order.riskReview === "PENDING") throw new AppError("ORDER_UNDER_REVIEW", "the order is held for risk review");
  if (order.status !== "PENDING_PAYMENT") throw new AppError("INVALID_TRANSITION", `an order in ${order.status} cannot be paid by a trade`);
  // A presale order is paid in two steps (deposit, then balance) by its own pay orders; a trade would skip the deposit.
  if (order.type === "presale") throw new AppError("INVALID_TRANSITION", "a presale order is paid by its deposit and balance, not by a trade");
  if (orderDeadline(order) <= new Date()) throw new AppError("INVALID_TRANSITION", "the order's payment window has passed");
  await refuseOpenTrade(db, orderNo);
  const { pointsPerYuan } = await db.app.findUniqueOrThrow({ where: { id: app.id }, select: { pointsPerYuan: true } });
  const couponNo = input.couponNos?.[0];
  const coupon = couponNo ? await db.coupon.findUnique({ where: { appId_couponNo: { appId: app.id, couponNo } } }) : null;
  if (couponNo && !coupon) throw new AppError("COUPON_NOT_FOUND", "coupon not found", { field: "couponNos" });
  const allocation = allocateTrade({
    payable: order.payableAmount,
    coupon: coupon ? couponTerms(coupon) : null,
    points: input.points,
    pointsPerYuan,
    wallet: input.walletAmount,
  });
  if (isAllocationError(allocation)) throw new AppError("VALIDATION_FAILED", `${allocation.field} ${allocation.message}`, { field: allocation.field });
  if (coupon && allocation.coupon === 0n) throw new AppError("COUPON_UNAVAILABLE", "the order does not reach the coupon's minimum spend", { field: "couponNos" });
  if (allocation.channel === 0n && input.channel) throw new AppError("VALIDATION_FAILED", "channel: nothing is left for a channel to pay", { field: "channel" });
  return { order, coupon, allocation, parts: plan(allocation, coupon), pointsPerYuan };
}

/** The trade's rows, its freezes (lock mode) and its channel pay order, in one transaction. */
async function insertTrade(app: ApiApp, input: CreateTradeInput, hash: string, prepared: Prepared, source: string): Promise<{ tradeId: string; payOrder: PayOrder | null }> {
  const { allocation, parts } = prepared;
  return inTradeTx(async (tx) => {
    const order = await lockOrderWithPayOrders(tx, app.id, prepared.order.orderNo);
    if (order.status !== "PENDING_PAYMENT") throw new AppError("INVALID_TRANSITION", `an order in ${order.status} cannot be paid by a trade`);
    // The same tradeNo sent twice at once: the second waited for the order's lock and replays the first.
    if (await tx.trade.findUnique({ where: { appId_tradeNo: { appId: app.id, tradeNo: input.tradeNo } }, select: { tradeId: true } })) throw new SameTradeNo();
    await refuseOpenTrade(tx, order.orderNo);
    await closeFullPayOrder(tx, order);

    const tradeId = newTradeId();
    const hasChannel = allocation.channel > 0n;
    let payOrder: PayOrder | null = null;
    if (hasChannel) {
      const n = (await tx.trade.count({ where: { orderNo: order.orderNo } })) + 1;
      const deadline = orderDeadline(order);
      payOrder = await openPayOrderInTx(tx, app, {
        mchOrderNo: `${order.orderNo}-trade-${n}`,
        amount: allocation.channel,
        subject: await orderSubject(tx, order.orderNo),
        expireInSeconds: Math.max(1, Math.ceil((deadline.getTime() - Date.now()) / 1000)),
        expiresAt: deadline,
        orderNo: order.orderNo,
        purpose: "trade",
      });
    }
    await tx.trade.create({
      data: {
        tradeId,
        appId: app.id,
        merchantId: app.merchantId,
        tradeNo: input.tradeNo,
        orderNo: order.orderNo,
        buyerId: order.buyerId,
        deductMode: input.deductMode,
        // No channel part: nothing to wait for; the coordinator confirms at once (in this request, below).
        status: hasChannel ? "PENDING" : "CONFIRMING",
        payableAmount: order.payableAmount,
        couponAmount: allocation.coupon,
        points: allocation.points,
        pointsAmount: allocation.pointsAmount,
        walletAmount: allocation.wallet,
        channelAmount: allocation.channel,
        payOrderNo: payOrder?.payOrderNo ?? null,
        paramsHash: hash,
        source,
        parts: {
          create: parts.map((part, i) => ({
            partNo: i + 1,
            instrument: part.instrument,
            amount: part.amount,
            points: part.points ?? null,
            couponNo: part.couponNo ?? null,
            payOrderNo: part.instrument === "channel" ? (payOrder?.payOrderNo ?? null) : null,
            status: "PENDING",
          })),
        },
      },
    });
    await addTradeStep(tx, tradeId, "created", { detail: `${input.deductMode}; ${parts.map((p) => `${p.instrument} ${p.amount}`).join(", ")}` });
    if (input.deductMode === "lock") await freezeParts(tx, tradeId);
    if (!hasChannel) await enqueueJob(tx, driveTradeJob, { tradeId }, { jobKey: `drive-trade:${tradeId}`, runAt: new Date(Date.now() + 5_000) });
    return { tradeId, payOrder };
  });
}

async function orderSubject(tx: Tx, orderNo: string): Promise<string> {
  const first = await tx.orderLine.findFirst({ where: { orderNo }, orderBy: { lineNo: "asc" }, select: { name: true } });
  return (first?.name ?? orderNo).slice(0, 128);
}

/** Starts the channel part's attempt when the request named a channel (not the cashier). */
async function startChannelPart(payOrder: PayOrder, input: CreateTradeInput): Promise<void> {
  if (!input.channel || !input.mode) return;
  await startAttempt(payOrder, { channel: input.channel, mode: input.mode as PayMode, payer: input.payer }, undefined, { reuseIdentical: true });
}

/**
 * POST /api/v1/orders/{orderNo}/trades (OPEN-API.md, trade center; docs/adr/0015). A known tradeNo replays
 * (the same request → the trade as it is now, 200; other content → TRADE_PARAMS_MISMATCH). A new one: the
 * checks, then one transaction that closes the order's full pay order, writes the trade and its parts,
 * freezes coupon / points / wallet (lock mode: short of any → its 409 and nothing frozen) and opens the
 * channel part's pay order; then its attempt is started when a channel was named. With no channel part the
 * coordinator confirms in the request, so the answer is SUCCEEDED (a crash here is finished by its job).
 */
/** Who pays, for the risk check: the Open API's trades are checkpoint TRADE (the payer as sent), the cashier's CASHIER. */
export type TradeRiskClient = { checkpoint: "TRADE" | "CASHIER"; ip?: string | null; deviceId?: string | null };

export async function createTrade(
  app: ApiApp,
  orderNo: string,
  input: CreateTradeInput,
  source = "api",
  client: TradeRiskClient = { checkpoint: "TRADE" },
): Promise<{ status: 200 | 201; trade: TradeView }> {
  if (!ORDER_NO_SHAPE.test(orderNo)) throw new AppError("ORDER_NOT_FOUND", "order not found");
  const hash = tradeParamsHash(orderNo, input);
  const known = await db.trade.findUnique({ where: { appId_tradeNo: { appId: app.id, tradeNo: input.tradeNo } } });
  if (known) {
    if (known.paramsHash !== hash) throw new AppError("TRADE_PARAMS_MISMATCH", "this tradeNo was used with other trade parameters");
    await resumeChannelPart(known.payOrderNo, input);
    return { status: 200, trade: await loadTradeView(app.id, known.tradeId) };
  }

  const prepared = await prepare(app, orderNo, input);
  const hasChannel = prepared.allocation.channel > 0n;
  if (hasChannel && input.channel && input.mode) {
    // Route first: a mode no account serves is refused before anything is written.
    await routeAttempt({ appId: app.id, amount: prepared.allocation.channel, metadata: null }, { channel: input.channel, mode: input.mode as PayMode, payer: input.payer });
  }
  await checkAssets(prepared.order, prepared.coupon, prepared.allocation);
  await checkTradeRisk(app, prepared.order, input, client);
  await closeOpenAttempts(orderNo);

  let created: { tradeId: string; payOrder: PayOrder | null };
  try {
    created = await insertTrade(app, input, hash, prepared, source);
  } catch (error) {
    // the same tradeNo raced us (replayed now), or another trade took the order (TRADE_IN_PROGRESS now)
    if (error instanceof SameTradeNo || isUniqueViolation(error)) return createTrade(app, orderNo, input, source, client);
    throw error;
  }
  faultPoint("after-freeze");
  if (created.payOrder) await startChannelPart(created.payOrder, input);
  else {
    try {
      await driveTrade(created.tradeId);
    } catch (error) {
      logger.warn({ err: error, tradeId: created.tradeId }, "a trade with no channel part could not be finished in its request; its job finishes it");
    }
  }
  return { status: 201, trade: await loadTradeView(app.id, created.tradeId) };
}

/** A replay of a trade whose channel attempt never started (its pay call failed): start it now. */
async function resumeChannelPart(payOrderNo: string | null, input: CreateTradeInput): Promise<void> {
  if (!payOrderNo || !input.channel) return;
  const payOrder = await db.payOrder.findUnique({ where: { payOrderNo } });
  if (payOrder?.status !== "PENDING") return;
  const attempts = await db.payment.count({ where: { payOrderNo, status: { notIn: ["FAILED", "CLOSED"] } } });
  if (attempts === 0) await startChannelPart(payOrder, input);
}

class SameTradeNo extends Error {}

