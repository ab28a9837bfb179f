import type { InboundNotification } from "@/server/channels/types";
import { isStorableText } from "@/server/domain/storable-text";

/**
 * How much of a channel callback is stored before it is verified. Real callbacks are small (WeChat
 * Pay ≈ 1 KiB of JSON, Alipay ≈ 3 KiB of form fields), so the caps never cut one; they bound what a
 * sender who knows an account id but not its keys can write. Past REFUSALS_PER_WINDOW refused
 * callbacks of one account within a window (per process), later ones are stored bare — result and
 * time only — until the window passes; one that then verifies gets its body and headers after all.
 */
const MAX_STORED_BODY = 16 * 1024;
const MAX_HEADERS = 50;
const MAX_HEADER_VALUE = 1024;
const WINDOW_MS = 60_000;
const REFUSALS_PER_WINDOW = 100;

const windows = new Map<string, { start: number; refused: number }>();

function windowOf(accountId: string, now: number) {
  let window = windows.get(accountId);
  if (!window || now - window.start >= WINDOW_MS) windows.set(accountId, (window = { start: now, refused: 0 }));
  return window;
}

/** A refused callback of a known account counts against its budget. */
export function noteRefusal(accountId: string, now = Date.now()): void {
  windowOf(accountId, now).refused++;
}

/** The callback's headers and body as they may be kept: capped, and only text PostgreSQL can store. */
export function keptCallback(inbound: InboundNotification): { headers: Record<string, string>; body: string; note?: string } {
  const headers = Object.fromEntries(
    Object.entries(inbound.headers)
      .slice(0, MAX_HEADERS)
      .map(([name, value]) => [name.slice(0, 100), value.slice(0, MAX_HEADER_VALUE)]),
  );
  if (!isStorableText(inbound.body)) return { headers, body: "", note: "body not stored: not text" };
  if (inbound.body.length > MAX_STORED_BODY) return { headers, body: inbound.body.slice(0, MAX_STORED_BODY), note: `body cut to ${MAX_STORED_BODY} characters` };
  return { headers, body: inbound.body };
}

export type CallbackStorage = { headers: Record<string, string>; body: string; note?: string; withheld: boolean; kept: ReturnType<typeof keptCallback> };

/** What to store before verification: the kept callback, or a bare record while the account is over its budget. */
export function callbackStorage(accountId: string, inbound: InboundNotification, now = Date.now()): CallbackStorage {
  const kept = keptCallback(inbound);
  if (windowOf(accountId, now).refused < REFUSALS_PER_WINDOW) return { ...kept, withheld: false, kept };
  return { headers: {}, body: "", note: `body not stored: over ${REFUSALS_PER_WINDOW} refused callbacks a minute for this account`, withheld: true, kept };
}
