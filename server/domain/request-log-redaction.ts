/**
 * What the request log keeps of a request or response body (docs/adr/0030): the shape and the
 * identifiers a developer needs to debug, never a secret or a consumer's personal data. Masking is by
 * field name first (secrets, card, phone and id numbers, names, addresses, openids), then by value for
 * free text (a phone, card or id number typed into a description or metadata is masked too).
 * Identifiers of PayCenter and of the business system (keys ending in No/Id, sku) keep their value:
 * they are what a developer searches for.
 */

export const REDACTED = "[REDACTED]";

/** Keys whose value is dropped whole. */
const SECRET_KEY = /(secret|password|passwd|token|signature|sign$|paysign|privatekey|private_key|authcode|auth_code|cvv|cvc|pin$|credential)/i;
/** Keys holding a bank card or account number: last 4 digits kept. */
const CARD_KEY = /(card(no|number|_no|_number)?$|bankaccount|accountno|account_no|accountnumber|iban)/i;
/** Keys holding a phone number: 3 + 4 digits kept, as answers already show it (138****8000). */
const PHONE_KEY = /(phone|mobile|^tel$|telephone)/i;
/** Keys holding an identity document number: last 4 kept. */
const ID_NUMBER_KEY = /(idcard|id_card|idno$|id_no$|idnumber|id_number|identity|certno|cert_no|certnumber|passport)/i;
/** Keys holding a consumer's channel identity (openid, unionid, buyer logon id): first and last 4 kept. */
const OPENID_KEY = /(openid|unionid|buyerlogonid|buyer_logon_id|buyeruserid|buyer_user_id)/i;
/** Keys that are a person's name wherever they appear. */
const PERSON_NAME_KEY = /^(receiver|realname|real_name|fullname|full_name|holdername|holder_name|accountname|account_name|payername|buyername|contactname|contact_name|consignee)$/i;
/** Keys of an address line (free text: street, building, room). */
const ADDRESS_KEY = /^(address|addressline|address_line|detail|street|addr)$/i;
/** Parents whose `name` is a person's (a line's or a store's `name` is not). */
const PERSON_PARENT = /(buyer|payer|customer|consumer|user|contact|receiver|holder|address|member)/i;
/** Identifiers kept as they are, even when they look like a number of the kinds above. */
const IDENTIFIER_KEY = /(No|Id|Nos|Ids|^sku|Key)$/;

const PHONE_IN_TEXT = /(?<!\d)(?:\+?86[ -]?)?1[3-9]\d{9}(?!\d)/g;
const ID_IN_TEXT = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;
const CARD_IN_TEXT = /(?<!\d)\d{13,19}(?!\d)/g;

/** 13800138000 → 138****8000 (the Open API's own mask). */
export function maskPhone(value: string): string {
  const digits = value.replace(/\D/g, "").replace(/^86(?=1\d{10}$)/, "");
  return digits.length >= 7 ? `${digits.slice(0, 3)}****${digits.slice(-4)}` : REDACTED;
}

/** Everything but the last 4 characters masked (card, account and id numbers). */
export function maskTail(value: string): string {
  const compact = value.replace(/[\s-]/g, "");
  return compact.length > 4 ? `${"*".repeat(Math.min(compact.length - 4, 12))}${compact.slice(-4)}` : "****";
}

/** 张三 → 张*, Zhang San → Z********. */
export function maskName(value: string): string {
  const chars = [...value.trim()];
  return chars.length === 0 ? "" : `${chars[0]}${"*".repeat(Math.max(1, Math.min(chars.length - 1, 8)))}`;
}

/** o8GeHuLAsgefS_4Kr4lgYXQrUtdk → o8Ge…Utdk */
export function maskOpaque(value: string): string {
  return value.length > 10 ? `${value.slice(0, 4)}…${value.slice(-4)}` : "****";
}

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

/** Phone, identity and card numbers inside free text masked; the rest of the text kept. */
export function maskNumbersInText(text: string): string {
  return text
    .replace(ID_IN_TEXT, (m) => maskTail(m))
    .replace(PHONE_IN_TEXT, (m) => maskPhone(m))
    .replace(CARD_IN_TEXT, (m) => (luhn(m) ? maskTail(m) : m));
}

function maskByKey(key: string, parent: string, value: string): string | null {
  if (SECRET_KEY.test(key)) return REDACTED;
  if (OPENID_KEY.test(key)) return maskOpaque(value);
  if (ID_NUMBER_KEY.test(key) || CARD_KEY.test(key)) return maskTail(value);
  if (PHONE_KEY.test(key)) return maskPhone(value);
  if (PERSON_NAME_KEY.test(key) || (key.toLowerCase() === "name" && PERSON_PARENT.test(parent))) return maskName(value);
  if (ADDRESS_KEY.test(key)) return maskName(value);
  return null;
}

const MAX_DEPTH = 12;

/** Text PostgreSQL's jsonb can store: no NUL, no lone surrogate (a refused request may carry both). */
function storable(text: string): string {
  return text.replaceAll("\u0000", "\uFFFD").toWellFormed();
}

/**
 * A JSON value with its personal data and secrets masked; strings are capped at 1,000 characters
 * and nesting at 12 levels (a log row, not a copy of the request).
 */
export function redactForLog(value: unknown, key = "", parent = "", depth = 0): unknown {
  if (value === null || typeof value === "boolean" || typeof value === "number") {
    // a secret or a number of a personal kind sent as a JSON number is masked as well
    if (typeof value === "number" && key) {
      const masked = maskByKey(key, parent, String(value));
      if (masked !== null) return masked;
    }
    return value;
  }
  if (typeof value === "string") {
    const masked = key ? maskByKey(key, parent, value) : null;
    if (masked !== null) return masked;
    const capped = storable(value.length > 1000 ? `${value.slice(0, 1000)}…` : value);
    return IDENTIFIER_KEY.test(key) ? capped : maskNumbersInText(capped);
  }
  if (depth >= MAX_DEPTH) return "…";
  if (Array.isArray(value)) return value.map((item) => redactForLog(item, key, parent, depth + 1));
  if (typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      // a whole object under a secret's key (credentials, privateKey JWK) goes as one mask
      out[storable(k)] = SECRET_KEY.test(k) && v !== null && typeof v === "object" ? REDACTED : redactForLog(v, k, key || parent, depth + 1);
    }
    return out;
  }
  return REDACTED;
}

/** A raw body as the log keeps it: its JSON redacted, or a note when it is not JSON (never the raw text). */
export function redactBody(raw: string, maxChars = 16_384): unknown {
  if (raw.trim() === "") return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return { _notJson: true, _length: raw.length };
  }
  const redacted = redactForLog(parsed);
  const text = JSON.stringify(redacted);
  return text.length > maxChars ? { _truncated: true, _length: raw.length } : redacted;
}
