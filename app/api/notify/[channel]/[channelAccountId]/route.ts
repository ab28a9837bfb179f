import { withRouteMetrics } from "@/server/observability/route";
import { handlePaymentNotify } from "@/server/services/payments/handle-payment-notify";
import { notifyResponse, readInboundNotification } from "@/server/services/payments/inbound-notification";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ channel: string; channelAccountId: string }> };

// POST /api/notify/{channel}/{channelAccountId} – a channel's payment callback
export const POST = withRouteMetrics("/api/notify/[channel]/[channelAccountId]", async (request: Request, { params }: Params) => {
  const { channel, channelAccountId } = await params;
  const inbound = await readInboundNotification(request);
  if (!inbound) return new Response("payload too large", { status: 413 });
  return notifyResponse(await handlePaymentNotify(channel, channelAccountId, inbound));
});
