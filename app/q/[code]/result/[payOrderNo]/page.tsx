import { CircleCheck, CircleX, LoaderCircle } from "lucide-react";
import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { QrMessage } from "@/components/static-qr/qr-message";
import { ResultPoller } from "@/components/static-qr/result-poller";
import { Button } from "@/components/ui/button";
import { formatMoney } from "@/server/domain/money";
import { checkStaticQrPayment } from "@/server/services/static-qr/check-payment";
import { getStaticQrPaymentResult } from "@/server/services/static-qr/get-payment-result";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("staticQr"))("result.title") };
}

type Props = { params: Promise<{ code: string; payOrderNo: string }> };

// /q/[code]/result/[payOrderNo] – where the payer lands after the app's payment sheet: the outcome, updating by itself
export default async function StaticQrResultPage({ params }: Props) {
  const { code, payOrderNo } = await params;
  const t = await getTranslations("staticQr");
  let result = await getStaticQrPaymentResult(code, payOrderNo);
  if (result?.state === "pending") {
    // back from the payment sheet, or a poll: the channel is asked now (at most every 3 s), not at the next status sync
    await checkStaticQrPayment(payOrderNo);
    result = await getStaticQrPaymentResult(code, payOrderNo);
  }
  if (!result) return <QrMessage title={t("result.title")} body={t("result.notFound")} />;
  const locale = await getLocale();
  const icon =
    result.state === "paid" ? (
      <CircleCheck className="size-14 text-success" aria-hidden="true" />
    ) : result.state === "pending" ? (
      <LoaderCircle className="size-14 animate-spin text-muted-foreground" aria-hidden="true" />
    ) : (
      <CircleX className="size-14 text-destructive" aria-hidden="true" />
    );
  return (
    <section className="flex flex-col items-center gap-3 px-6 py-12 text-center">
      <ResultPoller pending={result.state === "pending"} />
      {icon}
      <h1 className="text-xl font-semibold" data-testid="qr-result">
        {t(`result.${result.state}`)}
      </h1>
      <p className="text-3xl font-semibold tabular-nums">{formatMoney(result.amount, result.currency, locale)}</p>
      <p className="text-sm text-muted-foreground" data-testid="qr-result-merchant">
        {result.state === "paid" ? t("result.paidTo", { merchant: result.merchantName }) : t("payTo", { merchant: result.merchantName })}
      </p>
      <p className="text-xs text-muted-foreground">{result.subject}</p>
      {result.state !== "pending" && (
        <Button variant="outline" asChild className="mt-4 w-full max-w-xs">
          <a href={`/q/${code}`}>{t("result.payAgain")}</a>
        </Button>
      )}
    </section>
  );
}
