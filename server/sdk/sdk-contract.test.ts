import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import * as sdk from "@/packages/sdk/src/index";
import type * as T from "@/packages/sdk/src/types";
import type { createAfterSaleSchema, rejectAfterSaleSchema } from "@/server/domain/after-sale-schema";
import type { couponSchema, grantSchema, topUpSchema } from "@/server/domain/buyer-asset-schema";
import type { importItemSchema } from "@/server/domain/order-import-schema";
import type { cancelOrderSchema, createOrderSchema, listOrdersQuerySchema, transitionSchema } from "@/server/domain/order-schema";
import type { splitOrderSchema } from "@/server/domain/order-split";
import type { createPayOrderSchema, simulateSchema } from "@/server/domain/pay-order-schema";
import type { portalLinkSchema } from "@/server/domain/portal-link-schema";
import type { createSplitSchema } from "@/server/domain/profit-sharing-schema";
import type { createRefundSchema } from "@/server/domain/refund-schema";
import type { createShipmentSchema } from "@/server/domain/shipment-schema";
import type { createTradeSchema } from "@/server/domain/trade-schema";
import { ERROR_CODES, type ErrorCode } from "@/server/errors";
import type { CouponView } from "@/server/services/buyers/coupon-view";
import type { BuyerAssetsView } from "@/server/services/buyers/get-buyer-assets";
import type { GrantView } from "@/server/services/buyers/grant-points";
import type { TopUpView } from "@/server/services/buyers/top-up-view";
import type { orderImportView } from "@/server/services/order-imports/order-import-view";
import type { AfterSale as AfterSaleRow } from "@/server/generated/prisma/client.ts";
import type { afterSaleView, OrderView } from "@/server/services/orders/order-view";
import type { PayOrderView } from "@/server/services/payments/pay-order-view";
import type { SplitView } from "@/server/services/profit-sharing/split-view";
import type { refundView } from "@/server/services/refunds/refund-view";
import type { TradeView } from "@/server/services/trades/trade-view";

/**
 * The SDK's types are written by hand (packages/sdk/src/types.ts, docs/adr/0028). This file keeps them
 * equal to the server's: the request types to z.input of the zod schemas that validate the requests,
 * the response types to the services' views as JSON carries them (bigint → number, Date → string). A
 * field added, removed, renamed or retyped on either side fails `tsc` here. The runtime tests check
 * that the SDK has a method for every route and every error code of server/errors.ts.
 */

type Equal<A, B> = (<G>() => G extends A ? 1 : 2) extends <G>() => G extends B ? 1 : 2 ? true : false;
type Expect<_ extends true> = true;
/** Mutual assignability: looser than Equal where one side spells a union through an intersection. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** What JSON makes of a view: bigint and Date become number and string (the Open API's serializer). */
type Jsonify<V> = V extends bigint ? number : V extends Date ? string : V extends readonly (infer U)[] ? Jsonify<U>[] : V extends object ? { [K in keyof V]: Jsonify<V[K]> } : V;
/** `metadata` is z.unknown().pipe(record) on the server (so reserved names get a field error): its input type is unknown. */
type In<S extends z.ZodType> = Omit<z.input<S>, "metadata"> & ("metadata" extends keyof z.input<S> ? { metadata?: Record<string, string> } : unknown);
type Flat<O> = { [K in keyof O]: O[K] };
/** The same field names, and each field the same type (field by field: whole-object checks trip on how unions nest). */
type Match<A, B> = Equal<keyof A, keyof B> extends true ? (false extends { [K in keyof A & keyof B]: Same<A[K], B[K]> }[keyof A & keyof B] ? false : true) : false;

// ——— requests: the SDK's params are exactly what the server's schema takes ———
export type RequestChecks = [
  Expect<Equal<Flat<In<typeof createPayOrderSchema>>, T.CreatePayOrderParams>>,
  Expect<Equal<z.input<typeof createRefundSchema>, T.CreateRefundParams>>,
  Expect<Equal<z.input<typeof simulateSchema>, T.SimulatePaymentParams>>,
  Expect<Equal<z.input<typeof createSplitSchema>, T.CreateSplitParams>>,
  Expect<Same<Flat<In<typeof createOrderSchema>>, T.CreateOrderParams>>,
  Expect<Same<Flat<In<typeof importItemSchema>>, T.ImportOrderItem>>,
  Expect<Equal<z.input<typeof transitionSchema>, T.TransitionParams>>,
  Expect<Equal<z.input<typeof cancelOrderSchema>, T.CancelOrderParams>>,
  Expect<Equal<z.input<typeof splitOrderSchema>, T.SplitOrderParams>>,
  Expect<Equal<z.input<typeof createAfterSaleSchema>, T.CreateAfterSaleParams>>,
  Expect<Equal<z.input<typeof rejectAfterSaleSchema>, T.RejectAfterSaleParams>>,
  Expect<Equal<z.input<typeof createShipmentSchema>, T.CreateShipmentParams>>,
  Expect<Equal<z.input<typeof createTradeSchema>, T.CreateTradeParams>>,
  Expect<Equal<z.input<typeof couponSchema>, T.CreateCouponParams>>,
  Expect<Equal<z.input<typeof topUpSchema>, T.TopUpParams>>,
  Expect<Equal<z.input<typeof grantSchema>, T.GrantPointsParams>>,
  Expect<Equal<z.input<typeof portalLinkSchema>, T.CreatePortalLinkParams>>,
  // the list's query: every filter the server takes, as the SDK sends it (numbers and strings both become text)
  Expect<Equal<keyof z.input<typeof listOrdersQuerySchema>, keyof T.ListOrdersParams>>,
  Expect<Equal<Exclude<z.input<typeof listOrdersQuerySchema>["status"], undefined>, Exclude<T.ListOrdersParams["status"], undefined>>>,
];

// ——— responses: the SDK's types are the server's views as JSON ———
/** Fields whose server type is Prisma's JsonValue, which the SDK types more precisely (payData, metadata …). */
type Loose = "payData" | "metadata" | "lines" | "shippingAddress" | "errors" | "parts" | "afterSales";
type View<V> = Flat<Omit<Jsonify<V>, Loose>>;
type Sdk<R> = Flat<Omit<R, Loose>>;
export type ResponseChecks = [
  Expect<Match<View<PayOrderView>, Sdk<T.PayOrder>>>,
  Expect<Equal<keyof PayOrderView, keyof T.PayOrder>>,
  Expect<Match<View<ReturnType<typeof refundView>>, Sdk<T.Refund>>>,
  // OrderView is a union of object types (its conditional spreads): checked field by field
  Expect<Same<Jsonify<OrderView["status"]>, T.Order["status"]>>,
  Expect<Same<Jsonify<OrderView["buyer"]>, T.Order["buyer"]>>,
  Expect<Same<Jsonify<OrderView["payments"]>, T.Order["payments"]>>,
  Expect<Same<Jsonify<OrderView["timeline"]>, T.Order["timeline"]>>,
  Expect<Same<Jsonify<OrderView["shipments"]>, T.Order["shipments"]>>,
  Expect<Same<Jsonify<OrderView["payableAmount"]>, T.Order["payableAmount"]>>,
  Expect<Same<Jsonify<OrderView["riskReview"]>, T.Order["riskReview"]>>,
  Expect<Equal<keyof OrderView, keyof T.Order>>,
  Expect<Match<View<ReturnType<typeof afterSaleView>>, Sdk<T.AfterSale>>>,
  Expect<Match<View<TradeView>, Sdk<T.Trade>>>,
  Expect<Equal<keyof TradeView["parts"][number], keyof T.Trade["parts"][number]>>,
  Expect<Match<Jsonify<CouponView>, T.Coupon>>,
  Expect<Match<Jsonify<BuyerAssetsView>, T.BuyerAssets>>,
  Expect<Match<Jsonify<TopUpView>, T.TopUp>>,
  Expect<Match<Jsonify<GrantView>, T.PointsGrant>>,
  Expect<Match<View<ReturnType<typeof orderImportView>>, Sdk<T.OrderImport>>>,
  Expect<Match<Jsonify<SplitView>, T.Split>>,
  Expect<Equal<ErrorCode, sdk.PayCenterErrorCode>>,
];
export type Unused = AfterSaleRow;

const ROOT = path.resolve(import.meta.dirname, "../..");

/** Every (method, path template) the app serves under app/api/v1, from the route files. */
function servedOperations(): string[] {
  const files = readdirSync(path.join(ROOT, "app/api/v1"), { recursive: true, encoding: "utf8" }).filter((file) => file.endsWith("route.ts") && !file.includes("[[...path]]"));
  return files.flatMap((file) => {
    const text = readFileSync(path.join(ROOT, "app/api/v1", file), "utf8");
    const template = `/api/v1/${path.dirname(file)}`.replace(/\/\.$/, "").replace(/\[(\w+)\]/g, "{$1}");
    return [...text.matchAll(/export const (GET|POST|PUT|PATCH|DELETE) =/g)].map((m) => `${m[1]} ${template}`);
  });
}

describe("the SDK covers the Open API", () => {
  it("has one method for every route of app/api/v1, and none for a route that does not exist", () => {
    const served = servedOperations().sort();
    const covered = Object.values(sdk.OPERATIONS).map(([method, template]) => `${method} ${template}`).sort();
    expect(served.length).toBeGreaterThan(30);
    expect(covered).toEqual(served);
  });

  it("knows every error code of the server with its HTTP status", () => {
    expect(sdk.ERROR_STATUS).toEqual(Object.fromEntries(Object.entries(ERROR_CODES).map(([code, { status }]) => [code, status])));
  });
});
