import type { PayMode } from "@/server/channels/types";
import { db } from "@/server/db";
import type { CashierPhase } from "@/server/domain/cashier-phase";
import { entryOfDevice } from "@/server/domain/routing/entry";
import type { ClientDevice } from "@/server/domain/user-agent";
import { AppError } from "@/server/errors";
import { startAttempt } from "@/server/services/payments/start-attempt";
import { paymentRiskFacts } from "@/server/domain/risk-facts";
import { runRiskCheck } from "@/server/services/risk/check-risk";
import { type CashierOrder, cashierUrl } from "./cashier-order-view";
import { getCashierOrder } from "./get-cashier-order";
import { listCashierChannels } from "./list-cashier-channels";
import { loadCashierOrder } from "./load-cashier-order";

/** At most one new attempt per order in this window: a double click, or two tabs, start one payment. */
export const CASHIER_REPEAT_GUARD_MS = 2_500;

export type StartCashierPaymentOptions = {
  payOrderNo: string;
  channel: string;
  device: ClientDevice;
  clientIp: string | null;
  /** The cashier's device cookie (device-cookie.ts), for the risk check. */
  deviceId?: string | null;
};

const REFUSALS: Record<Exclude<CashierPhase, "payable">, () => AppError> = {
  paid: () => new AppError("ORDER_ALREADY_PAID", "the order is already paid"),
  closed: () => new AppError("ORDER_CLOSED", "the order is closed"),
  expired: () => new AppError("ORDER_CLOSED", "the order has expired"),
  unavailable: () => new AppError("MERCHANT_INACTIVE", "the merchant cannot take payments now"),
};

/**
 * Claims the order's attempt slot for the guard window, race-free: one statement on the Open API's
 * nonce store (its nonces are [A-Za-z0-9], so a `cashier:` key never meets one), swept by the same
 * cleanup job. Concurrent claims serialise on the row; only one of them inserts or renews it.
 */
async function claimAttemptSlot(appId: string, payOrderNo: string): Promise<void> {
  const now = Date.now();
  const claimed = await db.$executeRaw`
    INSERT INTO "ApiNonce" ("appId", nonce, "expiresAt")
    VALUES (${appId}, ${`cashier:${payOrderNo}`}, ${new Date(now + CASHIER_REPEAT_GUARD_MS)})
    ON CONFLICT ("appId", nonce) DO UPDATE SET "expiresAt" = EXCLUDED."expiresAt"
    WHERE "ApiNonce"."expiresAt" < ${new Date(now)}`;
  if (claimed === 0) {
    throw new AppError("REPEAT_TOO_SOON", "a payment of this order has just been started", { retryAfter: Math.ceil(CASHIER_REPEAT_GUARD_MS / 1000) });
  }
}

/**
 * The consumer pays with a channel: the mode follows from the device (a QR code on a desktop, the
 * channel's mobile page on a phone). A new attempt closes the previous open ones at their channels
 * (startAttempt). The QR code of the latest attempt, if it is the same channel and mode and still
 * open, is shown again instead of starting another. Channels with a cashier of their own (Alipay,
 * WeChat H5) send the consumer back to this cashier, which then shows the result.
 */
export async function startCashierPayment({ payOrderNo, channel, device, clientIp, deviceId }: StartCashierPaymentOptions): Promise<CashierOrder> {
  const { order, phase } = await loadCashierOrder(payOrderNo);
  if (phase !== "payable") throw REFUSALS[phase]();
  const offered = (await listCashierChannels(order.appId, device, order)).find((c) => c.channel === channel);
  if (!offered) throw new AppError("VALIDATION_FAILED", `${channel} is not offered for this order on this device`, { field: "channel" });

  const latest = order.payments.at(-1);
  const sameQrCode =
    latest?.status === "PROCESSING" &&
    latest.channel === offered.channel &&
    latest.mode === offered.mode &&
    (latest.payData as { type?: string } | null)?.type === "qr_code";
  if (!sameQrCode) {
    // risk control (checkpoint CASHIER): a BLOCK answers RISK_REJECTED and starts nothing
    const facts = paymentRiskFacts("CASHIER", order, order.amount, { ip: clientIp, deviceId }, new Date());
    await runRiskCheck(facts, { refs: { payOrderNo, ...(order.orderNo ? { orderNo: order.orderNo } : {}) } });
    await claimAttemptSlot(order.appId, payOrderNo);
    await startAttempt(order, {
      channel: offered.channel,
      mode: offered.mode as PayMode,
      payer: clientIp ? { clientIp } : undefined,
      returnUrl: cashierUrl(payOrderNo),
      entry: entryOfDevice(device),
    });
  }
  return getCashierOrder({ payOrderNo, device });
}
