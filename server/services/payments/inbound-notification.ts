import type { InboundNotification, NotifyAnswer } from "@/server/channels/types";

const MAX_NOTIFY_BYTES = 256 * 1024;

/** A channel callback as raw text with lower-case headers (signatures cover the exact bytes). */
export async function readInboundNotification(request: Request): Promise<InboundNotification | null> {
  if (Number(request.headers.get("content-length") ?? 0) > MAX_NOTIFY_BYTES) return null;
  const body = await request.text();
  if (body.length > MAX_NOTIFY_BYTES) return null;
  const headers: Record<string, string> = {};
  request.headers.forEach((value, key) => {
    headers[key.toLowerCase()] = value;
  });
  return { headers, body };
}

export function notifyResponse(answer: NotifyAnswer): Response {
  return new Response(answer.status === 204 ? null : answer.body, {
    status: answer.status,
    headers: answer.contentType ? { "content-type": answer.contentType } : undefined,
  });
}
