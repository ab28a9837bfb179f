import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { ComplaintForm } from "@/components/complaints/complaint-form";
import { formatMoney } from "@/server/domain/money";
import { getComplaintContext } from "@/server/services/complaints/complaint-context";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("complaints"))("newTitle"), referrer: "no-referrer" };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// /complaints/new?payOrderNo=P… – a consumer files a complaint about a paid order (linked from the cashier receipt and the buyer portal)
export default async function NewComplaintPage({ searchParams }: { searchParams: SearchParams }) {
  const raw = (await searchParams).payOrderNo;
  const payOrderNo = typeof raw === "string" ? raw : "";
  const [t, locale] = await Promise.all([getTranslations("complaints"), getLocale()]);
  const context = await getComplaintContext(payOrderNo);
  if (!context || !context.paid) {
    return (
      <section className="flex flex-col gap-2 px-6 py-12 text-center" data-testid="complaint-unavailable">
        <h1 className="text-xl font-semibold">{context ? t("notPaidTitle") : t("notFoundTitle")}</h1>
        <p className="text-sm text-muted-foreground">{context ? t("notPaidBody") : t("notFoundBody")}</p>
      </section>
    );
  }
  const rows: [string, string][] = [
    [t("payment.merchant"), context.merchantName],
    [t("payment.subject"), context.subject],
    [t("payment.amount"), formatMoney(context.amount, context.currency, locale)],
    [t("payment.payOrderNo"), context.payOrderNo],
  ];
  return (
    <section className="flex flex-col gap-5 px-5 pt-7 pb-6">
      <header>
        <h1 className="text-xl font-semibold">{t("newTitle")}</h1>
        <p className="text-sm text-muted-foreground">{t("newSubtitle")}</p>
      </header>
      <dl className="divide-y rounded-xl border text-sm">
        {rows.map(([label, value]) => (
          <div key={label} className="flex justify-between gap-4 px-4 py-2.5">
            <dt className="shrink-0 text-muted-foreground">{label}</dt>
            <dd className="min-w-0 text-right break-all">{value}</dd>
          </div>
        ))}
      </dl>
      <ComplaintForm payOrderNo={context.payOrderNo} refundableLabel={formatMoney(context.refundable, context.currency, locale)} />
    </section>
  );
}
