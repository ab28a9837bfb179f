import { beforeAll, describe, expect, it } from "vitest";
import { seedIfEmpty } from "@/prisma/seed";
import { db } from "@/server/db";
import { orderCenterSource } from "@/server/services/exports/order-center-source";
import { callerAs, outcome } from "@/server/testing/callers";
import { insertOrder } from "@/server/testing/order-fixtures";

const DEMO = "M10000001";
const DEALER = "dealer-s01@demo.local";
let appId = "";
let s01 = "";
let s02 = "";
let noStore = "";
const sku = `SKU-${Date.now()}`;

beforeAll(async () => {
  await seedIfEmpty();
  const merchant = await db.merchant.findUniqueOrThrow({ where: { mchNo: DEMO }, include: { apps: { orderBy: { createdAt: "asc" }, take: 1 } } });
  appId = merchant.apps[0]!.id;
  const user = await db.user.create({ data: { email: DEALER, name: "经销商", passwordHash: "x" } });
  await db.membership.create({ data: { userId: user.id, merchantId: merchant.id, role: "DEALER", storeIds: ["S01"] } });
  s01 = await insertOrder({ appId, storeId: "S01", sku });
  s02 = await insertOrder({ appId, storeId: "S02", sku });
  noStore = await insertOrder({ appId, storeId: null, sku });
});

const numbers = (page: { rows: { orderNo: string }[] }) => page.rows.map((r) => r.orderNo);

describe("orders router (订单中心)", () => {
  it("lists the merchant's orders newest first by SKU and store, keyset-paged", async () => {
    const owner = await callerAs("owner@demo.local");
    expect(numbers(await owner.orders.list({ mchNo: DEMO, sku }))).toEqual([s01, s02, noStore]);
    expect(numbers(await owner.orders.list({ mchNo: DEMO, sku, storeId: "S02" }))).toEqual([s02]);
    expect(numbers(await owner.orders.list({ mchNo: DEMO, sku, status: "COMPLETED" }))).toEqual([]);
    const other = await insertOrder({ appId, storeId: "S01", sku: `${sku}-x`, buyerId: "U-only" });
    expect(numbers(await owner.orders.list({ mchNo: DEMO, buyerId: "U-only" }))).toEqual([other]);
    for (let i = 0; i < 21; i++) await insertOrder({ appId, storeId: "S09", sku: `${sku}-page` });
    const first = await owner.orders.list({ mchNo: DEMO, sku: `${sku}-page` });
    expect(first.rows).toHaveLength(20);
    const second = await owner.orders.list({ mchNo: DEMO, sku: `${sku}-page`, cursor: first.nextCursor! });
    expect(second.rows).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    expect(new Set([...numbers(first), ...numbers(second)]).size).toBe(21);
  });

  it("a dealer sees only its stores' orders: by list, by a store filter, by detail", async () => {
    const dealer = await callerAs(DEALER);
    const page = await dealer.orders.list({ mchNo: DEMO, sku });
    expect(numbers(page)).toEqual([s01]);
    expect(page.dealerStores).toEqual(["S01"]);
    expect(numbers(await dealer.orders.list({ mchNo: DEMO, storeId: "S02" }))).toEqual([]);
    expect((await dealer.orders.detail({ mchNo: DEMO, orderNo: s01 })).order.orderNo).toBe(s01);
    expect(await outcome(dealer.orders.detail({ mchNo: DEMO, orderNo: s02 }))).toBe("NOT_FOUND");
    expect(await outcome(dealer.orders.detail({ mchNo: DEMO, orderNo: noStore }))).toBe("NOT_FOUND");
    // and nothing else of the merchant
    expect(await outcome(dealer.payOrders.list({ mchNo: DEMO }))).toBe("FORBIDDEN");
    expect(await outcome(dealer.merchant.overview({ mchNo: DEMO }))).toBe("FORBIDDEN");
    expect(await outcome(dealer.members.list({ mchNo: DEMO }))).toBe("FORBIDDEN");
  });

  it("a dealer's export is narrowed to its stores whatever the request says", async () => {
    const dealer = await callerAs(DEALER);
    const created = await dealer.exports.create({ mchNo: DEMO, request: { source: "orderCenter", format: "csv", filters: { sku, dealerStoreIds: ["S02"] } } });
    const record = await db.dataExport.findUniqueOrThrow({ where: { id: created.id } });
    expect(record.filters).toMatchObject({ sku, dealerStoreIds: ["S01"] });
    const rows = [];
    for await (const batch of orderCenterSource.batches(record.merchantId, record.filters as never, 100)) rows.push(...batch);
    expect(rows.map((r) => r.orderNo)).toEqual([s01]);
    expect(await orderCenterSource.count(record.merchantId, record.filters as never)).toBe(1);
    // an owner's export is not narrowed, and may not narrow itself through the dealer field either
    const owner = await callerAs("owner@demo.local");
    const full = await owner.exports.create({ mchNo: DEMO, request: { source: "orderCenter", format: "xlsx", filters: { sku, dealerStoreIds: ["S01"] } } });
    const fullRecord = await db.dataExport.findUniqueOrThrow({ where: { id: full.id } });
    expect(fullRecord.filters).not.toHaveProperty("dealerStoreIds");
    expect(await orderCenterSource.count(fullRecord.merchantId, fullRecord.filters as never)).toBe(3);
    // a viewer reads orders but does not export them
    const viewer = await callerAs("viewer@demo.local");
    expect(await outcome(viewer.orders.list({ mchNo: DEMO, sku }))).toBe("OK");
    expect(await outcome(viewer.exports.create({ mchNo: DEMO, request: { source: "orderCenter", format: "csv", filters: {} } }))).toBe("FORBIDDEN");
  });

  it("saved views are the member's own, one per name", async () => {
    const owner = await callerAs("owner@demo.local");
    const dealer = await callerAs(DEALER);
    const saved = await owner.orders.saveView({ mchNo: DEMO, name: "顺德待发货", filters: { storeId: "S01", status: "TO_SHIP" } });
    await owner.orders.saveView({ mchNo: DEMO, name: "顺德待发货", filters: { storeId: "S01", status: "PAID" } });
    const views = await owner.orders.listViews({ mchNo: DEMO });
    expect(views.filter((v) => v.name === "顺德待发货")).toEqual([{ id: saved.id, name: "顺德待发货", filters: { storeId: "S01", status: "PAID" } }]);
    expect(await dealer.orders.listViews({ mchNo: DEMO })).toEqual([]);
    expect(await dealer.orders.deleteView({ mchNo: DEMO, id: saved.id })).toEqual({ deleted: 0 });
    expect(await outcome(owner.orders.saveView({ mchNo: DEMO, name: " ", filters: {} }))).toBe("BAD_REQUEST");
    expect(await owner.orders.deleteView({ mchNo: DEMO, id: saved.id })).toEqual({ deleted: 1 });
  });

  it("order-center settings per app: developers save them, finance may not, nonsense is refused", async () => {
    const dev = await callerAs("dev@demo.local");
    await dev.orders.updateSettings({ mchNo: DEMO, appId, orderFlows: ["standard"], autoCompleteDays: 7, shipWithinHours: "" });
    expect(await dev.orders.settings({ mchNo: DEMO, appId })).toEqual({ orderFlows: ["standard"], autoCompleteDays: 7, shipWithinHours: null, pointsPerYuan: 100 });
    await dev.orders.updateSettings({ mchNo: DEMO, appId, orderFlows: ["standard", "custom_home"], autoCompleteDays: "10", shipWithinHours: "48" });
    expect(await dev.orders.settings({ mchNo: DEMO, appId })).toEqual({ orderFlows: ["standard", "custom_home"], autoCompleteDays: 10, shipWithinHours: 48, pointsPerYuan: 100 });
    const finance = await callerAs("finance@demo.local");
    expect(await outcome(finance.orders.updateSettings({ mchNo: DEMO, appId, orderFlows: ["standard"], autoCompleteDays: 7, shipWithinHours: 1 }))).toBe("FORBIDDEN");
    for (const bad of [{ orderFlows: [] }, { autoCompleteDays: 0 }, { shipWithinHours: 1.5 }, { orderFlows: ["nope"] }]) {
      expect(await outcome(dev.orders.updateSettings({ mchNo: DEMO, appId, orderFlows: ["standard"], autoCompleteDays: 7, shipWithinHours: 1, ...bad } as never)), JSON.stringify(bad)).toBe("BAD_REQUEST");
    }
    const acme = await callerAs("owner@acme.local");
    expect(await outcome(acme.orders.settings({ mchNo: "M10000002", appId }))).toBe("NOT_FOUND");
  });

  it("an owner invites a dealer with stores and can change them later", async () => {
    const owner = await callerAs("owner@demo.local");
    expect(await outcome(owner.members.invite({ mchNo: DEMO, email: "d2@demo.local", role: "DEALER" }))).toBe("BAD_REQUEST");
    await owner.members.invite({ mchNo: DEMO, email: "d2@demo.local", role: "DEALER", storeIds: ["S01", "S03", "S01"] });
    const invitation = await db.invitation.findFirstOrThrow({ where: { email: "d2@demo.local" } });
    expect(invitation.storeIds).toEqual(["S01", "S03"]);
    const membership = await db.membership.findFirstOrThrow({ where: { user: { email: DEALER } } });
    await owner.members.setStores({ mchNo: DEMO, membershipId: membership.id, storeIds: ["S01", "S02"] });
    const dealer = await callerAs(DEALER);
    expect(numbers(await dealer.orders.list({ mchNo: DEMO, sku }))).toEqual([s01, s02]);
    await owner.members.setStores({ mchNo: DEMO, membershipId: membership.id, storeIds: ["S01"] });
    expect(await outcome(owner.members.setStores({ mchNo: DEMO, membershipId: membership.id, storeIds: ["bad store"] }))).toBe("BAD_REQUEST");
    const devMembership = await db.membership.findFirstOrThrow({ where: { user: { email: "dev@demo.local" }, merchant: { mchNo: DEMO } } });
    expect(await outcome(owner.members.setStores({ mchNo: DEMO, membershipId: devMembership.id, storeIds: ["S01"] }))).toBe("BAD_REQUEST");
  });

  it("moves an order along its flow and cancels it from the console, as the role allows", async () => {
    const owner = await callerAs("owner@demo.local");
    const user = await db.user.findUniqueOrThrow({ where: { email: "owner@demo.local" } });
    const paid = await insertOrder({ appId, storeId: "S01", status: "PAID" });
    expect(await outcome((await callerAs(DEALER)).orders.transition({ mchNo: DEMO, orderNo: paid, input: { to: "SHIPPED" } }))).toBe("FORBIDDEN");
    expect(await outcome((await callerAs("finance@demo.local")).orders.transition({ mchNo: DEMO, orderNo: paid, input: { to: "SHIPPED" } }))).toBe("FORBIDDEN");
    expect((await owner.orders.detail({ mchNo: DEMO, orderNo: paid })).may.next).toEqual(["TO_SHIP", "SHIPPED", "TO_RECEIVE", "COMPLETED"]);
    const shipped = await owner.orders.transition({ mchNo: DEMO, orderNo: paid, input: { to: "SHIPPED", carrier: "SF", trackingNo: "SF123" } });
    expect(shipped.status).toBe("SHIPPED");
    expect(shipped.timeline.at(-1)).toMatchObject({ status: "SHIPPED", by: `console:${user.id}`, carrier: "SF", trackingNo: "SF123" });
    expect(await outcome(owner.orders.transition({ mchNo: DEMO, orderNo: paid, input: { to: "TO_SHIP" } }))).toBe("CONFLICT");
    expect(await outcome(owner.orders.cancel({ mchNo: DEMO, orderNo: paid, input: {} }))).toBe("CONFLICT");
    const unpaid = await insertOrder({ appId, status: "PENDING_PAYMENT" });
    expect((await owner.orders.cancel({ mchNo: DEMO, orderNo: unpaid, input: { reason: "买家不要了" } })).status).toBe("CANCELLED");
    const acme = await callerAs("owner@acme.local");
    expect(await outcome(acme.orders.transition({ mchNo: "M10000002", orderNo: paid, input: { to: "COMPLETED" } }))).toBe("NOT_FOUND");
  });

  it("imports a CSV from the console: orders land, a bad row fails alone and names its file row, duplicates are counted", async () => {
    const { IMPORT_TEMPLATE, toCsv } = await import("@/server/domain/order-import-file");
    const { runOrderImport } = await import("@/server/services/order-imports/run-order-import");
    const source = `CSV-${Date.now()}`;
    const rows = [
      IMPORT_TEMPLATE[0]!,
      [source, "standard", "store", "S01", "U1001", "张三", "13800138000", "SOFA-3", "三人沙发", "1", "3999.00", "0", "0", "3999.00", "COMPLETED", "", "2026-11-01T10:00:00+08:00"],
      [`${source}-bad`, "standard", "store", "S01", "U1001", "", "", "SOFA-3", "三人沙发", "two", "3999.00", "0", "0", "3999.00", "", "", ""],
      [source, "", "", "", "", "", "", "LAMP-1", "落地灯", "1", "0", "", "", "", "", "", ""],
    ];
    const dev = await callerAs("dev@demo.local");
    const started = await dev.orders.startImport({ mchNo: DEMO, appId, fileName: "history.csv", contentBase64: Buffer.from(toCsv(rows)).toString("base64") });
    expect(started).toMatchObject({ status: "RUNNING", total: 2, firstRow: [2, 3] });
    await runOrderImport(started.importId);
    const done = await dev.orders.importStatus({ mchNo: DEMO, importId: started.importId });
    expect(done).toMatchObject({ status: "SUCCEEDED", total: 2, created: 1, duplicates: 0, failed: 1, source: expect.stringMatching(/^console:/), fileName: "history.csv" });
    expect(done.errors).toEqual([expect.objectContaining({ index: 1, field: "lines.0.quantity" })]);
    const again = await dev.orders.startImport({ mchNo: DEMO, appId, fileName: "again.csv", contentBase64: Buffer.from(toCsv(rows.slice(0, 2))).toString("base64") });
    await runOrderImport(again.importId);
    expect(await dev.orders.importStatus({ mchNo: DEMO, importId: again.importId })).toMatchObject({ created: 0, duplicates: 1, failed: 0 });
    // roles and tenants
    expect(await outcome((await callerAs("finance@demo.local")).orders.startImport({ mchNo: DEMO, appId, fileName: "x.csv", contentBase64: "YQ==" }))).toBe("FORBIDDEN");
    expect(await outcome((await callerAs("owner@acme.local")).orders.importStatus({ mchNo: "M10000002", importId: started.importId }))).toBe("NOT_FOUND");
    expect(await outcome(dev.orders.startImport({ mchNo: DEMO, appId, fileName: "empty.csv", contentBase64: Buffer.from("sourceOrderNo\n").toString("base64") }))).toBe("BAD_REQUEST");
  });
});
