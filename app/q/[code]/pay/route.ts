import { withRouteMetrics } from "@/server/observability/route";
import { z } from "zod";
import { loadEnv } from "@/server/env";
import { logger } from "@/server/observability/logger";
import { clientIpOf, cookieReader, payerAppOf } from "@/server/services/static-qr/http";
import { StaticQrRefusal } from "@/server/services/static-qr/refusal";
import { startStaticQrPayment } from "@/server/services/static-qr/start-payment";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ code: string }> };

const bodySchema = z.object({ amountYuan: z.string().max(32).optional() });

function refused(refusal: StaticQrRefusal): Response {
  return Response.json({ error: refusal.reason, ...(refusal.detail ? { detail: refusal.detail } : {}) }, { status: refusal.status });
}

// POST /q/{code}/pay – the payer pays: {amountYuan?} → the order and how the page hands it to the payer's app
export const POST = withRouteMetrics("/q/[code]/pay", async (request: Request, { params }: Context) => {
  const { code } = await params;
  // a form on another site cannot pay with the payer's cookie (SameSite=Lax already keeps it off; this says so)
  const origin = request.headers.get("origin");
  if (origin && origin !== new URL(loadEnv().PUBLIC_BASE_URL).origin) return Response.json({ error: "FORBIDDEN" }, { status: 403 });
  const app = payerAppOf(request.headers);
  if (!app) return refused(new StaticQrRefusal("PAYER_UNKNOWN"));
  // a few bytes are expected: a large body is refused before it is read
  if (Number(request.headers.get("content-length") ?? 0) > 1024) return refused(new StaticQrRefusal("AMOUNT_INVALID"));
  const text = await request.text();
  let body: z.infer<typeof bodySchema>;
  try {
    body = bodySchema.parse(text.length > 1024 ? null : JSON.parse(text || "{}"));
  } catch {
    return refused(new StaticQrRefusal("AMOUNT_INVALID"));
  }
  try {
    const payment = await startStaticQrPayment({ code, app, cookies: cookieReader(request.headers), amountYuan: body.amountYuan, clientIp: clientIpOf(request.headers) });
    return Response.json(payment);
  } catch (error) {
    if (error instanceof StaticQrRefusal) return refused(error);
    logger.error({ err: error, code }, "static QR: payment failed unexpectedly");
    return refused(new StaticQrRefusal("PAYMENT_FAILED"));
  }
});
