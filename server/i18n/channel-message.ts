import { knownMessage } from "./known-message";

/**
 * Channels and transports answer in their own words: "declined by the payer", "fetch failed", "connect
 * ECONNREFUSED 10.0.0.1:443", "ACQ.BUYER_BALANCE_NOT_ENOUGH". Those are stored as they came (they are evidence),
 * but shown to people through here: a known channel code or a recognised failure becomes a message of the
 * `channelMessages` namespace in the reader's language; anything else is shown as it came, since the channel's own
 * text is still the best we have.
 */

/** Failures recognised in a raw message, first match wins (message key in `channelMessages.transport`). */
const PATTERNS: readonly [RegExp, string][] = [
  [/declined by the payer|user ?cancel|USERPAYING_CANCEL|payer (declined|cancelled)/i, "payerDeclined"],
  [/declined by the bank/i, "bankDeclined"],
  [/ECONNREFUSED/, "refused"],
  [/ENOTFOUND|EAI_AGAIN|getaddrinfo/, "dns"],
  [/no answer within|timed? ?out|TimeoutError|ETIMEDOUT|UND_ERR_(CONNECT|HEADERS|BODY)_TIMEOUT|aborted due to timeout/i, "timeout"],
  [/certificate|CERT_|UNABLE_TO_VERIFY|self[- ]signed|SSL|TLS/i, "tls"],
  [/ECONNRESET|EPIPE|socket hang up|other side closed|fetch failed|network ?error/i, "network"],
  [/answer is unusable|outcome unknown/i, "unusable"],
];

/** Channel codes with a message of their own (`channelMessages.codes.<code with dots as _>`). */
export function channelCodeKey(code: string): string {
  return `codes.${code.replace(/[^A-Za-z0-9_]/g, "_")}`;
}

/** The message key for a raw text, or null when nothing is recognised. */
export function transportMessageKey(raw: string): string | null {
  for (const [pattern, key] of PATTERNS) if (pattern.test(raw)) return `transport.${key}`;
  const status = /\b(?:HTTP|status|answered)\s*(\d{3})\b/i.exec(raw);
  if (status) return Number(status[1]) >= 500 ? "transport.serverError" : "transport.rejected";
  return null;
}

type AnyTranslator = Parameters<typeof knownMessage>[0];

/**
 * Human words for a channel's or a transport's answer. `t` is a translator of the `channelMessages` namespace;
 * `code` is the channel's code when there is one (checked first), `raw` its text.
 */
export function channelMessage(t: AnyTranslator, raw: string | null | undefined, code?: string | null): string {
  const text = raw ?? "";
  if (code) {
    const byCode = knownMessage(t, channelCodeKey(code), "");
    if (byCode) return byCode;
  }
  const key = transportMessageKey(text);
  if (key) return knownMessage(t, key, text);
  return text || (code ?? "");
}
