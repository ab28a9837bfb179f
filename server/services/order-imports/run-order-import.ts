import { db } from "@/server/db";
import { newOrderNo } from "@/server/domain/ids";
import { type ImportItem, type ImportItemError, parseImportItem } from "@/server/domain/order-import-schema";
import { paramsHash } from "@/server/domain/params-hash";
import type { OrderImport, Prisma } from "@/server/generated/prisma/client.ts";
import { recordEvent } from "@/server/services/events/record-event";
import { orderImportView } from "./order-import-view";

/** Items landed per transaction (and per progress update). */
const BATCH = 100;

/**
 * The import job: validates each item on its own (a failure is recorded with its index, field and
 * message, the rest land), and lands the valid ones in batches — orders with their lines and a
 * timeline entry (`by: "import"`), no pay orders. An item whose sourceOrderNo the app already has
 * (or an earlier item of the same import had) is a duplicate and skipped. Safe to run again after a
 * crash: a landed batch conflicts and is skipped, and the final counts are read from what landed.
 * Ends SUCCEEDED (compare-and-set, once) with `import.finished` to the app's notify URL.
 */
export async function runOrderImport(importId: string): Promise<void> {
  const run = await db.orderImport.findUnique({ where: { importId } });
  if (!run || run.status !== "RUNNING") return;
  const items = Array.isArray(run.items) ? (run.items as unknown[]) : [];
  const errors: ImportItemError[] = [];
  let landed = 0;
  let skipped = 0;
  for (let start = 0; start < items.length; start += BATCH) {
    const valid: ImportItem[] = [];
    items.slice(start, start + BATCH).forEach((raw, offset) => {
      const parsed = parseImportItem(raw, start + offset);
      if (parsed.ok) valid.push(parsed.item);
      else errors.push(parsed.error);
    });
    const count = valid.length ? await landBatch(run, valid) : 0;
    landed += count;
    skipped += valid.length - count;
    await db.orderImport.updateMany({
      where: { importId, status: "RUNNING" },
      data: { created: landed, duplicates: skipped, failed: errors.length, errors: errors as unknown as Prisma.InputJsonValue },
    });
  }
  await db.$transaction(async (tx) => {
    const created = await tx.order.count({ where: { importId } });
    const finished = await tx.orderImport.updateMany({
      where: { importId, status: "RUNNING" },
      data: {
        status: "SUCCEEDED",
        created,
        failed: errors.length,
        duplicates: items.length - errors.length - created,
        errors: errors as unknown as Prisma.InputJsonValue,
        items: [] as unknown as Prisma.InputJsonValue,
        finishedAt: new Date(),
      },
    });
    if (finished.count !== 1) return;
    const row = await tx.orderImport.findUniqueOrThrow({ where: { importId } });
    await recordEvent(tx, { merchantId: row.merchantId, appId: row.appId, type: "import.finished", data: orderImportView(row) });
  });
}

/** One batch in one transaction; the number of orders that landed (the others were duplicates). */
async function landBatch(run: OrderImport, items: ImportItem[]): Promise<number> {
  return db.$transaction(async (tx) => {
    const rows = items.map((item) => ({ item, orderNo: newOrderNo(), placedAt: item.placedAt ?? new Date() }));
    await tx.order.createMany({
      skipDuplicates: true,
      data: rows.map(({ item, orderNo, placedAt }) => ({
        orderNo,
        merchantId: run.merchantId,
        appId: run.appId,
        sourceOrderNo: item.sourceOrderNo,
        type: item.type,
        scene: item.scene,
        storeId: item.storeId,
        flow: item.flow,
        status: item.status,
        buyerId: item.buyer.id,
        buyerName: item.buyer.name,
        buyerPhone: item.buyer.phone,
        discountAmount: item.discountAmount,
        shippingAmount: item.shippingAmount,
        payableAmount: item.payableAmount,
        paidAmount: item.paidAmount,
        depositAmount: item.presale?.depositAmount,
        balanceDueAt: item.presale?.balanceDueAt,
        depositRefundable: item.presale?.depositRefundable,
        shippingAddress: item.shippingAddress,
        expireInSeconds: item.expireInSeconds,
        openPayment: false,
        notifyUrl: item.notifyUrl,
        metadata: item.metadata,
        paramsHash: paramsHash(item),
        importId: run.importId,
        statusAt: placedAt,
        paidAt: item.paidAmount > 0n ? placedAt : null,
        placedAt,
        createdAt: new Date(),
      })),
    });
    const inserted = new Set(
      (await tx.order.findMany({ where: { orderNo: { in: rows.map((r) => r.orderNo) } }, select: { orderNo: true } })).map((o) => o.orderNo),
    );
    const landed = rows.filter((r) => inserted.has(r.orderNo));
    await tx.orderLine.createMany({
      data: landed.flatMap(({ item, orderNo, placedAt }) =>
        item.lines.map((line, lineNo) => ({
          orderNo,
          lineNo,
          merchantId: run.merchantId,
          appId: run.appId,
          placedAt,
          sku: line.sku,
          name: line.name,
          quantity: line.quantity,
          unitPrice: line.unitPrice,
          amount: BigInt(line.quantity) * line.unitPrice,
          kind: line.kind,
        })),
      ),
    });
    await tx.orderTimelineEntry.createMany({
      data: landed.map(({ item, orderNo, placedAt }) => ({ orderNo, status: item.status, at: placedAt, by: "import", note: `import ${run.importId}` })),
    });
    return landed.length;
  });
}
