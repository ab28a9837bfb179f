import type { IncomingMessage } from "node:http";

/**
 * Next.js takes any multipart POST to a page as a possible server action (a form sent without
 * JavaScript) and answers 500 when its body does not parse. Before such a request is handed to
 * Next.js, its body is read (it is small: Next.js refuses actions over 1 MB), parsed once, and put
 * back on the stream untouched; one that does not parse is answered 400 here.
 */
const MAX_FORM_BYTES = 1024 * 1024;

const isMultipartPost = (req: IncomingMessage) => req.method === "POST" && /^\s*multipart\/form-data/i.test(req.headers["content-type"] ?? "");

const refusal = (status: number, message: string) => new Response(message, { status, headers: { "content-type": "text/plain; charset=utf-8" } });

/** The answer for a multipart POST to a page that Next.js would fail on, or null to hand it on. */
export async function refuseMalformedFormPost(req: IncomingMessage): Promise<Response | null> {
  if (!isMultipartPost(req)) return null;
  const length = Number(req.headers["content-length"]);
  if (!Number.isSafeInteger(length) || length < 0) return refusal(411, "a form must declare its Content-Length");
  if (length > MAX_FORM_BYTES) return refusal(413, "the form is too large");
  const body = await peekBody(req, length);
  if (!body) return refusal(400, "the form ended before its declared length");
  try {
    await new Response(new Uint8Array(body), { headers: { "content-type": req.headers["content-type"] ?? "" } }).formData();
    return null;
  } catch {
    return refusal(400, "the form is not valid multipart/form-data");
  }
}

/**
 * Reads `length` bytes and unshifts them, so the next reader sees the stream as it came; null when
 * the client ended early (nothing to put back then: the stream has ended).
 */
function peekBody(req: IncomingMessage, length: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (result: Buffer | null, error?: unknown) => {
      req.off("readable", onReadable).off("end", onEnd).off("error", onError);
      if (error) return reject(error);
      if (result?.length) req.unshift(result); // same tick as the last read: the stream has not emitted 'end'
      resolve(result);
    };
    const onReadable = () => {
      for (let chunk: Buffer | null; size < length && (chunk = req.read()) !== null; ) {
        chunks.push(chunk);
        size += chunk.length;
      }
      if (size >= length) finish(Buffer.concat(chunks));
    };
    const onEnd = () => finish(null);
    const onError = (error: unknown) => finish(null, error);
    req.on("readable", onReadable).on("end", onEnd).on("error", onError);
    if (length === 0) finish(Buffer.alloc(0));
  });
}
