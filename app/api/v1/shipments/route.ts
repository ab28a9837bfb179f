import { createShipmentSchema } from "@/server/domain/shipment-schema";
import { openApiRoute } from "@/server/openapi/handler";
import { createShipment } from "@/server/services/shipments/create-shipment";

export const dynamic = "force-dynamic";

// POST /api/v1/shipments – several orders of one buyer in one parcel, each SHIPPED
export const POST = openApiRoute({ route: "/api/v1/shipments", body: createShipmentSchema }, async ({ app, body }) => ({
  status: 201,
  body: await createShipment(app, body),
}));
