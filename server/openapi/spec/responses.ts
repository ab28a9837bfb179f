import { z } from "zod";
import { ERROR_CODES } from "@/server/errors";
import { ORDER_FLOWS, ORDER_STATUSES, ORDER_TYPES } from "@/server/domain/order-flows";
import { TRADE_INSTRUMENTS } from "@/server/domain/trade-states";

/*
 * The Open API's answers, described as zod schemas for the document only: the services build their
 * answers with view mappers (payOrderView, refundView, orderView, tradeView …, named beside each
 * schema), and these schemas say what those mappers put on the wire — bigint amounts as JSON
 * integers, Dates as ISO strings. Nothing validates answers with them; the integration test
 * (openapi-responses.int.test.ts) parses real answers with them so they cannot drift silently.
 * Objects are open (extra keys allowed) because a view may grow a field before the document does.
 */

const fen = (description = "integer minor units (fen)") => z.int().meta({ description });
const at = z.iso.datetime({ offset: true });
const open = <T extends z.ZodRawShape>(shape: T) => z.looseObject(shape);

export const errorEnvelopeSchema = z
  .object({
    error: z.object({
      code: z.enum(Object.keys(ERROR_CODES) as [keyof typeof ERROR_CODES, ...(keyof typeof ERROR_CODES)[]]),
      message: z.string().meta({ description: "for the developer, English; may change without notice" }),
      field: z.string().optional().meta({ description: "the one field at fault, when there is one" }),
      ruleId: z.string().optional().meta({ description: "RISK_REJECTED: the risk rule that blocked" }),
    }),
    requestId: z.string(),
  })
  .meta({ id: "ErrorEnvelope", description: "Every non-2xx answer (OPEN-API.md, Errors)." });

/** payData of an attempt waiting for the consumer: server/channels/types.ts PayData. */
export const payDataSchema = z
  .union([
    z.object({ type: z.literal("qr_code"), codeUrl: z.string() }),
    z.object({ type: z.literal("redirect"), url: z.string() }),
    z.object({ type: z.literal("jsapi"), params: z.record(z.string(), z.string()) }),
    z.object({ type: z.literal("app"), params: z.record(z.string(), z.string()) }),
    z.object({ type: z.literal("form"), action: z.string(), fields: z.record(z.string(), z.string()) }),
  ])
  .nullable()
  .meta({ id: "PayData", description: "What the consumer's device needs to pay; null when nothing is waiting (cashier mode, paid, closed)." });

const metadata = z.record(z.string(), z.string()).meta({ description: "the merchant's metadata, echoed back" });

/** server/services/payments/pay-order-view.ts payOrderView */
export const payOrderResponse = open({
  payOrderNo: z.string().meta({ example: "P20261205000000000001" }),
  mchOrderNo: z.string(),
  status: z.enum(["PENDING", "PAID", "PARTIALLY_REFUNDED", "REFUNDED", "CLOSED"]),
  amount: fen(),
  currency: z.string().meta({ example: "CNY" }),
  subject: z.string(),
  description: z.string().optional(),
  channel: z.string().nullable().meta({ description: "the channel of the paid (else the latest) attempt; null before any" }),
  mode: z.string().meta({ description: "native | jsapi | h5 | app | pc | wap | qr | barcode | cashier" }),
  payData: payDataSchema,
  cashierUrl: z.string(),
  channelTradeNo: z.string().nullable(),
  paidAt: at.nullable(),
  paidAmount: fen(),
  refundedAmount: fen(),
  closedAt: at.nullable(),
  expiresAt: at,
  createdAt: at,
  metadata: metadata.optional(),
  attempts: z.array(
    z.object({
      attemptNo: z.string(),
      channel: z.string(),
      mode: z.string(),
      status: z.enum(["CREATED", "PROCESSING", "SUCCEEDED", "FAILED", "CLOSED", "UNKNOWN"]),
      channelTradeNo: z.string().nullable(),
    }),
  ),
}).meta({ id: "PayOrder" });

/** server/services/refunds/refund-view.ts refundView */
export const refundResponse = open({
  refundNo: z.string(),
  mchRefundNo: z.string(),
  payOrderNo: z.string(),
  amount: fen(),
  currency: z.string(),
  status: z.enum(["PENDING_REVIEW", "PROCESSING", "SUCCEEDED", "FAILED", "REJECTED"]),
  reason: z.string().optional(),
  channelRefundNo: z.string().nullable(),
  failureReason: z.string().nullable(),
  createdAt: at,
  succeededAt: at.nullable(),
}).meta({ id: "Refund" });

/** server/services/orders/order-view.ts afterSaleView */
export const afterSaleResponse = open({
  afterSaleId: z.string(),
  afterSaleNo: z.string(),
  orderNo: z.string(),
  type: z.enum(["return", "refund_only"]),
  amount: fen(),
  refundedAmount: fen(),
  lines: z.array(z.object({ sku: z.string(), quantity: z.int() })).optional(),
  reason: z.string().nullable(),
  status: z.enum(["PENDING_REVIEW", "REFUNDING", "REFUNDED", "REJECTED"]),
  rejectReason: z.string().optional(),
  decidedAt: at.nullable(),
  createdAt: at,
  updatedAt: at,
}).meta({ id: "AfterSale" });

/** server/services/orders/order-view.ts orderView (the buyer's and the address's phone masked) */
export const orderResponse = open({
  orderNo: z.string(),
  sourceOrderNo: z.string(),
  type: z.enum(ORDER_TYPES),
  scene: z.string(),
  storeId: z.string().nullable(),
  flow: z.enum(ORDER_FLOWS),
  status: z.enum(ORDER_STATUSES),
  cancelReason: z.string().optional().meta({ description: "payment_timeout | balance_timeout | requested | risk_rejected" }),
  cancelNote: z.string().nullable().optional(),
  buyer: z.object({ id: z.string(), name: z.string().nullable(), phone: z.string().nullable().meta({ example: "138****8000" }) }),
  lines: z.array(z.object({ sku: z.string(), name: z.string(), quantity: z.int(), unitPrice: fen(), amount: fen(), kind: z.enum(["stock", "custom"]) })),
  currency: z.string(),
  discountAmount: fen(),
  shippingAmount: fen(),
  payableAmount: fen(),
  paidAmount: fen(),
  refundedAmount: fen(),
  presale: z.object({ depositAmount: fen().nullable(), balanceDueAt: at.nullable(), depositRefundable: z.boolean() }).optional(),
  payments: z.array(
    z.object({
      purpose: z.string().meta({ description: "full | deposit | balance | trade | top_up" }),
      payOrderNo: z.string(),
      amount: fen(),
      status: z.enum(["PENDING", "PAID", "PARTIALLY_REFUNDED", "REFUNDED", "CLOSED"]),
      cashierUrl: z.string(),
    }),
  ),
  parentOrderNo: z.string().nullable(),
  childOrderNos: z.array(z.string()),
  shipments: z.array(z.object({ shipmentNo: z.string(), carrier: z.string(), trackingNo: z.string(), createdAt: at })),
  afterSales: z.array(afterSaleResponse),
  timeline: z.array(
    z.object({
      status: z.enum(ORDER_STATUSES),
      at,
      by: z.string().meta({ description: "api | console:<user> | payment | timeout" }),
      note: z.string().optional(),
      carrier: z.string().optional(),
      trackingNo: z.string().optional(),
    }),
  ),
  riskReview: z.object({ status: z.enum(["PENDING", "APPROVED", "REJECTED"]), decidedAt: at.nullable() }).nullable(),
  shippingAddress: z.record(z.string(), z.unknown()).optional(),
  expireInSeconds: z.int(),
  overdueAt: at.optional(),
  importId: z.string().optional(),
  metadata,
  placedAt: at,
  paidAt: at.nullable(),
  createdAt: at,
  updatedAt: at,
}).meta({ id: "Order" });

/** server/services/orders/list-orders.ts */
export const orderPageResponse = z
  .object({ data: z.array(orderResponse), nextCursor: z.string().nullable(), hasMore: z.boolean() })
  .meta({ id: "OrderPage" });

/** server/services/shipments/create-shipment.ts */
export const shipmentResponse = open({
  shipmentNo: z.string(),
  orderNos: z.array(z.string()),
  carrier: z.string(),
  trackingNo: z.string(),
  createdAt: at,
}).meta({ id: "Shipment" });

/** server/services/order-imports/order-import-view.ts (POST answers only importId and status) */
export const orderImportResponse = open({
  importId: z.string(),
  status: z.enum(["RUNNING", "SUCCEEDED"]),
  total: z.int(),
  created: z.int(),
  duplicates: z.int(),
  failed: z.int(),
  errors: z.array(open({ index: z.int(), field: z.string().optional(), message: z.string() })),
  source: z.string(),
  fileName: z.string().optional(),
  createdAt: at,
  finishedAt: at.nullable(),
}).meta({ id: "OrderImport" });

export const orderImportStartedResponse = z
  .object({ importId: z.string(), status: z.literal("RUNNING") })
  .meta({ id: "OrderImportStarted" });

/** server/services/buyers/coupon-view.ts couponView */
export const couponResponse = open({
  couponNo: z.string(),
  buyerId: z.string(),
  type: z.enum(["amount_off", "percent_off"]),
  value: z.int().meta({ description: "amount_off: fen; percent_off: 1–99" }),
  minSpend: fen(),
  expiresAt: at,
  status: z.enum(["AVAILABLE", "LOCKED", "USED", "EXPIRED"]),
  createdAt: at,
}).meta({ id: "Coupon" });

/** server/services/buyers/get-buyer-assets.ts */
export const buyerAssetsResponse = open({
  buyerId: z.string(),
  wallet: z.object({ balance: fen("fen, including what is frozen"), frozen: fen() }),
  points: z.object({ balance: z.int().meta({ description: "points, including what is frozen" }), frozen: z.int() }),
  coupons: z.array(couponResponse),
}).meta({ id: "BuyerAssets" });

/** server/services/buyers/top-up-view.ts */
export const topUpResponse = open({
  topUpNo: z.string(),
  buyerId: z.string(),
  amount: fen(),
  status: z.enum(["PENDING", "CREDITED", "CLOSED"]),
  payOrderNo: z.string(),
  cashierUrl: z.string(),
  createdAt: at,
  creditedAt: at.nullable(),
}).meta({ id: "WalletTopUp" });

/** server/services/buyers/grant-points.ts grantView */
export const grantResponse = open({
  grantNo: z.string(),
  buyerId: z.string(),
  points: z.int(),
  reason: z.string().nullable(),
  createdAt: at,
}).meta({ id: "PointsGrant" });

/** server/services/portal/create-portal-link.ts */
export const portalLinkResponse = open({ buyerId: z.string(), url: z.string(), expiresAt: at }).meta({ id: "PortalLink" });

/** server/services/trades/trade-view.ts tradeView */
export const tradeResponse = open({
  tradeId: z.string(),
  tradeNo: z.string(),
  orderNo: z.string(),
  buyerId: z.string(),
  deductMode: z.enum(["lock", "on_callback"]),
  status: z.enum(["PENDING", "SUCCEEDED", "FAILED"]),
  failureReason: z.string().optional(),
  payableAmount: fen(),
  parts: z.array(
    open({
      instrument: z.enum(TRADE_INSTRUMENTS),
      couponNo: z.string().optional(),
      points: z.int().optional(),
      payOrderNo: z.string().optional(),
      amount: fen(),
      status: z.enum(["PENDING", "LOCKED", "CONFIRMED", "RELEASED", "REFUNDING", "REFUNDED"]),
      refundedAmount: fen().optional(),
      payData: payDataSchema.optional(),
      cashierUrl: z.string().optional(),
    }),
  ),
  createdAt: at,
  updatedAt: at,
  endedAt: at.nullable(),
}).meta({ id: "Trade" });

/** server/services/events/list-events.ts; `data` is the snapshot the webhook carried */
export const eventResponse = z
  .object({ id: z.string().meta({ example: "evt_01JEXAMPLE" }), type: z.string(), createdAt: at, data: z.record(z.string(), z.unknown()) })
  .meta({ id: "Event" });

export const eventPageResponse = z
  .object({ data: z.array(eventResponse), nextCursor: z.string(), hasMore: z.boolean() })
  .meta({ id: "EventPage", description: "Pass nextCursor as `after` to read on; it is returned even on an empty page." });

/** server/services/sandbox/simulate-payment.ts */
export const simulatePaymentResponse = z.object({ payOrderNo: z.string(), attemptNo: z.string() }).meta({ id: "SimulatedPayment" });
/** server/services/sandbox/simulate-refund.ts */
export const simulateRefundResponse = z.object({ refundNo: z.string() }).meta({ id: "SimulatedRefund" });

/** server/services/profit-sharing/split-view.ts — described by its main fields */
export const splitResponse = open({
  splitNo: z.string().optional(),
  payOrderNo: z.string().optional(),
  status: z.string().optional(),
}).meta({ id: "ProfitSplit", description: "A profit-sharing split (分账) with each receiver's result; see server/services/profit-sharing/split-view.ts." });

/** The settlement and reconciliation feeds for the finance system — described by their envelope. */
export const settlementPageResponse = open({ data: z.array(z.record(z.string(), z.unknown())) }).meta({ id: "SettlementPage" });
export const reconciliationPageResponse = open({ data: z.array(z.record(z.string(), z.unknown())) }).meta({ id: "ReconciliationPage" });
export const dailySettlementResponse = z.record(z.string(), z.unknown()).meta({ id: "DailySettlement", description: "The app's Beijing day in figures (server/services/settlement/daily-summary.ts)." });
