import { channelCallbackRoute } from "@/server/services/payments/inbound-notification";
import { handleRefundNotify } from "@/server/services/refunds/handle-refund-notify";

export const dynamic = "force-dynamic";

// POST /api/notify/{channel}/{channelAccountId}/refund – a channel's refund callback
export const POST = channelCallbackRoute("/api/notify/[channel]/[channelAccountId]/refund", handleRefundNotify);
