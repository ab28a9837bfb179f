"use client";

import { useFormatter, useLocale, useTranslations } from "next-intl";
import { channelName } from "@/components/channels/channel-name";
import { formatMoney } from "@/server/domain/money";

export type ReceiptPayment = {
  orderNo: string;
  storeId: string | null;
  amount: bigint;
  currency: string;
  note: string;
  placedAt: Date;
  paidAt: Date | null;
  channel: string | null;
  channelTradeNo: string | null;
};

/**
 * The receipt of a paid POS payment: shown on screen, and the only thing printed (`window.print()`): the print
 * rules below hide the rest of the page and size it for an 80 mm receipt printer.
 */
export function PosReceipt({ payment, merchantName, cashierName }: { payment: ReceiptPayment; merchantName: string; cashierName: string }) {
  const t = useTranslations("pos.receipt");
  const tc = useTranslations("channel");
  const locale = useLocale();
  const format = useFormatter();
  // long numbers go under their label: an 80 mm receipt has about 32 characters a line
  const numbers: [string, string][] = [[t("orderNo"), payment.orderNo], ...(payment.channelTradeNo ? ([[t("tradeNo"), payment.channelTradeNo]] as [string, string][]) : [])];
  const rows: [string, string][] = [
    [t("merchant"), merchantName],
    [t("store"), payment.storeId ?? ""],
    [t("time"), format.dateTime(payment.paidAt ?? payment.placedAt, { dateStyle: "short", timeStyle: "medium" })],
    [t("channel"), payment.channel ? channelName(tc, payment.channel) : ""],
    [t("note"), payment.note],
    [t("cashier"), cashierName],
  ];
  return (
    <div data-pos-receipt className="mx-auto w-full max-w-xs rounded-md border bg-white p-4 font-mono text-sm text-black" data-testid="pos-receipt">
      <style>{`@media print {
  @page { size: 80mm auto; margin: 4mm; }
  body * { visibility: hidden !important; }
  [data-pos-receipt], [data-pos-receipt] * { visibility: visible !important; }
  [data-pos-receipt] { position: fixed; left: 0; top: 0; width: 72mm; max-width: none; border: 0; padding: 0; }
}`}</style>
      <p className="text-center text-base font-semibold">{t("title")}</p>
      <p className="mt-2 text-center text-2xl font-bold tabular-nums">{formatMoney(payment.amount, payment.currency, locale)}</p>
      <dl className="mt-3 flex flex-col gap-1 border-y border-dashed border-black/40 py-2">
        {rows.map(([label, value]) => (
          <div key={label} className="flex justify-between gap-3">
            <dt className="shrink-0">{label}</dt>
            <dd className="min-w-0 break-all text-right">{value}</dd>
          </div>
        ))}
        {numbers.map(([label, value]) => (
          <div key={label} className="flex flex-col">
            <dt>{label}</dt>
            <dd className="break-all">{value}</dd>
          </div>
        ))}
      </dl>
      <p className="mt-2 text-center">{t("thanks")}</p>
    </div>
  );
}
