import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PayCodeScreen } from "@/components/sandbox/pay-code-screen";
import { PayerFrame } from "@/components/sandbox/payer-frame";
import { isSandboxBuyer } from "@/server/sandbox";
import { newSandboxPayCode } from "@/server/services/sandbox/pay-codes";
import { answerPayCode, payCodePayments, refreshPayCode } from "../../actions";

export const metadata: Metadata = { robots: { index: false, follow: false } };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ channel: string; buyer: string }> };

// /sandbox/paycode/{channel}/{buyer} – a sandbox buyer's phone showing its payment code (付款码) for a merchant to scan
export default async function SandboxPayCodePage({ params }: Props) {
  const { channel, buyer } = await params;
  const initial = await newSandboxPayCode(channel, buyer);
  if (!initial || !isSandboxBuyer(buyer)) notFound();
  const t = await getTranslations("sandboxPayCode");
  return (
    <PayerFrame channel={channel}>
      <div className="flex items-center justify-between gap-3 border-b px-6 py-3 text-sm">
        <span>
          <span className="text-muted-foreground">{t("buyerLabel")}</span> <span className="font-medium" data-testid="paycode-buyer">{t(`buyers.${buyer}.name`)}</span>
        </span>
        <Link href="/sandbox/paycode" className="text-muted-foreground underline-offset-4 hover:underline">
          {t("switch")}
        </Link>
      </div>
      <p className="px-6 pt-4 text-xs text-muted-foreground">{t(`buyers.${buyer}.hint`)}</p>
      <PayCodeScreen channel={channel} buyer={buyer} initial={initial} refresh={refreshPayCode} payments={payCodePayments} answer={answerPayCode} />
    </PayerFrame>
  );
}
