import { handlePaymentNotify } from "@/server/services/payments/handle-payment-notify";
import { channelCallbackRoute } from "@/server/services/payments/inbound-notification";

export const dynamic = "force-dynamic";

// POST /api/notify/{channel}/{channelAccountId} – a channel's payment callback
export const POST = channelCallbackRoute("/api/notify/[channel]/[channelAccountId]", handlePaymentNotify);
