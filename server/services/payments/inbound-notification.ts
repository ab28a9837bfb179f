import type { InboundNotification, NotifyAnswer } from "@/server/channels/types";
import { withRouteMetrics } from "@/server/observability/route";

const MAX_NOTIFY_BYTES = 256 * 1024;

/** A channel callback as raw text with lower-case headers (signatures cover the exact bytes). */
async function readInboundNotification(request: Request): Promise<InboundNotification | null> {
  if (Number(request.headers.get("content-length") ?? 0) > MAX_NOTIFY_BYTES) return null;
  const body = await request.text();
  if (body.length > MAX_NOTIFY_BYTES) return null;
  const headers: Record<string, string> = {};
  request.headers.forEach((value, key) => {
    headers[key.toLowerCase()] = value;
  });
  return { headers, body };
}

function notifyResponse(answer: NotifyAnswer): Response {
  return new Response(answer.status === 204 ? null : answer.body, {
    status: answer.status,
    headers: answer.contentType ? { "content-type": answer.contentType } : undefined,
  });
}

type CallbackParams = { params: Promise<{ channel: string; channelAccountId: string }> };

/** A channel callback route: raw body (size-limited), the handler, the answer in the channel's format. */
export function channelCallbackRoute(
  route: string,
  handle: (channel: string, channelAccountId: string, inbound: InboundNotification) => Promise<NotifyAnswer>,
) {
  return withRouteMetrics(route, async (request: Request, { params }: CallbackParams) => {
    const { channel, channelAccountId } = await params;
    const inbound = await readInboundNotification(request);
    if (!inbound) return new Response("payload too large", { status: 413 });
    return notifyResponse(await handle(channel, channelAccountId, inbound));
  });
}
