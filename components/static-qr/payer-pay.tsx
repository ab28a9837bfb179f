"use client";

import { Delete } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { formatMoney } from "@/server/domain/money";
import type { StaticQrPayerApp } from "@/server/domain/static-qr";
import type { StaticQrPayment } from "@/server/services/static-qr/start-payment";

type Bridges = {
  WeixinJSBridge?: { invoke(name: string, params: Record<string, string>, callback: (result: unknown) => void): void };
  AlipayJSBridge?: { call(name: string, params: Record<string, string>, callback: (result: unknown) => void): void };
};

/** Hands the payment to the app's own JS bridge (WeChat getBrandWCPayRequest, Alipay tradePay); the result page tells the outcome. */
function invokeBridge(app: StaticQrPayerApp, params: Record<string, string>, done: () => void): void {
  const w = window as unknown as Bridges;
  const run = () =>
    app === "wechat"
      ? w.WeixinJSBridge?.invoke("getBrandWCPayRequest", params, done)
      : w.AlipayJSBridge?.call("tradePay", { tradeNO: params.tradeNO as string }, done);
  if ((app === "wechat" && w.WeixinJSBridge) || (app === "alipay" && w.AlipayJSBridge)) run();
  else document.addEventListener(app === "wechat" ? "WeixinJSBridgeReady" : "AlipayJSBridgeReady", run, { once: true });
}

const KEYS = ["1", "2", "3", "4", "5", "6", "7", "8", "9", ".", "0"] as const;

/** What the digit `key` makes of the typed amount: at most 7 integer digits and 2 decimals, no leading zeros. */
function typed(current: string, key: string): string {
  if (key === ".") return current.includes(".") ? current : `${current || "0"}.`;
  const next = current === "0" ? key : current + key;
  return /^\d{1,7}(\.\d{0,2})?$/.test(next) ? next : current;
}

const REASONS = ["NOT_FOUND", "DISABLED", "CHANNEL_UNAVAILABLE", "FORGED_STATE", "IDENTITY_FAILED", "PAYER_UNKNOWN", "AMOUNT_INVALID", "DAILY_CAP", "PAYMENT_FAILED", "FORBIDDEN"] as const;

type Refusal = { error: string; detail?: { cap?: string; today?: string } };

/** The amount (keypad, or the code's fixed amount) and the Pay button of the /q page. */
export function PayerPay({ code, app, fixedAmount }: { code: string; app: StaticQrPayerApp; fixedAmount: string | null }) {
  const t = useTranslations("staticQr");
  const locale = useLocale();
  const [amount, setAmount] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const payable = fixedAmount !== null || (/^\d+(\.\d{1,2})?$/.test(amount) && Number(amount) > 0);

  async function pay() {
    setBusy(true);
    setError(null);
    try {
      const response = await fetch(`/q/${code}/pay`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(fixedAmount === null ? { amountYuan: amount } : {}),
      });
      const body = (await response.json().catch(() => ({ error: "PAYMENT_FAILED" }))) as StaticQrPayment | Refusal;
      if ("error" in body) {
        const money = (fen?: string) => (fen ? formatMoney(BigInt(fen), "CNY", locale) : "");
        const key = (REASONS as readonly string[]).includes(body.error) ? (body.error as (typeof REASONS)[number]) : "PAYMENT_FAILED";
        setError(t(`refusals.${key}`, { cap: money(body.detail?.cap), today: money(body.detail?.today) }));
        setBusy(false);
        return;
      }
      if (body.pay.kind === "sandbox") window.location.assign(body.pay.url);
      else invokeBridge(body.pay.app, body.pay.params, () => window.location.assign(body.resultUrl));
    } catch {
      setError(t("refusals.PAYMENT_FAILED"));
      setBusy(false);
    }
  }

  return (
    <div className="flex flex-col gap-4 px-5">
      {fixedAmount !== null ? (
        <div className="text-center">
          <p className="text-sm text-muted-foreground">{t("fixedAmount")}</p>
          <p className="text-4xl font-semibold tracking-tight tabular-nums" data-testid="qr-amount">
            {fixedAmount}
          </p>
        </div>
      ) : (
        <>
          <div className="rounded-xl border px-4 py-3">
            <p className="text-xs text-muted-foreground" id="qr-amount-label">
              {t("amountLabel")}
            </p>
            <output aria-labelledby="qr-amount-label" className="block min-h-10 text-right text-4xl font-semibold tabular-nums" data-testid="qr-amount">
              {amount ? `¥${amount}` : "¥"}
            </output>
          </div>
          <div className="grid grid-cols-3 gap-2" role="group" aria-label={t("amountLabel")}>
            {KEYS.map((key) => (
              <Button key={key} type="button" variant="outline" className="h-12 text-xl" onClick={() => setAmount((a) => typed(a, key))} disabled={busy}>
                {key}
              </Button>
            ))}
            <Button type="button" variant="outline" className="h-12" aria-label={t("keypadDelete")} onClick={() => setAmount((a) => a.slice(0, -1))} disabled={busy}>
              <Delete aria-hidden="true" />
            </Button>
          </div>
        </>
      )}
      {error && (
        <Alert variant="destructive">
          <AlertDescription data-testid="qr-error">{error}</AlertDescription>
        </Alert>
      )}
      <Button size="lg" className="h-12 w-full text-base" onClick={pay} disabled={!payable || busy} data-testid="qr-pay">
        {busy ? t("paying") : t(`payWith.${app}`)}
      </Button>
    </div>
  );
}
