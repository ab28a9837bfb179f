import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { PayerActions } from "@/components/sandbox/payer-actions";
import { PayerFrame } from "@/components/sandbox/payer-frame";
import { formatMoney } from "@/server/domain/money";
import { getPayerTrade } from "@/server/services/sandbox/get-payer-trade";
import { answerPayment } from "@/app/sandbox/actions";

export const metadata: Metadata = { robots: { index: false, follow: false } };

type Props = { params: Promise<{ channel: string; channelTradeNo: string }>; searchParams: Promise<{ redirect_url?: string | string[] }> };

// /sandbox/{channel}/pay/[channelTradeNo] – the simulated payer app behind the sandbox's QR codes and cashier redirects
export default async function SandboxPayerPage({ params, searchParams }: Props) {
  const { channel, channelTradeNo } = await params;
  const trade = await getPayerTrade(channel, channelTradeNo);
  if (!trade) notFound();
  const { redirect_url: redirectUrl } = await searchParams;
  const t = await getTranslations("sandboxPayer");
  const locale = await getLocale();
  return (
    <PayerFrame channel={trade.channel}>
      <section className="flex flex-col items-center gap-1 px-6 pt-9 pb-6 text-center">
        <h1 className="text-base text-muted-foreground" data-testid="payer-payee">
          {t("payTo", { payee: trade.payee ?? t("unknownPayee") })}
        </h1>
        <p className="text-4xl font-semibold tracking-tight tabular-nums" data-testid="payer-amount">
          {formatMoney(trade.amount, trade.currency, locale)}
        </p>
        <dl className="mt-5 w-full divide-y rounded-xl border text-left text-sm">
          <div className="flex justify-between gap-4 px-4 py-2.5">
            <dt className="shrink-0 text-muted-foreground">{t("subject")}</dt>
            <dd className="min-w-0 text-right break-all">{trade.subject}</dd>
          </div>
          <div className="flex justify-between gap-4 px-4 py-2.5">
            <dt className="shrink-0 text-muted-foreground">{t("tradeNo")}</dt>
            <dd className="min-w-0 text-right font-mono text-xs break-all">{trade.channelTradeNo}</dd>
          </div>
        </dl>
      </section>
      <PayerActions answer={answerPayment} channel={trade.channel} channelTradeNo={trade.channelTradeNo} state={trade.state} redirectUrl={typeof redirectUrl === "string" ? redirectUrl : undefined} />
    </PayerFrame>
  );
}
