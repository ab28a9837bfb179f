import type { InboundNotification, NotifyAnswer } from "@/server/channels/types";
import { hasIdShape } from "@/server/domain/id-shapes";
import { readCappedBody } from "@/server/streams/read-capped-body";
import { withRouteMetrics } from "@/server/observability/route";

const MAX_NOTIFY_BYTES = 256 * 1024;

/**
 * A channel callback as text with lower-case headers (signatures cover the exact text), or null past
 * the size limit — whatever Content-Length claims. Bytes that are not UTF-8 become U+FFFD: such a
 * body can never verify, and what is stored of it is decided by the notification record.
 */
async function readInboundNotification(request: Request): Promise<InboundNotification | null> {
  const body = await readCappedBody(request, MAX_NOTIFY_BYTES);
  if (body === null) return null;
  const headers: Record<string, string> = {};
  request.headers.forEach((value, key) => {
    headers[key.toLowerCase()] = value;
  });
  return { headers, body: new TextDecoder().decode(body) };
}

function notifyResponse(answer: NotifyAnswer): Response {
  return new Response(answer.status === 204 ? null : answer.body, {
    status: answer.status,
    headers: answer.contentType ? { "content-type": answer.contentType } : undefined,
  });
}

type CallbackParams = { params: Promise<{ channel: string; channelAccountId: string }> };

/**
 * A channel callback route: an account id of another shape names no account (404 before anything is
 * read or stored), then the raw body (size-limited), the handler, the answer in the channel's format.
 */
export function channelCallbackRoute(
  route: string,
  handle: (channel: string, channelAccountId: string, inbound: InboundNotification) => Promise<NotifyAnswer>,
) {
  return withRouteMetrics(route, async (request: Request, { params }: CallbackParams) => {
    const { channel, channelAccountId } = await params;
    if (!hasIdShape("channelAccountId", channelAccountId)) return new Response("unknown channel account", { status: 404 });
    const inbound = await readInboundNotification(request);
    if (!inbound) return new Response("payload too large", { status: 413 });
    return notifyResponse(await handle(channel, channelAccountId, inbound));
  });
}
