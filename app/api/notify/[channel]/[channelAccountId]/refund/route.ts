import { withRouteMetrics } from "@/server/observability/route";
import { notifyResponse, readInboundNotification } from "@/server/services/payments/inbound-notification";
import { handleRefundNotify } from "@/server/services/refunds/handle-refund-notify";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ channel: string; channelAccountId: string }> };

// POST /api/notify/{channel}/{channelAccountId}/refund – a channel's refund callback
export const POST = withRouteMetrics("/api/notify/[channel]/[channelAccountId]/refund", async (request: Request, { params }: Params) => {
  const { channel, channelAccountId } = await params;
  const inbound = await readInboundNotification(request);
  if (!inbound) return new Response("payload too large", { status: 413 });
  return notifyResponse(await handleRefundNotify(channel, channelAccountId, inbound));
});
