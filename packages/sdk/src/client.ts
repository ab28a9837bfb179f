import type { KeyObject } from "node:crypto";
import { Transport, type CallInfo, type HttpMethod, type RequestOptions, type RetryOptions } from "./http.js";
import { autoPage } from "./pagination.js";
import type * as T from "./types.js";

export type PayCenterOptions = {
  /** The API's origin, e.g. `https://pay.example.com` (no `/api/v1`). */
  baseUrl: string;
  appId: string;
  /** The app secret: requests are signed with HMAC-SHA256. */
  secret?: string;
  /** The app's RSA private key (PEM or KeyObject): requests are signed with SHA256withRSA instead. */
  privateKey?: string | KeyObject;
  retry?: RetryOptions;
  timeoutMs?: number;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  userAgent?: string;
};

/** Every operation of the Open API (method and path template); the app's test checks it against the routes. */
export const OPERATIONS = {
  createPayOrder: ["POST", "/api/v1/pay-orders"],
  getPayOrderByMchOrderNo: ["GET", "/api/v1/pay-orders"],
  getPayOrder: ["GET", "/api/v1/pay-orders/{payOrderNo}"],
  closePayOrder: ["POST", "/api/v1/pay-orders/{payOrderNo}/close"],
  createSplit: ["POST", "/api/v1/pay-orders/{payOrderNo}/splits"],
  listSplits: ["GET", "/api/v1/pay-orders/{payOrderNo}/splits"],
  createRefund: ["POST", "/api/v1/refunds"],
  getRefundByMchRefundNo: ["GET", "/api/v1/refunds"],
  getRefund: ["GET", "/api/v1/refunds/{refundNo}"],
  createOrder: ["POST", "/api/v1/orders"],
  listOrders: ["GET", "/api/v1/orders"],
  getOrder: ["GET", "/api/v1/orders/{orderNo}"],
  getOrderBySource: ["GET", "/api/v1/orders/by-source/{sourceOrderNo}"],
  transitionOrder: ["POST", "/api/v1/orders/{orderNo}/transitions"],
  cancelOrder: ["POST", "/api/v1/orders/{orderNo}/cancel"],
  splitOrder: ["POST", "/api/v1/orders/{orderNo}/split"],
  createAfterSale: ["POST", "/api/v1/orders/{orderNo}/after-sales"],
  createTrade: ["POST", "/api/v1/orders/{orderNo}/trades"],
  startOrderImport: ["POST", "/api/v1/orders/imports"],
  getOrderImport: ["GET", "/api/v1/orders/imports/{importId}"],
  getAfterSale: ["GET", "/api/v1/after-sales/{afterSaleId}"],
  approveAfterSale: ["POST", "/api/v1/after-sales/{afterSaleId}/approve"],
  rejectAfterSale: ["POST", "/api/v1/after-sales/{afterSaleId}/reject"],
  createShipment: ["POST", "/api/v1/shipments"],
  getTrade: ["GET", "/api/v1/trades/{tradeId}"],
  getBuyerAssets: ["GET", "/api/v1/buyers/{buyerId}/assets"],
  topUpWallet: ["POST", "/api/v1/buyers/{buyerId}/wallet/top-ups"],
  grantPoints: ["POST", "/api/v1/buyers/{buyerId}/points/grants"],
  createPortalLink: ["POST", "/api/v1/buyers/{buyerId}/portal-links"],
  createCoupon: ["POST", "/api/v1/coupons"],
  getCoupon: ["GET", "/api/v1/coupons/{couponNo}"],
  listEvents: ["GET", "/api/v1/events"],
  getReconciliation: ["GET", "/api/v1/reconciliations"],
  listSettlements: ["GET", "/api/v1/settlements"],
  getDailySettlement: ["GET", "/api/v1/settlement/daily"],
  simulatePayment: ["POST", "/api/v1/sandbox/pay-orders/{payOrderNo}/simulate"],
  simulateRefund: ["POST", "/api/v1/sandbox/refunds/{refundNo}/simulate"],
} as const satisfies Record<string, readonly [HttpMethod, string]>;

type OperationName = keyof typeof OPERATIONS;

/**
 * The PayCenter Open API client.
 *
 * ```ts
 * const paycenter = new PayCenter({ baseUrl: "https://pay.example.com", appId: "app_…", secret: process.env.PAYCENTER_SECRET });
 * const order = await paycenter.payOrders.create({ mchOrderNo: "M1", amount: 12800, subject: "Sofa deposit", mode: "cashier" });
 * ```
 */
export class PayCenter {
  private readonly transport: Transport;

  constructor(options: PayCenterOptions) {
    if (!options.baseUrl) throw new TypeError("baseUrl is required");
    if (!options.appId) throw new TypeError("appId is required");
    if (!options.secret === !options.privateKey) throw new TypeError("give either secret (HMAC-SHA256) or privateKey (RSA-SHA256)");
    this.transport = new Transport({
      baseUrl: options.baseUrl,
      appId: options.appId,
      signer: options.privateKey ? { type: "RSA-SHA256", privateKey: options.privateKey } : { type: "HMAC-SHA256", secret: options.secret as string },
      retry: options.retry,
      timeoutMs: options.timeoutMs,
      fetch: options.fetch,
      sleep: options.sleep,
      random: options.random,
      userAgent: options.userAgent,
    });
  }

  /** Status, request id, Idempotency-Key and number of tries of the last answered call (for logs). */
  get lastCall(): CallInfo | null {
    return this.transport.lastCall;
  }

  private call<R>(
    name: OperationName,
    input: { params?: Record<string, string>; query?: Record<string, string | number | boolean | undefined | null>; body?: unknown; options?: RequestOptions } = {},
  ): Promise<R> {
    const [method, path] = OPERATIONS[name];
    return this.transport.request<R>({ method, path, ...input });
  }

  /** Payment center: pay orders (支付单). */
  readonly payOrders = {
    /** Creates an order and, unless `mode` is `cashier` (the default), starts paying it. */
    create: (body: T.CreatePayOrderParams, options?: RequestOptions) => this.call<T.PayOrder>("createPayOrder", { body, options }),
    retrieve: (payOrderNo: string, query: { sync?: boolean } = {}, options?: RequestOptions) =>
      this.call<T.PayOrder>("getPayOrder", { params: { payOrderNo }, query: { sync: query.sync || undefined }, options }),
    retrieveByMchOrderNo: (mchOrderNo: string, query: { sync?: boolean } = {}, options?: RequestOptions) =>
      this.call<T.PayOrder>("getPayOrderByMchOrderNo", { query: { mchOrderNo, sync: query.sync || undefined }, options }),
    close: (payOrderNo: string, options?: RequestOptions) => this.call<T.PayOrder>("closePayOrder", { params: { payOrderNo }, options }),
    createSplit: (payOrderNo: string, body: T.CreateSplitParams, options?: RequestOptions) =>
      this.call<T.Split>("createSplit", { params: { payOrderNo }, body, options }),
    listSplits: (payOrderNo: string, options?: RequestOptions) => this.call<{ splits: T.Split[] }>("listSplits", { params: { payOrderNo }, options }),
  };

  /** Payment center: refunds. */
  readonly refunds = {
    create: (body: T.CreateRefundParams, options?: RequestOptions) => this.call<T.Refund>("createRefund", { body, options }),
    retrieve: (refundNo: string, options?: RequestOptions) => this.call<T.Refund>("getRefund", { params: { refundNo }, options }),
    retrieveByMchRefundNo: (mchRefundNo: string, options?: RequestOptions) => this.call<T.Refund>("getRefundByMchRefundNo", { query: { mchRefundNo }, options }),
  };

  /** Order center (订单中心). */
  readonly orders = {
    create: (body: T.CreateOrderParams, options?: RequestOptions) => this.call<T.Order>("createOrder", { body, options }),
    retrieve: (orderNo: string, options?: RequestOptions) => this.call<T.Order>("getOrder", { params: { orderNo }, options }),
    retrieveBySource: (sourceOrderNo: string, options?: RequestOptions) => this.call<T.Order>("getOrderBySource", { params: { sourceOrderNo }, options }),
    /** One page, newest first. */
    list: (query: T.ListOrdersParams = {}, options?: RequestOptions) => this.call<T.Page<T.Order>>("listOrders", { query, options }),
    /** Every order that matches, page after page: `for await (const order of paycenter.orders.listAll({ status: "PAID" }))`. */
    listAll: (query: Omit<T.ListOrdersParams, "cursor"> = {}, options?: RequestOptions): AsyncIterableIterator<T.Order> =>
      autoPage((cursor) => this.orders.list({ ...query, cursor }, options), (page) => ({ items: page.data, next: page.hasMore ? page.nextCursor : null })),
    transition: (orderNo: string, body: T.TransitionParams, options?: RequestOptions) => this.call<T.Order>("transitionOrder", { params: { orderNo }, body, options }),
    cancel: (orderNo: string, body: T.CancelOrderParams = {}, options?: RequestOptions) => this.call<T.Order>("cancelOrder", { params: { orderNo }, body, options }),
    split: (orderNo: string, body: T.SplitOrderParams, options?: RequestOptions) => this.call<T.Order>("splitOrder", { params: { orderNo }, body, options }),
    createAfterSale: (orderNo: string, body: T.CreateAfterSaleParams, options?: RequestOptions) =>
      this.call<T.AfterSale>("createAfterSale", { params: { orderNo }, body, options }),
    /** Pays the order with coupon, points, wallet and a channel, all or nothing (trade center). */
    createTrade: (orderNo: string, body: T.CreateTradeParams, options?: RequestOptions) => this.call<T.Trade>("createTrade", { params: { orderNo }, body, options }),
  };

  /** Order center: imports of history and offline orders. */
  readonly orderImports = {
    create: (body: T.StartImportParams, options?: RequestOptions) => this.call<T.OrderImportStarted>("startOrderImport", { body, options }),
    retrieve: (importId: string, options?: RequestOptions) => this.call<T.OrderImport>("getOrderImport", { params: { importId }, options }),
  };

  /** Order center: after-sales (售后). */
  readonly afterSales = {
    retrieve: (afterSaleId: string, options?: RequestOptions) => this.call<T.AfterSale>("getAfterSale", { params: { afterSaleId }, options }),
    approve: (afterSaleId: string, options?: RequestOptions) => this.call<T.AfterSale>("approveAfterSale", { params: { afterSaleId }, options }),
    reject: (afterSaleId: string, body: T.RejectAfterSaleParams, options?: RequestOptions) =>
      this.call<T.AfterSale>("rejectAfterSale", { params: { afterSaleId }, body, options }),
  };

  /** Order center: merged shipments (合并发货). */
  readonly shipments = {
    create: (body: T.CreateShipmentParams, options?: RequestOptions) => this.call<T.Shipment>("createShipment", { body, options }),
  };

  /** Trade center (交易中心). */
  readonly trades = {
    create: (orderNo: string, body: T.CreateTradeParams, options?: RequestOptions) => this.orders.createTrade(orderNo, body, options),
    retrieve: (tradeId: string, options?: RequestOptions) => this.call<T.Trade>("getTrade", { params: { tradeId }, options }),
  };

  /** Trade center: a buyer's wallet, points and portal. */
  readonly buyers = {
    assets: (buyerId: string, options?: RequestOptions) => this.call<T.BuyerAssets>("getBuyerAssets", { params: { buyerId }, options }),
    topUpWallet: (buyerId: string, body: T.TopUpParams, options?: RequestOptions) => this.call<T.TopUp>("topUpWallet", { params: { buyerId }, body, options }),
    grantPoints: (buyerId: string, body: T.GrantPointsParams, options?: RequestOptions) => this.call<T.PointsGrant>("grantPoints", { params: { buyerId }, body, options }),
    createPortalLink: (buyerId: string, body: T.CreatePortalLinkParams = {}, options?: RequestOptions) =>
      this.call<T.PortalLink>("createPortalLink", { params: { buyerId }, body, options }),
  };

  /** Trade center: coupons. */
  readonly coupons = {
    create: (body: T.CreateCouponParams, options?: RequestOptions) => this.call<T.Coupon>("createCoupon", { body, options }),
    retrieve: (couponNo: string, options?: RequestOptions) => this.call<T.Coupon>("getCoupon", { params: { couponNo }, options }),
  };

  /** The app's event feed, in commit order (for systems that pull). */
  readonly events = {
    list: (query: T.ListEventsParams = {}, options?: RequestOptions) => this.call<T.EventPage>("listEvents", { query, options }),
    /** Every event after `after` (from the start when omitted) until the feed is drained; keep the last id to resume. */
    listAll: (query: Omit<T.ListEventsParams, "after"> & { after?: string } = {}, options?: RequestOptions): AsyncIterableIterator<T.WebhookEvent> =>
      autoPage((after) => this.events.list({ ...query, after: after ?? query.after }, options), (page) => ({ items: page.data, next: page.hasMore ? page.nextCursor : null })),
  };

  /** Finance: reconciliation and settlement, for the finance system. */
  readonly finance = {
    reconciliation: (query: T.ReconciliationParams, options?: RequestOptions) => this.call<T.Reconciliation>("getReconciliation", { query, options }),
    /** Every unsettled difference of a day, page after page. */
    reconciliationDifferences: (query: Omit<T.ReconciliationParams, "after">, options?: RequestOptions): AsyncIterableIterator<T.Reconciliation["differences"][number]> =>
      autoPage((after) => this.finance.reconciliation({ ...query, after }, options), (page) => ({ items: page.differences, next: page.nextCursor })),
    settlements: (query: T.ListSettlementsParams, options?: RequestOptions) => this.call<T.SettlementPage>("listSettlements", { query, options }),
    /** Every statement of the period, page after page. */
    allSettlements: (query: Omit<T.ListSettlementsParams, "cursor">, options?: RequestOptions): AsyncIterableIterator<T.SettlementPage["statements"][number]> =>
      autoPage((cursor) => this.finance.settlements({ ...query, cursor }, options), (page) => ({ items: page.statements, next: page.nextCursor })),
    dailySettlement: (date: string, options?: RequestOptions) => this.call<T.DailySettlement>("getDailySettlement", { query: { date }, options }),
  };

  /** Test mode only (TEST apps): make the sandbox act as the consumer and the channel would. */
  readonly sandbox = {
    simulatePayment: (payOrderNo: string, body: T.SimulatePaymentParams, options?: RequestOptions) =>
      this.call<{ payOrderNo: string; attemptNo: string }>("simulatePayment", { params: { payOrderNo }, body, options }),
    simulateRefund: (refundNo: string, body: T.SimulateRefundParams, options?: RequestOptions) =>
      this.call<{ refundNo: string }>("simulateRefund", { params: { refundNo }, body, options }),
  };
}
