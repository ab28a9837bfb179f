import { startOrderImportSchema } from "@/server/domain/order-import-schema";
import { openApiRoute } from "@/server/openapi/handler";
import { startOrderImport } from "@/server/services/order-imports/start-order-import";

export const dynamic = "force-dynamic";

// POST /api/v1/orders/imports – 1–1000 historical or offline orders, landed by a job (202 RUNNING)
export const POST = openApiRoute({ route: "/api/v1/orders/imports", body: startOrderImportSchema, maxBodyBytes: 1024 * 1024 }, async ({ app, body }) => {
  const started = await startOrderImport(app, body.orders, { source: "api" });
  return { status: 202, body: { importId: started.importId, status: started.status } };
});
