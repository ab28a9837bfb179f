import type { Metadata } from "next";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { PayerPay } from "@/components/static-qr/payer-pay";
import { QrMessage } from "@/components/static-qr/qr-message";
import { QrSvg } from "@/components/static-qr/qr-svg";
import { Button } from "@/components/ui/button";
import { formatMoney } from "@/server/domain/money";
import { classifyUserAgent } from "@/server/domain/user-agent";
import { staticQrUrl } from "@/server/services/static-qr/code-view";
import { openPayerSession, payerCookieName } from "@/server/services/static-qr/payer-session";
import { loadPublicStaticQrCode } from "@/server/services/static-qr/public-code";
import { STATIC_QR_REFUSALS, type StaticQrRefusalReason } from "@/server/services/static-qr/refusal";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("staticQr"))("title") };
}

type Props = { params: Promise<{ code: string }>; searchParams: Promise<{ e?: string | string[] }> };

const isReason = (value: unknown): value is StaticQrRefusalReason => typeof value === "string" && Object.hasOwn(STATIC_QR_REFUSALS, value);

// /q/[code] – what the printed aggregated QR code opens: WeChat → WeChat Pay, Alipay → Alipay, anything else → how to pay
export default async function StaticQrPage({ params, searchParams }: Props) {
  const { code } = await params;
  const { e: reason } = await searchParams;
  const t = await getTranslations("staticQr");
  const found = await loadPublicStaticQrCode(code);
  if (!found) return <QrMessage title={t("notFoundTitle")} body={t("refusals.NOT_FOUND")} />;
  if (!found.usable) return <QrMessage title={t("disabledTitle")} body={t("refusals.DISABLED")} />;

  const locale = await getLocale();
  const app = classifyUserAgent((await headers()).get("user-agent")).app;
  const amount = found.amount === null ? null : formatMoney(found.amount, found.currency, locale);
  const payee = (
    <div className="flex flex-col items-center gap-1 px-6 pt-9 text-center">
      <h1 className="text-base text-muted-foreground" data-testid="qr-payee">
        {t("payTo", { merchant: found.merchantName })}
      </h1>
      <p className="text-sm text-muted-foreground">
        {found.name}
        {found.storeId ? ` · ${t("store", { store: found.storeId })}` : ""}
      </p>
    </div>
  );

  if (!app) {
    return (
      <section className="flex flex-col items-center gap-4 pb-8">
        {payee}
        {amount && <p className="text-3xl font-semibold tabular-nums">{amount}</p>}
        <h2 className="px-6 text-lg font-semibold" data-testid="qr-open-in-app">
          {t("openInApp")}
        </h2>
        <p className="max-w-sm px-6 text-center text-sm text-muted-foreground">{t("openInAppHint")}</p>
        <QrSvg url={staticQrUrl(found.code)} label={t("openInApp")} className="size-48 [&>svg]:size-full" />
      </section>
    );
  }

  if (isReason(reason)) {
    return (
      <QrMessage
        title={t("title")}
        body={t(`refusals.${reason}`, { cap: "", today: "" })}
        action={
          <Button asChild className="w-full">
            <a href={`/q/${found.code}`}>{t("retry")}</a>
          </Button>
        }
      />
    );
  }
  const payer = openPayerSession((await cookies()).get(payerCookieName(found.appId))?.value, found.appId, app);
  // who the payer is comes from the channel's OAuth, never from this page's address
  if (!payer) redirect(`/q/${found.code}/authorize`);

  return (
    <section className="flex flex-col gap-4 pb-6">
      {payee}
      <PayerPay code={found.code} app={app} fixedAmount={amount} />
    </section>
  );
}
