import en from "@/server/i18n/messages/en.json";
import zh from "@/server/i18n/messages/zh-CN.json";
import { LOCALE_COOKIE, resolveLocale } from "@/server/i18n/locales";
import { formatMoney } from "@/server/domain/money";
import type { SandboxTrade } from "@/server/generated/prisma/client.ts";
import type { AcpFields } from "./wire";

/**
 * The simulated UnionPay pages the consumer's browser sees: the bank-card page (card number, confirm
 * or cancel) and the auto-submitting form that carries the signed result back to the merchant's
 * frontUrl. Plain HTML from the sandbox's own HTTP API, as UnionPay's gateway serves its pages; text
 * from the message catalogue (namespace unionpayPayer), in the visitor's language.
 */

type Messages = typeof en.unionpayPayer;

export function pageMessages(request: Request): { locale: string; t: Messages } {
  const cookie = /(?:^|;\s*)NEXT_LOCALE=([^;]+)/.exec(request.headers.get("cookie") ?? "")?.[1];
  void LOCALE_COOKIE;
  const locale = resolveLocale(cookie, request.headers.get("accept-language"));
  return { locale, t: locale === "en" ? en.unionpayPayer : zh.unionpayPayer };
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const STYLE = `
*{box-sizing:border-box}body{margin:0;font:15px/1.5 system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;background:#f4f5f7;color:#1f2328}
header{background:#d7000f;color:#fff;padding:14px 20px;display:flex;align-items:center;gap:10px}
header b{font-size:17px}header span{margin-left:auto;font-size:12px;border:1px solid #fff8;border-radius:10px;padding:1px 8px}
main{max-width:460px;margin:24px auto;padding:0 16px}
.card{background:#fff;border-radius:12px;box-shadow:0 1px 3px #0001;padding:20px}
.notice{font-size:13px;color:#6b6f76;margin:0 0 14px}
dl{margin:0 0 18px;border:1px solid #e6e8eb;border-radius:10px}dl div{display:flex;justify-content:space-between;gap:12px;padding:9px 12px}dl div+div{border-top:1px solid #e6e8eb}
dt{color:#6b6f76}dd{margin:0;text-align:right;word-break:break-all}.amount{font-size:28px;font-weight:600;text-align:center;margin:4px 0 16px}
label{display:block;font-weight:500;margin-bottom:6px}input{width:100%;font-size:18px;letter-spacing:1px;padding:11px 12px;border:1px solid #c9cdd2;border-radius:8px}
input:focus{outline:2px solid #d7000f33;border-color:#d7000f}.hint{font-size:12px;color:#6b6f76;margin:4px 0 14px}
.error{color:#b42318;font-size:14px;margin:0 0 12px}
button{width:100%;height:46px;border:0;border-radius:8px;font-size:16px;cursor:pointer}.primary{background:#d7000f;color:#fff}.secondary{background:transparent;color:#4b4f56;margin-top:8px}
`;

function layout(locale: string, t: Messages, body: string): Response {
  const html = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${escape(t.title)}</title><style>${STYLE}</style></head><body><header><svg width="22" height="22" viewBox="0 0 24 24" fill="none" stroke="#fff" stroke-width="2" aria-hidden="true"><path d="M3.5 6.5h17v11h-17zM3.5 10h17M6.5 14.5h4"/></svg><b>${escape(t.title)}</b><span>${escape(t.sandbox)}</span></header><main>${body}</main></body></html>`;
  return new Response(html, { status: 200, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } });
}

export function messagePage(request: Request, text: (t: Messages) => string): Response {
  const { locale, t } = pageMessages(request);
  return layout(locale, t, `<div class="card" data-testid="unionpay-message"><p>${escape(text(t))}</p></div>`);
}

/** The bank-card page of a pending trade. */
export function cardPage(request: Request, trade: SandboxTrade, merchantName: string, error?: string): Response {
  const { locale, t } = pageMessages(request);
  const body = `<div class="card">
<p class="notice">${escape(t.notice)}</p>
<p class="amount" data-testid="unionpay-amount">${escape(formatMoney(trade.amount, trade.currency.trim(), locale))}</p>
<dl><div><dt>${escape(t.merchant)}</dt><dd>${escape(merchantName)}</dd></div><div><dt>${escape(t.orderId)}</dt><dd>${escape(trade.outTradeNo)}</dd></div></dl>
<form method="post" action="/api/sandbox/unionpay/card/${escape(trade.channelTradeNo)}">
${error ? `<p class="error" role="alert">${escape(error)}</p>` : ""}
<label for="cardNo">${escape(t.cardNo)}</label>
<input id="cardNo" name="cardNo" inputmode="numeric" autocomplete="cc-number" required pattern="[0-9 ]{16,23}" placeholder="6216 2610 0000 0000 018">
<p class="hint">${escape(t.cardHint)}</p>
<button class="primary" type="submit" name="action" value="pay">${escape(t.pay)}</button>
<button class="secondary" type="submit" name="action" value="cancel" formnovalidate>${escape(t.cancel)}</button>
</form></div>`;
  return layout(locale, t, body);
}

/** The signed result, posted by the browser itself to the merchant's frontUrl (UnionPay's 前台通知). */
export function autoPostPage(request: Request, action: string, fields: AcpFields, heading: (t: Messages) => string): Response {
  const { locale, t } = pageMessages(request);
  const inputs = Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${escape(name)}" value="${escape(value)}">`)
    .join("");
  const body = `<div class="card"><p data-testid="unionpay-result">${escape(heading(t))}</p><p class="notice">${escape(t.back)}</p>
<form id="front" method="post" action="${escape(action)}">${inputs}<button class="primary" type="submit">${escape(t.continue)}</button></form></div>
<script>document.getElementById("front").submit()</script>`;
  return layout(locale, t, body);
}

/** A card number as the payer may type it: 16–19 digits (spaces allowed) passing the Luhn check. */
export function readCardNumber(text: string): string | null {
  const digits = text.replace(/\s+/g, "");
  if (!/^\d{16,19}$/.test(digits)) return null;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0 ? digits : null;
}

/** accNo as UnionPay shows it to merchants: first 6 and last 4 digits. */
export function maskedCard(digits: string): string {
  return `${digits.slice(0, 6)}${"*".repeat(digits.length - 10)}${digits.slice(-4)}`;
}
