import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { StatementDetail } from "@/components/settlement/statement-detail";
import { PageHeader } from "@/components/shell/page-header";
import { orInterrupt } from "@/server/auth/guards";
import { statementPageContext } from "@/server/services/settlement/statement-page-context";
import { serverCaller } from "@/server/trpc/server";

// /console/[mchNo]/settlement/[statementNo] – one statement: figures, lines and their entries, payout, history, finance's next step
export default async function StatementPage({ params }: { params: Promise<{ mchNo: string; statementNo: string }> }) {
  const { mchNo, statementNo } = await params;
  const path = `/console/${mchNo}/settlement/${statementNo}`;
  const caller = await serverCaller();
  const detail = await orInterrupt(caller.settlement.get({ mchNo, statementNo }), path);
  const [context, t] = await Promise.all([statementPageContext(mchNo), getTranslations("settlement")]);
  const s = detail.statement;
  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-6">
      <PageHeader
        title={t("detailTitle", { period: s.periodFrom === s.periodTo ? s.periodFrom : t("periodValue", { start: s.periodFrom, end: s.periodTo }) })}
        actions={
          <Link href={`/console/${mchNo}/settlement`} className="text-sm text-primary hover:underline">
            ← {t("back")}
          </Link>
        }
      />
      <StatementDetail mchNo={mchNo} initial={detail} appNames={context.appNames} payoutAccount={context.payoutAccount} />
    </div>
  );
}
