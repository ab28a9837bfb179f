import { couponSchema, grantSchema, topUpSchema } from "@/server/domain/buyer-asset-schema";
import { portalLinkSchema } from "@/server/domain/portal-link-schema";
import { createTradeSchema } from "@/server/domain/trade-schema";
import type { ApiOperation } from "./operation";
import { buyerAssetsResponse, couponResponse, grantResponse, portalLinkResponse, topUpResponse, tradeResponse } from "./responses";

const TAG = "Trade center";
const buyerId = { buyerId: "the buyer's id in the business system (buyer.id of its orders)" };

/** The trade center (交易中心): one order paid with several instruments; wallets, points, coupons (OPEN-API.md). */
export const tradeCenterOperations: ApiOperation[] = [
  {
    method: "post",
    path: "/api/v1/orders/{orderNo}/trades",
    operationId: "createTrade",
    tag: TAG,
    summary: "Pay an order with coupon, points, wallet and a channel, all or nothing",
    description:
      "Amounts apply in order coupon → points → wallet → channel. lock freezes first and confirms on success; on_callback deducts when the channel part succeeds. The same tradeNo replays (200).",
    pathParams: { orderNo: "our order number (O…)" },
    body: createTradeSchema,
    example: { tradeNo: "TR-1", deductMode: "lock", couponNos: ["C1"], points: 500, walletAmount: 5000, channel: "wechatpay", mode: "native" },
    responses: {
      201: { description: "Created", schema: tradeResponse },
      200: { description: "The same tradeNo replayed", schema: tradeResponse },
    },
    errors: [
      "ORDER_NOT_FOUND",
      "INVALID_TRANSITION",
      "TRADE_IN_PROGRESS",
      "TRADE_PARAMS_MISMATCH",
      "ORDER_ALREADY_PAID",
      "COUPON_UNAVAILABLE",
      "INSUFFICIENT_POINTS",
      "INSUFFICIENT_BALANCE",
      "RISK_REJECTED",
      "CHANNEL_ERROR",
      "CHANNEL_UNAVAILABLE",
    ],
  },
  {
    method: "get",
    path: "/api/v1/trades/{tradeId}",
    operationId: "getTrade",
    tag: TAG,
    summary: "A trade",
    pathParams: { tradeId: "our trade id (T…)" },
    responses: { 200: { description: "The trade", schema: tradeResponse } },
    errors: ["TRADE_NOT_FOUND"],
  },
  {
    method: "get",
    path: "/api/v1/buyers/{buyerId}/assets",
    operationId: "getBuyerAssets",
    tag: TAG,
    summary: "A buyer's wallet, points and coupons (an unknown buyer has zeros)",
    pathParams: buyerId,
    responses: { 200: { description: "The assets", schema: buyerAssetsResponse } },
    errors: [],
  },
  {
    method: "post",
    path: "/api/v1/buyers/{buyerId}/wallet/top-ups",
    operationId: "createWalletTopUp",
    tag: TAG,
    summary: "Top up a wallet through the cashier (credited when paid)",
    pathParams: buyerId,
    body: topUpSchema,
    example: { topUpNo: "TU1", amount: 10000 },
    responses: {
      201: { description: "Created", schema: topUpResponse },
      200: { description: "The same topUpNo replayed", schema: topUpResponse },
    },
    errors: ["PARAMS_MISMATCH"],
  },
  {
    method: "post",
    path: "/api/v1/buyers/{buyerId}/points/grants",
    operationId: "grantPoints",
    tag: TAG,
    summary: "Grant points, credited at once",
    pathParams: buyerId,
    body: grantSchema,
    example: { grantNo: "G1", points: 500, reason: "birthday" },
    responses: {
      201: { description: "Created", schema: grantResponse },
      200: { description: "The same grant again: nothing credited", schema: grantResponse },
    },
    errors: ["PARAMS_MISMATCH"],
  },
  {
    method: "post",
    path: "/api/v1/buyers/{buyerId}/portal-links",
    operationId: "createPortalLink",
    tag: TAG,
    summary: "A short-lived signed URL of the buyer's \"my orders\" page",
    pathParams: buyerId,
    body: portalLinkSchema,
    responses: { 201: { description: "Created", schema: portalLinkResponse } },
    errors: [],
  },
  {
    method: "post",
    path: "/api/v1/coupons",
    operationId: "issueCoupon",
    tag: TAG,
    summary: "Issue a coupon to a buyer",
    description: "The same couponNo replays (200); other content → 409 PARAMS_MISMATCH.",
    body: couponSchema,
    bodyValidatedBy: "service",
    example: { couponNo: "C1", buyerId: "U1001", type: "amount_off", value: 2000, minSpend: 10000, expiresAt: "2026-12-31T16:00:00Z" },
    responses: {
      201: { description: "Created", schema: couponResponse },
      200: { description: "The same couponNo replayed", schema: couponResponse },
    },
    errors: ["PARAMS_MISMATCH"],
  },
  {
    method: "get",
    path: "/api/v1/coupons/{couponNo}",
    operationId: "getCoupon",
    tag: TAG,
    summary: "A coupon",
    pathParams: { couponNo: "the business system's coupon number" },
    responses: { 200: { description: "The coupon", schema: couponResponse } },
    errors: ["COUPON_NOT_FOUND"],
  },
];
