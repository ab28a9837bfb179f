import { db } from "@/server/db";
import { newImportId } from "@/server/domain/ids";
import type { Prisma } from "@/server/generated/prisma/client.ts";
import { enqueueJob } from "@/server/jobs/enqueue";
import { runOrderImportJob } from "@/server/jobs/tasks/order-import-jobs";
import { orderImportView } from "./order-import-view";

/**
 * Starts an import of historical or offline orders: the items as received and the job that lands
 * them, in one transaction (202 RUNNING). Called by the Open API (POST /api/v1/orders/imports, source
 * `api`) and by the console, which parses a CSV/XLSX upload into the same items (source
 * `console:<userId>`, with the file's name). Items are validated one by one when the job runs.
 */
export async function startOrderImport(app: { id: string; merchantId: string }, items: unknown[], options: { source: string; fileName?: string } = { source: "api" }) {
  const row = await db.$transaction(async (tx) => {
    const created = await tx.orderImport.create({
      data: {
        importId: newImportId(),
        merchantId: app.merchantId,
        appId: app.id,
        source: options.source,
        fileName: options.fileName,
        items: items as Prisma.InputJsonValue,
        total: items.length,
      },
    });
    await enqueueJob(tx, runOrderImportJob, { importId: created.importId }, { jobKey: `order-import:${created.importId}` });
    return created;
  });
  return orderImportView(row);
}
