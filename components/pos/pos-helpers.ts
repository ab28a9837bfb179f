import { knownMessage } from "@/server/i18n/known-message";

type Translate = Parameters<typeof knownMessage>[0];

/** A fresh key for one payment (so a repeated submit takes it once). getRandomValues works on plain-http LAN pages too. */
export function newRequestId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

type ServerError = { message?: string; data?: { appCode?: string; field?: string; fieldErrors?: Record<string, string[] | undefined> } | null };

/** The first field error of a POS call, by field, with its `pos.fieldErrors` key (unknown keys: "invalid"). */
export function posFieldErrors(error: unknown): Record<string, string> {
  const { data } = (error ?? {}) as ServerError;
  const fields: Record<string, string> = {};
  for (const [field, messages] of Object.entries(data?.fieldErrors ?? {})) if (messages?.[0]) fields[field] = messages[0];
  return fields;
}

/** A POS call's failure in the clerk's words (`pos.errors.*`), never the server's own text. */
export function posErrorMessage(t: Translate, error: unknown): string {
  const { message = "", data } = (error ?? {}) as ServerError;
  const byCode: Record<string, string> = {
    RISK_REJECTED: "riskRejected",
    ORDER_UNDER_REVIEW: "underReview",
    MERCHANT_INACTIVE: "merchantInactive",
    CHANNEL_UNAVAILABLE: message === "cancelNotYet" ? "cancelNotYet" : "channelUnavailable",
    CHANNEL_ERROR: "channelError",
    ORDER_PARAMS_MISMATCH: "conflict",
    FORBIDDEN: "forbidden",
  };
  const key = (data?.appCode && byCode[data.appCode]) || "generic";
  return knownMessage(t, `errors.${key}`, key);
}

/** The amount being typed on the keypad: digits, one point, two decimals, nine integer digits at most. */
export function pressKey(current: string, key: string): string {
  if (key === "clear") return "";
  if (key === "back") return current.slice(0, -1);
  if (key === ".") return current.includes(".") ? current : `${current || "0"}.`;
  if (!/^\d$/.test(key)) return current;
  const [whole = "", decimals] = current.split(".");
  if (decimals !== undefined) return decimals.length >= 2 ? current : current + key;
  if (whole === "0") return key;
  return whole.length >= 9 ? current : current + key;
}
