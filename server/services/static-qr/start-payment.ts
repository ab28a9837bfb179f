import { createHash } from "node:crypto";
import { resolveChannel } from "@/server/channels/registry";
import { db } from "@/server/db";
import { randomBase32 } from "@/server/domain/ids";
import { createOrderSchema } from "@/server/domain/order-schema";
import { payerAmountSchema, STATIC_QR_CHANNELS, type StaticQrPayerApp } from "@/server/domain/static-qr";
import { loadEnv } from "@/server/env";
import { AppError } from "@/server/errors";
import { logger } from "@/server/observability/logger";
import { sandboxJsapiPayerUrl } from "@/server/sandbox";
import { createOrder } from "@/server/services/orders/create-order";
import { type AttemptParams, routeAttempt, startAttempt } from "@/server/services/payments/start-attempt";
import { lockPayerAndReadToday } from "./daily-cap";
import { openPayerSession, payerCookieName } from "./payer-session";
import { loadPublicStaticQrCode } from "./public-code";
import { StaticQrRefusal } from "./refusal";

/** How the page hands the payment to the payer's app: its JS bridge, or (TEST apps) the sandbox payer page. */
export type StaticQrPayment = {
  orderNo: string;
  payOrderNo: string;
  resultUrl: string;
  pay: { kind: "bridge"; app: StaticQrPayerApp; params: Record<string, string> } | { kind: "sandbox"; url: string };
};

/** Unpaid static-code orders close soon: the payer is standing at the counter, and an abandoned one holds part of the daily cap. */
const ORDER_EXPIRES_IN_SECONDS = 300;

export function staticQrResultUrl(code: string, payOrderNo: string): string {
  return `${loadEnv().PUBLIC_BASE_URL}/q/${code}/result/${payOrderNo}`;
}

/** The order center's buyer id of a payer: channel-qualified, at most 64 characters. */
function buyerIdOf(app: StaticQrPayerApp, openid: string): string {
  const id = `${app}:${openid}`;
  return id.length <= 64 ? id : `${app}:${createHash("sha256").update(openid).digest("hex").slice(0, 48)}`;
}

export type StartStaticQrPaymentInput = {
  code: string;
  app: StaticQrPayerApp;
  /** Every cookie of the request: the payer's is picked by the code's app. */
  cookies: (name: string) => string | undefined;
  /** Yuan as typed; ignored when the code's amount is fixed. */
  amountYuan?: string;
  clientIp: string | null;
};

/**
 * The payer pays with a code (docs/adr/0025): the payer from the sealed cookie (never from the
 * request), the amount fixed or entered, the route checked, then — under the payer's lock — the daily
 * cap and the order in one transaction (storeId = the code's store, metadata.staticQrCode); then, with no lock or
 * transaction held, a JSAPI attempt on the routed account with the payer's openid.
 */
export async function startStaticQrPayment(input: StartStaticQrPaymentInput): Promise<StaticQrPayment> {
  const code = await loadPublicStaticQrCode(input.code);
  if (!code) throw new StaticQrRefusal("NOT_FOUND");
  if (!code.usable) throw new StaticQrRefusal("DISABLED");
  const payer = openPayerSession(input.cookies(payerCookieName(code.appId)), code.appId, input.app);
  if (!payer) throw new StaticQrRefusal("PAYER_UNKNOWN");

  let amount = code.amount;
  if (amount === null) {
    const parsed = payerAmountSchema.safeParse(input.amountYuan ?? "");
    if (!parsed.success) throw new StaticQrRefusal("AMOUNT_INVALID", { reason: parsed.error.issues[0]?.message ?? "yuanInvalid" });
    amount = parsed.data;
  }

  const channel = STATIC_QR_CHANNELS[input.app];
  const metadata = { staticQrCode: code.code };
  const params: AttemptParams = { channel, mode: "jsapi", payer: { openid: payer.openid }, entry: input.app };
  const route = await routeAttempt({ appId: code.appId, amount, metadata }, params).catch((error: unknown) => {
    logger.warn({ err: error, code: code.code }, "static QR: no account serves this payment");
    throw new StaticQrRefusal("CHANNEL_UNAVAILABLE");
  });
  await checkSameChannelApp(route.decision.chosen.accountId, payer.channelAccountId, payer.channelAppId);

  const buyerId = buyerIdOf(input.app, payer.openid);
  const order = createOrderSchema.parse({
    sourceOrderNo: `qr_${code.code}_${randomBase32(16)}`,
    type: "standard",
    scene: "static_qr",
    ...(code.storeId ? { storeId: code.storeId } : {}),
    buyer: { id: buyerId },
    lines: [{ sku: "static_qr", name: code.subject.slice(0, 128), quantity: 1, unitPrice: Number(amount) }],
    payableAmount: Number(amount),
    expireInSeconds: ORDER_EXPIRES_IN_SECONDS,
    metadata,
    ...(input.clientIp ? { client: { ip: input.clientIp } } : {}),
  });

  // the cap is checked under the payer's lock in the order's own transaction: the lock holds until the order commits
  const created = await createOrder({ id: code.appId, merchantId: code.merchantId }, order, {
    beforeInsert: async (tx) => {
      const { today, cap } = await lockPayerAndReadToday(tx, code.appId, buyerId);
      if (today + amount > cap) throw new StaticQrRefusal("DAILY_CAP", { cap: cap.toString(), today: today.toString() });
    },
  }).catch((error: unknown) => {
    if (error instanceof StaticQrRefusal) throw error;
    logger.warn({ err: error, code: code.code }, "static QR: the order was not created");
    throw new StaticQrRefusal("PAYMENT_FAILED");
  });

  const payOrder = await db.payOrder.findFirst({ where: { orderNo: created.order.orderNo }, orderBy: { createdAt: "asc" } });
  if (!payOrder) throw new StaticQrRefusal("PAYMENT_FAILED");
  const resultUrl = staticQrResultUrl(code.code, payOrder.payOrderNo);
  let payment;
  try {
    payment = await startAttempt(payOrder, { ...params, returnUrl: resultUrl }, route);
  } catch (error) {
    logger.warn({ err: error, payOrderNo: payOrder.payOrderNo }, "static QR: the channel did not take the payment");
    throw new StaticQrRefusal("PAYMENT_FAILED");
  }
  const payData = payment.payData as { type?: string; params?: Record<string, string> } | null;
  if (payment.status !== "PROCESSING" || payData?.type !== "jsapi" || !payData.params) throw new StaticQrRefusal("PAYMENT_FAILED");

  const base = { orderNo: created.order.orderNo, payOrderNo: payOrder.payOrderNo, resultUrl };
  if (code.appMode === "TEST") {
    const url = await sandboxJsapiPayerUrl(channel, payData.params, resultUrl);
    if (!url) throw new StaticQrRefusal("PAYMENT_FAILED");
    return { ...base, pay: { kind: "sandbox", url } };
  }
  return { ...base, pay: { kind: "bridge", app: input.app, params: payData.params } };
}

/**
 * An openid is valid at the channel app it was asked for: the routed account must be that app's
 * (accounts of one app normally share one official account; docs/adr/0025).
 */
async function checkSameChannelApp(chosenAccountId: string, identityAccountId: string, channelAppId: string): Promise<void> {
  if (chosenAccountId === identityAccountId) return;
  const account = await db.channelAccount.findUnique({ where: { id: chosenAccountId }, include: { app: { select: { mode: true } } } });
  if (!account) throw new AppError("NOT_FOUND", "routed account vanished");
  const { plugin, ctx } = resolveChannel(account, account.app.mode);
  if (plugin.accountIdentity(ctx.credentials).channelAppId !== channelAppId) {
    logger.warn({ chosenAccountId, identityAccountId }, "static QR: the routed account belongs to another channel app than the payer's openid");
    throw new StaticQrRefusal("CHANNEL_UNAVAILABLE");
  }
}
