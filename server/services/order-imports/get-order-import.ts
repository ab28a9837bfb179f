import { db } from "@/server/db";
import { hasOrderCenterIdShape } from "@/server/domain/order-post-ids";
import { AppError } from "@/server/errors";
import { orderImportView } from "./order-import-view";

/** An import of this app; any other value is 404 IMPORT_NOT_FOUND. */
export async function getOrderImport(app: { id: string }, importId: string) {
  if (!hasOrderCenterIdShape("importId", importId)) throw new AppError("IMPORT_NOT_FOUND", "import not found");
  const row = await db.orderImport.findFirst({ where: { importId, appId: app.id } });
  if (!row) throw new AppError("IMPORT_NOT_FOUND", "import not found");
  return orderImportView(row);
}
