import type { z } from "zod";
import { ChannelRejectedError, ChannelTimeoutError, ChannelUnsupportedError } from "../errors";
import type { ChannelContext, ChannelPlugin, PayData } from "../types";
import { downloadTradeBill } from "./download-bill";
import { callWechatpay, isRejectedWith } from "./client";
import { codepay, reverseCodepay } from "./codepay";
import { type WechatpayCredentials, wechatpayCredentialHints, wechatpayCredentialsSchema, wechatpaySecretFields } from "./credentials";
import { notifyAnswer, resourceOf, verifyNotification } from "./notify";
import { wechatpayProfitSharing } from "./profit-sharing";
import { wechatpayPayerIdentity } from "./payer-identity";
import { appPayParams, h5UrlReturningTo, jsapiPayParams } from "./pay-params";
import {
  createOrderAnswerSchemas,
  createOrderBody,
  isWechatpayMode,
  refundBody,
  refundNotificationSchema,
  refundSchema,
  toRefundQuery,
  toTradeQuery,
  transactionSchema,
  WECHATPAY_MODES,
  type WechatpayMode,
} from "./transformers";

type Ctx = ChannelContext<WechatpayCredentials>;

/**
 * A create answer read through its schema. The order exists at WeChat Pay once it answered, so an
 * answer we cannot use (e.g. an h5_url that is not http(s)) leaves the outcome open, as a timeout does.
 */
function createAnswer<S extends z.ZodType>(schema: S, answer: unknown): z.infer<S> {
  const parsed = schema.safeParse(answer);
  if (!parsed.success) throw new ChannelTimeoutError(`WeChat Pay's answer is unusable, outcome unknown: ${parsed.error.issues[0]?.message}`, "OUTCOME_UNKNOWN");
  return parsed.data;
}

async function createOrder(ctx: Ctx, mode: WechatpayMode, body: object): Promise<PayData> {
  const answer = await callWechatpay<unknown>(ctx, { method: "POST", path: `/v3/pay/transactions/${mode}`, body });
  switch (mode) {
    case "native":
      return { type: "qr_code", codeUrl: createAnswer(createOrderAnswerSchemas.native, answer).code_url };
    case "jsapi":
      return { type: "jsapi", params: jsapiPayParams(ctx.credentials, createAnswer(createOrderAnswerSchemas.jsapi, answer).prepay_id) };
    case "h5":
      return { type: "redirect", url: createAnswer(createOrderAnswerSchemas.h5, answer).h5_url };
    case "app":
      return { type: "app", params: appPayParams(ctx.credentials, createAnswer(createOrderAnswerSchemas.app, answer).prepay_id) };
    default:
      throw new Error(`unknown mode ${mode satisfies never}`);
  }
}

const pathSegment = encodeURIComponent;

/** WeChat Pay API v3 (直连商户): Native QR, JSAPI / mini program, H5 and App payments. */
export const wechatpayPlugin: ChannelPlugin<WechatpayCredentials> = {
  code: "wechatpay",
  modes: [...WECHATPAY_MODES, "barcode"],
  credentialsSchema: wechatpayCredentialsSchema,
  secretFields: wechatpaySecretFields,
  credentialHints: wechatpayCredentialHints,
  cashier: {
    // H5 on a phone inside WeChat too: JSAPI needs the payer's openid from WeChat OAuth, which PayCenter does not run (yet)
    modes: { desktop: ["native"], phone: ["h5"] },
    payerApp: "wechat",
    // H5 returns the consumer only to a redirect_url the merchant appends to h5_url
    redirectReturningTo: (url, mode, returnUrl) => (mode === "h5" ? h5UrlReturningTo(url, returnUrl) : url),
  },
  productionBaseUrl: "https://api.mch.weixin.qq.com",
  sandboxPath: "/api/sandbox/wechatpay",

  accountIdentity: (credentials) => ({ channelAppId: credentials.appid, channelMchId: credentials.mchid }),

  async pay(ctx, request) {
    const { mode } = request;
    if (mode === "barcode") return codepay(ctx, request);
    if (!isWechatpayMode(mode)) throw new ChannelUnsupportedError(`WeChat Pay has no ${mode} mode`);
    return { payData: await createOrder(ctx, mode, createOrderBody(ctx.credentials, ctx.notifyUrl, { ...request, mode })) };
  },

  async verifyCredentials(ctx, outTradeNo) {
    // WeChat Pay signs its 404 ORDER_NOT_EXIST too: verifying that answer proves the platform public key as well
    const answer = await callWechatpay<{ code?: string } | null>(ctx, {
      method: "GET",
      path: `/v3/pay/transactions/out-trade-no/${pathSegment(outTradeNo)}`,
      params: { mchid: ctx.credentials.mchid },
      verifyStatuses: [404],
    });
    if (answer?.code !== "ORDER_NOT_EXIST") throw new ChannelRejectedError(`unexpected answer about a made-up order: ${JSON.stringify(answer).slice(0, 200)}`);
  },

  async query(ctx, outTradeNo) {
    try {
      const transaction = await callWechatpay<unknown>(ctx, {
        method: "GET",
        path: `/v3/pay/transactions/out-trade-no/${pathSegment(outTradeNo)}`,
        params: { mchid: ctx.credentials.mchid },
      });
      return toTradeQuery(transactionSchema.parse(transaction));
    } catch (error) {
      if (isRejectedWith(error, "ORDER_NOT_EXIST")) return { state: "NOT_FOUND", outTradeNo };
      throw error;
    }
  },

  async close(ctx, outTradeNo) {
    try {
      await callWechatpay(ctx, {
        method: "POST",
        path: `/v3/pay/transactions/out-trade-no/${pathSegment(outTradeNo)}/close`,
        body: { mchid: ctx.credentials.mchid },
      });
    } catch (error) {
      if (!isRejectedWith(error, "ORDER_NOT_EXIST")) throw error;
    }
  },

  async refund(ctx, request) {
    const refund = await callWechatpay<unknown>(ctx, {
      method: "POST",
      path: "/v3/refund/domestic/refunds",
      body: refundBody(request, ctx.refundNotifyUrl),
    });
    return toRefundQuery(refundSchema.parse(refund));
  },

  async queryRefund(ctx, outRefundNo) {
    try {
      const refund = await callWechatpay<unknown>(ctx, { method: "GET", path: `/v3/refund/domestic/refunds/${pathSegment(outRefundNo)}` });
      return toRefundQuery(refundSchema.parse(refund));
    } catch (error) {
      if (isRejectedWith(error, "RESOURCE_NOT_EXISTS")) return { state: "NOT_FOUND", outRefundNo };
      throw error;
    }
  },

  async parseNotify(ctx, notification) {
    const verified = verifyNotification(ctx.credentials, notification);
    return { ...toTradeQuery(resourceOf(verified, "transaction", transactionSchema)), notificationId: verified.id };
  },

  async parseRefundNotify(ctx, notification) {
    const verified = verifyNotification(ctx.credentials, notification);
    const refund = resourceOf(verified, "refund", refundNotificationSchema);
    return { ...toRefundQuery({ ...refund, status: refund.refund_status }), outTradeNo: refund.out_trade_no, notificationId: verified.id };
  },

  notifyAnswer,

  async downloadBill(ctx, date) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new ChannelRejectedError(`bill date ${date} is not YYYY-MM-DD`, "PARAM_ERROR");
    return downloadTradeBill(ctx, date);
  },

  profitSharing: wechatpayProfitSharing,

  reverse: reverseCodepay,
  payerIdentity: wechatpayPayerIdentity,
};
