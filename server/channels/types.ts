import type { z } from "zod";
import type { ChannelCode, PaymentApp, PayMode } from "@/server/domain/channel-codes";
import type { CredentialFieldHints } from "@/server/domain/credential-fields";
import type { Currency } from "@/server/domain/money";
import type { DeviceKind } from "@/server/domain/user-agent";
import type { OutboundPolicy } from "@/server/net/outbound-guard";

/**
 * The channel gateway's contract (ARCHITECTURE.md: request parser → plugin → executor → method).
 * A plugin speaks one channel's wire protocol; the core never sees a channel's format. Amounts are
 * integer minor units (bigint) on this side of the contract; a plugin converts at its edge
 * (Alipay's yuan strings) exactly, with server/domain/money.ts.
 */

export type { ChannelCode, PayMode };

/** Everything a plugin needs to call the channel for one channel account. */
export type ChannelContext<Credentials> = {
  channelAccountId: string;
  credentials: Credentials;
  /** The channel's base URL: the account's override, the built-in sandbox (TEST apps) or production. */
  baseUrl: string;
  /** Where the channel must send payment notifications: `${PUBLIC_BASE_URL}/api/notify/<channel>/<channelAccountId>`. */
  notifyUrl: string;
  /** Where the channel must send refund notifications: `${notifyUrl}/refund`. */
  refundNotifyUrl: string;
  /** Budget for one HTTP call to the channel; past it the call fails with ChannelTimeoutError. */
  timeoutMs: number;
  /**
   * Where the plugin's HTTP calls may connect (the SSRF guard, server/net/outbound-guard.ts): the base
   * URL may be a tenant's choice, so every connection is checked, redirects included.
   */
  outbound: OutboundPolicy;
};

export type Payer = { openid?: string; clientIp?: string; authCode?: string };

export type PayRequest = {
  /** Our attemptNo (`payOrderNo-N`), the channel's out_trade_no. */
  outTradeNo: string;
  amount: bigint;
  currency: Currency;
  subject: string;
  description?: string;
  expiresAt: Date;
  mode: PayMode;
  payer?: Payer;
  /** Where the channel's own cashier (Alipay page.pay / wap.pay) returns the consumer. */
  returnUrl?: string;
  /**
   * Freeze the payment for profit sharing (分账): WeChat `settle_info.profit_sharing=true`, Alipay
   * `extend_params.royalty_freeze="true"`. Only sent when true.
   */
  profitSharing?: boolean;
};

/** What the consumer's device needs to pay (OPEN-API.md `payData`). */
export type PayData =
  | { type: "qr_code"; codeUrl: string }
  | { type: "redirect"; url: string }
  | { type: "jsapi"; params: Record<string, string> }
  | { type: "app"; params: Record<string, string> }
  /**
   * The consumer's browser POSTs these fields to `action` (UnionPay's frontTransReq.do): an
   * auto-submitting form, the fields as they are (already signed).
   */
  | { type: "form"; action: string; fields: Record<string, string> };

export type PayResult = {
  payData: PayData | null;
  /** Known at once only for synchronous modes (barcode); otherwise the notification or a query tells. */
  channelTradeNo?: string;
  /**
   * Synchronous modes (barcode) only: what the channel said at once. PAID carries the trade as a
   * query would (channel trade number, paid time, amount, app and merchant ids), checked like one
   * before it is applied; PROCESSING means the outcome is not known yet (the payer is entering a
   * password — WeChat USERPAYING, Alipay 10003 — or the channel answered SYSTEMERROR / BANKERROR):
   * never a failure, the barcode loop queries and, in the end, reverses. A declined payment throws
   * ChannelRejectedError with the channel's code and reason, as any refused pay call.
   */
  sync?: { state: "PAID"; trade: TradeQuery } | { state: "PROCESSING"; reason: string };
};

/**
 * What a reverse (WeChat 撤销 / Alipay alipay.trade.cancel) of a barcode trade did: the trade is
 * closed at the channel for good. `refunded`: it had been paid and the channel gave the money back
 * (Alipay's action=refund); undefined when the channel does not say (WeChat).
 */
export type ReverseResult = { refunded?: boolean };

/** Channel-neutral state of a trade, mapped exhaustively from each channel's own states. */
export type TradeState = "PENDING" | "SUCCEEDED" | "CLOSED" | "FAILED" | "NOT_FOUND";

export type TradeQuery = {
  state: TradeState;
  outTradeNo: string;
  channelTradeNo?: string;
  /** The amount the channel says the trade is for, in minor units. */
  amount?: bigint;
  currency?: Currency;
  paidAt?: Date;
  /** The channel's app id and merchant id on the trade, checked against the account's credentials. */
  channelAppId?: string;
  channelMchId?: string;
  failureReason?: string;
};

export type RefundRequest = {
  outTradeNo: string;
  channelTradeNo?: string;
  /** Our refundNo, the channel's out_refund_no / out_request_no. */
  outRefundNo: string;
  refundAmount: bigint;
  totalAmount: bigint;
  currency: Currency;
  reason?: string;
};

export type RefundState = "PROCESSING" | "SUCCEEDED" | "FAILED" | "NOT_FOUND";

export type RefundQuery = {
  state: RefundState;
  outRefundNo: string;
  channelRefundNo?: string;
  refundAmount?: bigint;
  failureReason?: string;
  succeededAt?: Date;
};

/** A callback as it arrived: header names lower-case, the body as raw text (signatures cover the exact bytes). */
export type InboundNotification = { headers: Record<string, string>; body: string };

export type PaymentNotification = TradeQuery & { outTradeNo: string; notificationId?: string };
export type RefundNotification = RefundQuery & { outTradeNo?: string; notificationId?: string };

/** The answer the channel expects from us, in its own format. */
export type NotifyAnswer = { status: number; contentType?: string; body: string };

/**
 * One line of a channel's trade bill (对账单), in the journal's signs (server/domain/ledger.ts): a
 * payment's amount and fee positive, a refund's amount and the fee the channel returns negative.
 */
export type BillRow = {
  kind: "payment" | "refund";
  /** out_trade_no: our attemptNo (refund rows name the payment they refund). */
  outTradeNo: string;
  /** out_refund_no / out_request_no: our refundNo (refund rows only). */
  outRefundNo?: string;
  channelTradeNo: string;
  channelRefundNo?: string;
  /** Minor units, signed: payment +, refund −. */
  amount: bigint;
  /** Minor units, signed like the journal's fee: charged +, returned −. */
  fee: bigint;
  currency: Currency;
  /**
   * The row's state, channel-neutral: SUCCEEDED (paid, or refunded), REVERSED (a payment the channel
   * revoked or cancelled), PROCESSING / FAILED (refund rows billed before they settled).
   */
  state: "SUCCEEDED" | "REVERSED" | "PROCESSING" | "FAILED";
  /** The channel's own word for the state, shown to finance (SUCCESS, REVOKED, 交易, 退款 …). */
  channelState: string;
  occurredAt: Date;
};

/** A day's bill as downloaded: its digest, and its rows streamed (a bill can hold millions). */
export type BillDownload = {
  /** Digest of the file as served (WeChat Pay: the SHA-1 it announces, already checked). */
  digest: string;
  /**
   * The rows, in file order, never all in memory. The iteration throws BillFormatError when the
   * file is malformed or, at its end, when the bill's own summary disagrees with its rows.
   */
  rows: AsyncIterable<BillRow>;
};

/** How the hosted cashier (`/pay/[payOrderNo]`) offers a channel. */
export type CashierSupport = {
  /** The modes the cashier uses on each device, best first; it takes the first one an account enables. */
  modes: Record<DeviceKind, readonly PayMode[]>;
  /** The app whose in-app browser preselects this channel (WeChat Pay inside WeChat). */
  payerApp?: PaymentApp;
  /**
   * Optional hook: the redirect URL of an attempt waiting for the payer, made to bring the consumer
   * back to `returnUrl` afterwards when the channel leaves that to the merchant's page (WeChat H5's
   * `redirect_url`). Channels told where to return at pay time (Alipay's return_url) need none.
   */
  redirectReturningTo?(url: string, mode: PayMode, returnUrl: string): string;
};

/**
 * Profit sharing (分账, ../shared/FIELD-NOTES.md §C, docs/adr/0017). Receiver types and relations are
 * the channel's own words; amounts are minor units. A channel that cannot do something leaves it out.
 */
export type SplitReceiverBinding = {
  /** WeChat: MERCHANT_ID | PERSONAL_OPENID; Alipay: userId | loginName | openId. */
  type: string;
  account: string;
  name?: string;
  /** WeChat relation_type (SERVICE_PROVIDER, STORE, STAFF, STORE_OWNER, PARTNER, HEADQUARTER, BRAND, DISTRIBUTOR, USER, SUPPLIER, CUSTOM). */
  relationType: string;
  customRelation?: string;
};

export type SplitRequest = {
  /** The paid attempt (out_trade_no) and the channel's trade number (transaction_id / trade_no). */
  outTradeNo: string;
  channelTradeNo: string;
  /** Our splitNo: WeChat out_order_no, Alipay out_request_no; the same number never splits twice. */
  outOrderNo: string;
  receivers: { type: string; account: string; name?: string; amount: bigint; description: string }[];
  /** Release what is not split with this request (WeChat unfreeze_unsplit, Alipay royalty_finish). */
  finish: boolean;
  currency: Currency;
};

export type SplitReceiverResult = {
  type: string;
  account: string;
  amount: bigint;
  /** The channel's word, kept as is: PENDING | SUCCESS | CLOSED. */
  result: "PENDING" | "SUCCESS" | "CLOSED";
  failReason?: string;
  detailId?: string;
  finishedAt?: Date;
};

export type SplitResult = {
  /** PROCESSING: receivers' results still pending at the channel (query later); FINISHED: every receiver has its result. */
  state: "PROCESSING" | "FINISHED";
  channelOrderId?: string;
  receivers: SplitReceiverResult[];
};

export type SplitReturnRequest = {
  outOrderNo: string;
  channelOrderId?: string;
  /** Our returnNo: WeChat out_return_no. */
  outReturnNo: string;
  receiver: { type: string; account: string };
  amount: bigint;
  description: string;
  currency: Currency;
};

export type SplitReturnResult = {
  state: "PROCESSING" | "SUCCEEDED" | "FAILED";
  channelReturnId?: string;
  failReason?: string;
  finishedAt?: Date;
};

export interface ProfitSharingSupport<Credentials> {
  /** Receiver types this channel accepts (the console's choices). */
  receiverTypes: readonly string[];
  bindReceiver(ctx: ChannelContext<Credentials>, receiver: SplitReceiverBinding): Promise<void>;
  unbindReceiver(ctx: ChannelContext<Credentials>, receiver: SplitReceiverBinding): Promise<void>;
  split(ctx: ChannelContext<Credentials>, request: SplitRequest): Promise<SplitResult>;
  querySplit(ctx: ChannelContext<Credentials>, query: { outOrderNo: string; outTradeNo: string; channelTradeNo: string }): Promise<SplitResult>;
  /** Releases everything not split (WeChat orders/unfreeze; Alipay settle with royalty_finish and no receivers). */
  unfreeze(ctx: ChannelContext<Credentials>, request: { outOrderNo: string; outTradeNo: string; channelTradeNo: string; description: string }): Promise<SplitResult>;
  /** Absent where the channel has no return API (a refund beyond the unsplit money is then refused). */
  returnSplit?(ctx: ChannelContext<Credentials>, request: SplitReturnRequest): Promise<SplitReturnResult>;
  queryReturn?(ctx: ChannelContext<Credentials>, query: { outReturnNo: string; outOrderNo: string }): Promise<SplitReturnResult>;
}

/**
 * Who the payer is in the channel's app (WeChat official-account OAuth2 snsapi_base, Alipay auth_base),
 * for JSAPI payments opened from a page inside that app (the aggregated QR code, docs/adr/0025).
 */
export interface PayerIdentitySupport<Credentials> {
  /** Where the payer's browser goes to consent (or is silently sent back, snsapi_base): back to `redirectUri` with a code and `state`. */
  authorizeUrl(ctx: ChannelContext<Credentials>, redirectUri: string, state: string): string;
  /** Trades the one-time code for the payer's id at this app (WeChat openid, Alipay buyer id / open id). */
  exchange(ctx: ChannelContext<Credentials>, code: string): Promise<{ openid: string }>;
}

export interface ChannelPlugin<Credentials = unknown> {
  code: ChannelCode;
  /** Modes this plugin can serve; an account enables a subset. */
  modes: readonly PayMode[];
  /** Credentials, validated on save and on use; the console renders its form from this schema. */
  credentialsSchema: z.ZodType<Credentials>;
  /**
   * Optional, stricter: what a new LIVE account's typed credentials must satisfy — fields a real
   * account needs that accounts saved earlier may lack (Alipay's seller id). A LIVE account that
   * meets it must keep meeting it on edit.
   */
  liveCredentialsSchema?: z.ZodType<Credentials>;
  /** Credential fields that are secrets: write-only in the console, redacted in the audit log. */
  secretFields: readonly string[];
  /** How the console shows some fields (a PEM key is multiline); labels are messages `credentialFields.<code>.<field>`. */
  credentialHints?: CredentialFieldHints;
  /** Present when the cashier may offer this channel to consumers; without it, it is reached through the Open API only. */
  cashier?: CashierSupport;
  productionBaseUrl: string;
  /** Path of the built-in sandbox server for this channel, below PUBLIC_BASE_URL (e.g. `/api/sandbox/wechatpay`). */
  sandboxPath: string;

  /**
   * Who the account is at the channel (WeChat: appid + mchid; Alipay: app_id), so the core can check
   * that a callback or query answer is about this account before trusting it.
   */
  accountIdentity(credentials: Credentials): { channelAppId: string; channelMchId?: string };

  /**
   * Optional: proves an account's credentials end to end without changing anything — the channel
   * accepts our request signature AND its answer verifies with the channel's public key — by asking
   * about `outTradeNo`, an order that cannot exist. Throws a ChannelError otherwise. Without it, the
   * console's "test connection" relies on query() (enough where every answer is verified, as Alipay's).
   */
  verifyCredentials?(ctx: ChannelContext<Credentials>, outTradeNo: string): Promise<void>;

  pay(ctx: ChannelContext<Credentials>, request: PayRequest): Promise<PayResult>;
  query(ctx: ChannelContext<Credentials>, outTradeNo: string): Promise<TradeQuery>;
  /** Closes an unpaid trade. A trade the channel does not know is already closed: resolve. */
  close(ctx: ChannelContext<Credentials>, outTradeNo: string): Promise<void>;
  refund(ctx: ChannelContext<Credentials>, request: RefundRequest): Promise<RefundQuery>;
  queryRefund(ctx: ChannelContext<Credentials>, outRefundNo: string, outTradeNo: string): Promise<RefundQuery>;
  /** Verifies (signature, timestamp), decrypts and maps a payment notification. Throws NotifyVerificationError. */
  parseNotify(ctx: ChannelContext<Credentials>, notification: InboundNotification): Promise<PaymentNotification>;
  parseRefundNotify(ctx: ChannelContext<Credentials>, notification: InboundNotification): Promise<RefundNotification>;
  /** Our answer to a notification: accepted (also for duplicates), or refused (forged, mismatched). */
  notifyAnswer(accepted: boolean, message?: string): NotifyAnswer;
  /**
   * The trade bill of one Beijing day (`YYYY-MM-DD`) for this account, or null when the channel has
   * none because nothing happened that day (WeChat Pay's NO_STATEMENT_EXIST). A bill not generated
   * yet throws ChannelUnavailableError (try later); a malformed one BillFormatError.
   */
  downloadBill(ctx: ChannelContext<Credentials>, billDate: string): Promise<BillDownload | null>;
  /** Present when the channel can split payments to receivers (分账). */
  profitSharing?: ProfitSharingSupport<Credentials>;
  /**
   * Barcode mode: cancels a barcode trade for good — closes it if unpaid, refunds it at the channel
   * if it was paid meanwhile. A trade the channel does not know is reversed already: resolve. When
   * the channel cannot reverse yet (WeChat USERPAYING "正在支付中不能发起撤销") or asks to be
   * called again (Alipay retry_flag=Y), throws ChannelRejectedError with code REVERSE_RETRY_LATER;
   * any error means "not reversed (yet)": the caller retries with backoff.
   */
  reverse?(ctx: ChannelContext<Credentials>, outTradeNo: string): Promise<ReverseResult>;
  /** Present when the channel can tell who the payer is inside its app (OAuth), for JSAPI payments. */
  payerIdentity?: PayerIdentitySupport<Credentials>;
}
