import { z } from "zod";
import { orderCenterFiltersSchema, placedRange, savedViewFiltersSchema, viewNameSchema } from "@/server/domain/order-center-filters";
import { cancelOrderSchema, transitionSchema } from "@/server/domain/order-schema";
import { orderSettingsSchema } from "@/server/domain/order-settings-schema";
import { can } from "@/server/domain/permissions";
import { userActor } from "@/server/services/audit/record-audit";
import { consoleScope } from "@/server/services/order-console/console-scope";
import { consoleActor, consoleAfterSaleApp, consoleOrderApp, consoleShipmentApp } from "@/server/services/order-console/console-order-app";
import { getConsoleOrder } from "@/server/services/order-console/get-console-order";
import { getConsoleImport, MAX_IMPORT_FILE_BYTES, startConsoleImport } from "@/server/services/order-console/start-console-import";
import { orderAppNames } from "@/server/services/order-console/order-app-names";
import { deleteView, listSavedViews, saveView } from "@/server/services/order-console/saved-views";
import { getOrderSettings, updateOrderSettings } from "@/server/services/order-console/update-order-settings";
import { decodeOrderCursor, listOrders } from "@/server/services/orders/list-orders";
import { merchantApps } from "@/server/services/pay-orders/list-pay-orders";
import { rejectAfterSaleSchema } from "@/server/domain/after-sale-schema";
import { splitOrderSchema } from "@/server/domain/order-split";
import { createShipmentSchema } from "@/server/domain/shipment-schema";
import { decideAfterSale } from "@/server/services/after-sales/decide-after-sale";
import { splitOrder } from "@/server/services/orders/split-order";
import { createShipment } from "@/server/services/shipments/create-shipment";
import { cancelOrder } from "@/server/services/orders/cancel-order";
import { transitionOrder } from "@/server/services/orders/transition-order";
import { merchantProcedure, router } from "../procedures";

export const ORDER_CENTER_PAGE_SIZE = 20;

const orderNo = z.object({ orderNo: z.string().min(1).max(64) });
const appId = z.object({ appId: z.string().min(1).max(64) });

type Ctx = { merchant: { id: string }; role: Parameters<typeof can>[0]; storeIds: string[]; user: { id: string } };
const member = (ctx: Ctx) => ({ merchantId: ctx.merchant.id, role: ctx.role, storeIds: ctx.storeIds });

/**
 * The console's order center (订单中心). Every read is scoped to the merchant and, for a DEALER, to its
 * stores (Membership.storeIds): a dealer never sees another store's order, by list, detail or export.
 */
export const ordersRouter = router({
  /** One page of orders, newest first, keyset-paged ("older"), by every filter of the query API. */
  list: merchantProcedure("orderCenter.read")
    .input(orderCenterFiltersSchema)
    .query(async ({ ctx, input }) => {
      const range = placedRange(input);
      const page = await listOrders(consoleScope(member(ctx)), {
        buyerId: input.buyerId,
        storeId: input.storeId,
        scene: input.scene,
        type: input.type,
        status: input.status,
        sku: input.sku,
        placedFrom: range?.gte,
        placedTo: range?.lte ?? (range?.lt ? new Date(range.lt.getTime() - 1) : undefined),
      }, { limit: ORDER_CENTER_PAGE_SIZE, cursor: input.cursor && validCursor(input.cursor) ? input.cursor : null, staleOk: true });
      const names = await orderAppNames(page.data.map((o) => o.orderNo));
      return {
        rows: page.data.map((order) => ({ ...order, appName: names.get(order.orderNo) ?? "" })),
        nextCursor: page.nextCursor,
        dealerStores: ctx.role === "DEALER" ? ctx.storeIds : null,
        may: { export: can(ctx.role, "orderCenter.export"), import: can(ctx.role, "orderCenter.import") },
      };
    }),
  detail: merchantProcedure("orderCenter.read")
    .input(orderNo)
    .query(({ ctx, input }) => getConsoleOrder(member(ctx), input.orderNo)),
  /** Moves the order forward along its flow (carrier and tracking number when shipping); by `console:<user>`. */
  transition: merchantProcedure("orderCenter.manage")
    .input(orderNo.extend({ input: transitionSchema }))
    .mutation(async ({ ctx, input }) => transitionOrder(await consoleOrderApp(member(ctx), input.orderNo), input.orderNo, input.input, consoleActor(ctx.user.id))),
  /** Cancels it (open pay orders closed, paid ones refunded in full by the order center). */
  cancel: merchantProcedure("orderCenter.manage")
    .input(orderNo.extend({ input: cancelOrderSchema }))
    .mutation(async ({ ctx, input }) => cancelOrder(await consoleOrderApp(member(ctx), input.orderNo), input.orderNo, input.input, consoleActor(ctx.user.id))),
  /** Splits a PAID / TO_SHIP order into child orders (拆单). */
  split: merchantProcedure("orderCenter.manage")
    .input(orderNo.extend({ input: splitOrderSchema }))
    .mutation(async ({ ctx, input }) => splitOrder(await consoleOrderApp(member(ctx), input.orderNo), input.orderNo, input.input, consoleActor(ctx.user.id))),
  /** Several orders of one buyer leave in one parcel (合并发货). */
  ship: merchantProcedure("orderCenter.manage")
    .input(z.object({ input: createShipmentSchema }))
    .mutation(async ({ ctx, input }) => createShipment(await consoleShipmentApp(member(ctx), input.input.orderNos), input.input, consoleActor(ctx.user.id))),
  approveAfterSale: merchantProcedure("afterSales.review")
    .input(z.object({ afterSaleId: z.string().min(1).max(64) }))
    .mutation(async ({ ctx, input }) => decideAfterSale(await consoleAfterSaleApp(member(ctx), input.afterSaleId), input.afterSaleId, { decision: "approve" }, consoleActor(ctx.user.id))),
  rejectAfterSale: merchantProcedure("afterSales.review")
    .input(z.object({ afterSaleId: z.string().min(1).max(64), input: rejectAfterSaleSchema }))
    .mutation(async ({ ctx, input }) =>
      decideAfterSale(await consoleAfterSaleApp(member(ctx), input.afterSaleId), input.afterSaleId, { decision: "reject", reason: input.input.reason }, consoleActor(ctx.user.id)),
    ),
  /** Import historical / offline orders from an uploaded CSV or XLSX (base64). */
  startImport: merchantProcedure("orderCenter.import")
    .input(z.object({ appId: z.string().min(1).max(64), fileName: z.string().trim().min(1).max(200), contentBase64: z.base64().max(Math.ceil((MAX_IMPORT_FILE_BYTES * 4) / 3) + 4) }))
    .mutation(({ ctx, input }) => startConsoleImport(ctx.merchant.id, ctx.user.id, input)),
  /** The apps an import may go into (the merchant's). */
  importApps: merchantProcedure("orderCenter.import").query(({ ctx }) => merchantApps(ctx.merchant.id)),
  importStatus: merchantProcedure("orderCenter.import")
    .input(z.object({ importId: z.string().min(1).max(64) }))
    .query(({ ctx, input }) => getConsoleImport(ctx.merchant.id, input.importId)),
  // saved views (flat: the tenant-isolation test walks one level of namespaces)
  listViews: merchantProcedure("orderCenter.read").query(({ ctx }) => listSavedViews({ merchantId: ctx.merchant.id, userId: ctx.user.id })),
  saveView: merchantProcedure("orderCenter.read")
      .input(z.object({ name: viewNameSchema, filters: savedViewFiltersSchema }))
      .mutation(({ ctx, input }) => saveView({ merchantId: ctx.merchant.id, userId: ctx.user.id }, input.name, input.filters)),
  deleteView: merchantProcedure("orderCenter.read")
      .input(z.object({ id: z.uuid() }))
      .mutation(({ ctx, input }) => deleteView({ merchantId: ctx.merchant.id, userId: ctx.user.id }, input.id)),
  settings: merchantProcedure("apps.read")
    .input(appId)
    .query(({ ctx, input }) => getOrderSettings(ctx.merchant.id, input.appId)),
  updateSettings: merchantProcedure("apps.manage")
    .input(appId.extend(orderSettingsSchema.shape))
    .mutation(({ ctx, input: { appId: id, ...settings } }) => updateOrderSettings(ctx.merchant.id, userActor(ctx), id, settings)),
});

/** A cursor in the page's URL that the list did not hand out: the first page (a console URL is typed, not trusted). */
function validCursor(cursor: string): boolean {
  try {
    decodeOrderCursor(cursor);
    return true;
  } catch {
    return false;
  }
}
