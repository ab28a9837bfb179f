import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { PrintButton } from "@/components/static-qr/print-button";
import { QrSvg } from "@/components/static-qr/qr-svg";
import { Button } from "@/components/ui/button";
import { orInterrupt } from "@/server/auth/guards";
import { formatMoney } from "@/server/domain/money";
import { loadEnv } from "@/server/env";
import { serverCaller } from "@/server/trpc/server";

type Props = { params: Promise<{ mchNo: string; id: string }>; searchParams: Promise<{ size?: string }> };

/** Only the sheet is printed, on A6 (default) or A5, whatever the console's shell around it. */
function printCss(size: "A6" | "A5"): string {
  return `@media print {
  @page { size: ${size} portrait; margin: 6mm; }
  body * { visibility: hidden !important; }
  .qr-sheet, .qr-sheet * { visibility: visible !important; }
  .qr-sheet { position: fixed; inset: 0; margin: 0; border: 0; box-shadow: none; width: 100%; height: 100%; }
}`;
}

// /console/[mchNo]/qr-codes/[id]/print – the printable sheet of one code (A6 / A5)
export default async function QrPrintPage({ params, searchParams }: Props) {
  const { mchNo, id } = await params;
  const size = (await searchParams).size === "A5" ? "A5" : "A6";
  const code = await orInterrupt((await serverCaller()).qrCodes.get({ mchNo, id }), `/console/${mchNo}/qr-codes/${id}/print`);
  const t = await getTranslations("staticQr.console");
  const locale = await getLocale();
  const cap = formatMoney(BigInt(loadEnv().STATIC_QR_DAILY_CAP_FEN), "CNY", locale);
  return (
    <div className="mx-auto flex max-w-3xl flex-col items-center gap-6">
      <style>{printCss(size)}</style>
      <div className="flex w-full flex-wrap items-center justify-between gap-3 print:hidden">
        <div>
          <h1 className="text-xl font-semibold">{t("printTitle")}</h1>
          <p className="text-sm text-muted-foreground">{t("printHint")}</p>
        </div>
        <div className="flex gap-2">
          <Button variant="outline" asChild>
            <Link href={`/console/${mchNo}/qr-codes`}>{t("back")}</Link>
          </Button>
          <Button variant={size === "A6" ? "default" : "outline"} asChild>
            <Link href="?size=A6">A6</Link>
          </Button>
          <Button variant={size === "A5" ? "default" : "outline"} asChild>
            <Link href="?size=A5">A5</Link>
          </Button>
          <PrintButton label={t("printButton")} />
        </div>
      </div>
      <section
        className={`qr-sheet flex flex-col items-center justify-between gap-4 rounded-xl border bg-white p-8 text-center text-black shadow-sm ${size === "A5" ? "aspect-[148/210] w-[148mm]" : "aspect-[105/148] w-[105mm]"}`}
        data-testid="qr-sheet"
        data-code-url={code.url}
      >
        <div>
          <p className="text-2xl font-bold" data-testid="qr-sheet-merchant">
            {code.merchantName}
          </p>
          <p className="text-base">
            {code.name}
            {code.storeId ? ` · ${code.storeId}` : ""}
          </p>
        </div>
        <QrSvg url={code.url} label={t("scanWith")} className={`aspect-square w-3/4 [&>svg]:size-full ${size === "A5" ? "print:w-[100mm]" : "print:w-[68mm]"}`} />
        <div className="flex flex-col items-center gap-1">
          {code.amount !== null && <p className="text-3xl font-bold tabular-nums">{formatMoney(code.amount, code.currency, locale)}</p>}
          <p className="text-xl font-semibold">{t("scanWith")}</p>
          <p className="text-[10px] text-neutral-500">{t("capNote", { cap })}</p>
        </div>
      </section>
    </div>
  );
}
