/**
 * Request and response types of the PayCenter Open API (OPEN-API.md, docs/api.md). Written by hand;
 * the app's test server/sdk/sdk-contract.test.ts fails to compile when a request type differs from the
 * server's zod schema (z.input) or a response type from the server's view (as JSON), so they cannot drift.
 * Amounts are integer fen (JSON numbers); times are ISO 8601 strings.
 */

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export type Channel = "wechatpay" | "alipay" | "unionpay";
export type PayMode = "native" | "jsapi" | "h5" | "app" | "pc" | "wap" | "qr" | "barcode";
export type OrderMode = PayMode | "cashier";
export type Metadata = Record<string, string>;

// ——— payment center ———

export type Payer = { openid?: string; clientIp?: string; authCode?: string; deviceId?: string };

export type CreatePayOrderParams = {
  mchOrderNo: string;
  amount: number;
  currency?: "CNY";
  subject: string;
  description?: string;
  channel?: Channel;
  mode?: OrderMode;
  payer?: Payer;
  expireInSeconds?: number;
  notifyUrl?: string;
  returnUrl?: string;
  metadata?: Metadata;
  profitSharing?: boolean;
};

export type PayOrderStatus = "PENDING" | "PAID" | "PARTIALLY_REFUNDED" | "REFUNDED" | "CLOSED";
export type AttemptStatus = "CREATED" | "PROCESSING" | "SUCCEEDED" | "FAILED" | "CLOSED" | "UNKNOWN";

/** What the consumer's device needs to pay (null: nothing to show, e.g. cashier mode or paid). */
export type PayData =
  | { type: "qr_code"; codeUrl: string }
  | { type: "redirect"; url: string }
  | { type: "jsapi"; params: Record<string, JsonValue> }
  | { type: "app"; params: Record<string, JsonValue> }
  | { type: string; [key: string]: JsonValue };

export type PayOrder = {
  payOrderNo: string;
  mchOrderNo: string;
  status: PayOrderStatus;
  amount: number;
  currency: string;
  subject: string;
  description?: string;
  channel: string | null;
  mode: string;
  payData: PayData | null;
  cashierUrl: string;
  channelTradeNo: string | null;
  paidAt: string | null;
  paidAmount: number;
  refundedAmount: number;
  closedAt: string | null;
  expiresAt: string;
  createdAt: string;
  metadata?: Metadata;
  attempts: { attemptNo: string; channel: string; mode: string; status: AttemptStatus; channelTradeNo: string | null }[];
};

export type CreateRefundParams = { payOrderNo: string; mchRefundNo: string; amount: number; reason?: string; notifyUrl?: string };
export type RefundStatus = "PENDING_REVIEW" | "PROCESSING" | "SUCCEEDED" | "FAILED" | "REJECTED";
export type Refund = {
  refundNo: string;
  mchRefundNo: string;
  payOrderNo: string;
  amount: number;
  currency: string;
  status: RefundStatus;
  reason?: string;
  channelRefundNo: string | null;
  failureReason: string | null;
  createdAt: string;
  succeededAt: string | null;
};

export type SimulatePaymentParams = { outcome: "success" | "fail" | "close"; channel?: Channel; mode?: PayMode };
export type SimulateRefundParams = { outcome: "success" | "fail" };

export type CreateSplitParams = {
  outSplitNo: string;
  receivers: { receiverId: string; amount: number; description?: string }[];
  finish?: boolean;
};
export type Split = {
  splitNo: string;
  payOrderNo: string;
  outSplitNo: string | null;
  source: string;
  kind: string;
  finish: boolean;
  status: "PENDING" | "PROCESSING" | "FINISHED" | "FAILED";
  amount: number;
  currency: string;
  failureCode: string | null;
  failureMessage: string | null;
  createdAt: string;
  finishedAt: string | null;
  receivers: {
    id: string;
    receiverId: string;
    type: string;
    account: string;
    name: string | null;
    relationType: string;
    amount: number;
    description: string;
    result: string;
    failReason: string | null;
    returnedAmount: number;
    finishedAt: string | null;
  }[];
};

// ——— order center ———

export type OrderType = "standard" | "presale" | "custom" | "points";
export type OrderFlow = "standard" | "custom_home";
export type OrderStatus =
  | "PENDING_PAYMENT"
  | "DEPOSIT_PAID"
  | "PAID"
  | "TO_MEASURE"
  | "TO_DESIGN"
  | "IN_PRODUCTION"
  | "TO_SHIP"
  | "SHIPPED"
  | "TO_INSTALL"
  | "TO_ACCEPT"
  | "TO_RECEIVE"
  | "COMPLETED"
  | "CANCELLED"
  | "SPLIT";

export type OrderLineParams = { sku: string; name: string; quantity: number; unitPrice: number; kind?: "stock" | "custom" };
export type ShippingAddress = { receiver: string; phone: string; province: string; city: string; district?: string; detail: string };

export type CreateOrderParams = {
  sourceOrderNo: string;
  type: OrderType;
  scene: string;
  storeId?: string;
  buyer: { id: string; name?: string; phone?: string };
  lines: OrderLineParams[];
  discountAmount?: number;
  shippingAmount?: number;
  payableAmount: number;
  presale?: { depositAmount: number; balanceDueAt: string; depositRefundable?: boolean };
  flow?: OrderFlow;
  shippingAddress?: ShippingAddress;
  expireInSeconds?: number;
  openPayment?: boolean;
  notifyUrl?: string;
  metadata?: Metadata;
  /** Where the buyer ordered from, for risk control. */
  client?: { ip?: string; deviceId?: string };
};

export type AfterSaleStatus = "PENDING_REVIEW" | "REFUNDING" | "REFUNDED" | "REJECTED";
export type AfterSale = {
  afterSaleId: string;
  afterSaleNo: string;
  orderNo: string;
  type: "return" | "refund_only";
  amount: number;
  refundedAmount: number;
  lines?: JsonValue;
  reason: string | null;
  status: AfterSaleStatus;
  rejectReason?: string;
  decidedAt: string | null;
  createdAt: string;
  updatedAt: string;
};

export type Order = {
  orderNo: string;
  sourceOrderNo: string;
  type: OrderType;
  scene: string;
  storeId: string | null;
  flow: OrderFlow;
  status: OrderStatus;
  /** `payment_timeout`, `balance_timeout` or `requested` */
  cancelReason?: string;
  cancelNote?: string | null;
  buyer: { id: string; name: string | null; phone: string | null };
  lines: { sku: string; name: string; quantity: number; unitPrice: number; amount: number; kind: "stock" | "custom" }[];
  currency: string;
  discountAmount: number;
  shippingAmount: number;
  payableAmount: number;
  paidAmount: number;
  refundedAmount: number;
  presale?: { depositAmount: number | null; balanceDueAt: string | null; depositRefundable: boolean | null };
  payments: { purpose: "full" | "deposit" | "balance" | "trade" | "top_up" | null; payOrderNo: string; amount: number; status: PayOrderStatus; cashierUrl: string }[];
  parentOrderNo: string | null;
  childOrderNos: string[];
  shipments: { shipmentNo: string; carrier: string | null; trackingNo: string | null; createdAt: string }[];
  afterSales: AfterSale[];
  timeline: { status: OrderStatus; at: string; by: string; note?: string; carrier?: string; trackingNo?: string }[];
  riskReview: { status: "PENDING" | "APPROVED" | "REJECTED"; decidedAt: string | null } | null;
  shippingAddress?: JsonValue;
  expireInSeconds: number;
  overdueAt?: string;
  importId?: string;
  metadata: JsonValue;
  placedAt: string;
  paidAt: string | null;
  createdAt: string;
  updatedAt: string;
};

export type ListOrdersParams = {
  buyerId?: string;
  storeId?: string;
  scene?: string;
  type?: OrderType;
  status?: OrderStatus;
  sku?: string;
  placedFrom?: string;
  placedTo?: string;
  /** 1–100, default 20 */
  limit?: number;
  cursor?: string;
};
export type Page<T> = { data: T[]; nextCursor: string | null; hasMore: boolean };

export type TransitionParams = { to: OrderStatus; carrier?: string; trackingNo?: string; note?: string };
export type CancelOrderParams = { reason?: string };
export type SplitOrderParams = { parts: { lines: { sku: string; quantity: number }[] }[] };
export type CreateAfterSaleParams = {
  afterSaleNo: string;
  type: "return" | "refund_only";
  amount: number;
  lines?: { sku: string; quantity: number }[];
  reason?: string;
};
export type RejectAfterSaleParams = { reason: string };
export type CreateShipmentParams = { orderNos: string[]; carrier?: string; trackingNo?: string };
export type Shipment = { shipmentNo: string; orderNos: string[]; carrier: string | null; trackingNo: string | null; createdAt: string };

/** One imported order: the shape of CreateOrderParams plus its history. */
export type ImportOrderItem = CreateOrderParams & { status?: OrderStatus; paidAmount?: number; placedAt?: string };
export type StartImportParams = { orders: ImportOrderItem[] };
export type OrderImportStarted = { importId: string; status: "RUNNING" };
export type OrderImport = {
  importId: string;
  status: "RUNNING" | "SUCCEEDED";
  total: number;
  created: number;
  duplicates: number;
  failed: number;
  errors: { index: number; field: string; message: string }[];
  source: string;
  fileName?: string;
  createdAt: string;
  finishedAt: string | null;
};

// ——— trade center ———

export type CreateTradeParams = {
  tradeNo: string;
  deductMode: "lock" | "on_callback";
  couponNos?: string[];
  points?: number;
  walletAmount?: number;
  channel?: Channel;
  mode?: PayMode;
  payer?: Payer;
};
export type TradePartStatus = "TRYING" | "LOCKED" | "PENDING" | "CONFIRMED" | "RELEASED" | "REFUNDED" | (string & {});
export type Trade = {
  tradeId: string;
  tradeNo: string;
  orderNo: string;
  buyerId: string;
  deductMode: "lock" | "on_callback";
  status: "PENDING" | "SUCCEEDED" | "FAILED";
  failureReason?: string;
  payableAmount: number;
  parts: {
    instrument: "coupon" | "points" | "wallet" | "channel";
    couponNo?: string;
    points?: number;
    payOrderNo?: string;
    amount: number;
    status: TradePartStatus;
    refundedAmount?: number;
    payData?: PayData | null;
    cashierUrl?: string;
  }[];
  createdAt: string;
  updatedAt: string;
  endedAt: string | null;
};

export type CouponStatus = "AVAILABLE" | "LOCKED" | "USED" | "EXPIRED";
export type CreateCouponParams = {
  couponNo: string;
  buyerId: string;
  type: "amount_off" | "percent_off";
  value: number;
  minSpend?: number;
  expiresAt: string;
};
export type Coupon = {
  couponNo: string;
  buyerId: string;
  type: "amount_off" | "percent_off";
  value: number;
  minSpend: number;
  expiresAt: string;
  status: CouponStatus;
  createdAt: string;
};
export type BuyerAssets = {
  buyerId: string;
  wallet: { balance: number; frozen: number };
  points: { balance: number; frozen: number };
  coupons: Coupon[];
};
export type TopUpParams = { topUpNo: string; amount: number };
export type TopUp = {
  topUpNo: string;
  buyerId: string;
  amount: number;
  status: "PENDING" | "CREDITED" | "CLOSED";
  payOrderNo: string;
  cashierUrl: string;
  createdAt: string;
  creditedAt: string | null;
};
export type GrantPointsParams = { grantNo: string; points: number; reason?: string };
export type PointsGrant = { grantNo: string; buyerId: string; points: number; reason: string | null; createdAt: string };
export type CreatePortalLinkParams = { expiresInSeconds?: number };
export type PortalLink = { buyerId: string; url: string; expiresAt: string };

// ——— events, finance ———

export type WebhookEventType =
  | "pay_order.succeeded"
  | "pay_order.closed"
  | "refund.succeeded"
  | "refund.failed"
  | "refund.rejected"
  | "order.created"
  | "order.status_changed"
  | "order.cancelled"
  | "order.overdue"
  | "after_sale.created"
  | "after_sale.refunded"
  | "after_sale.rejected"
  | "trade.succeeded"
  | "trade.failed"
  | "import.finished";

/** An event as the feed lists it and as a webhook carries it. */
export type WebhookEvent<D = Record<string, JsonValue>> = { id: string; type: WebhookEventType | (string & {}); createdAt: string; data: D };
export type ListEventsParams = { after?: string; limit?: number };
export type EventPage = { data: WebhookEvent[]; nextCursor: string; hasMore: boolean };

export type ReconciliationParams = { date: string; after?: string; limit?: number };
export type Reconciliation = {
  date: string;
  timeZone: string;
  closed: boolean;
  runs: Record<string, JsonValue>[];
  differences: Record<string, JsonValue>[];
  nextCursor: string | null;
};
export type SettlementStatus = "DRAFT" | "CONFIRMED" | "PAID_OUT" | "VOIDED";
export type ListSettlementsParams = { from: string; to: string; status?: SettlementStatus; cursor?: string; limit?: number };
export type SettlementPage = {
  appId: string;
  from: string;
  to: string;
  timeZone: string;
  statements: Record<string, JsonValue>[];
  nextCursor: string | null;
};
export type DailySettlement = Record<string, JsonValue>;
