import { ChannelRejectedError, ChannelUnavailableError, type ChannelError } from "../errors";

/** WeChat Pay's error body `{"code","message"}`, whatever form axios left it in. */
function errorBody(data: unknown): { code?: string; message?: string } {
  const raw = Buffer.isBuffer(data) || data instanceof ArrayBuffer ? Buffer.from(data as Buffer).toString("utf8") : data;
  let value: unknown = raw;
  if (typeof raw === "string") {
    try {
      value = JSON.parse(raw);
    } catch {
      return { message: raw.slice(0, 200) };
    }
  }
  const { code, message } = (value ?? {}) as { code?: unknown; message?: unknown };
  return { code: typeof code === "string" ? code : undefined, message: typeof message === "string" ? message : undefined };
}

/** A non-2xx answer: 5xx → unavailable; any other is WeChat Pay's business answer → rejected, with its code. */
export function answeredError(status: number, data: unknown, options?: { cause?: unknown }): ChannelError {
  const { code, message } = errorBody(data);
  const text = `WeChat Pay answered ${status}${code ? ` ${code}` : ""}${message ? `: ${message}` : ""}`;
  return status >= 500 ? new ChannelUnavailableError(text, code, options) : new ChannelRejectedError(text, code, options);
}
