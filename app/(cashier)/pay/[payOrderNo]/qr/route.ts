import { withRouteMetrics } from "@/server/observability/route";
import { attemptQrCode } from "@/server/services/cashier/attempt-qr-code";

// GET /pay/[payOrderNo]/qr?attempt=… – the QR code of the order's attempt waiting for the payer, as SVG
export const GET = withRouteMetrics("/pay/[payOrderNo]/qr", async (request: Request, { params }: { params: Promise<{ payOrderNo: string }> }) => {
  const { payOrderNo } = await params;
  const attemptNo = new URL(request.url).searchParams.get("attempt") ?? "";
  const svg = attemptNo ? await attemptQrCode(payOrderNo, attemptNo) : null;
  if (!svg) return new Response("no such QR code", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
  // one attempt's code never changes: the browser may keep it while the attempt lasts
  return new Response(svg, { headers: { "content-type": "image/svg+xml", "cache-control": "private, max-age=600" } });
});
