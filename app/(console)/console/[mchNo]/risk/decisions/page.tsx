import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { RiskDecisionsTable } from "@/components/risk/decisions-table";
import { RiskTabs } from "@/components/risk/risk-tabs";
import { PageHeader } from "@/components/shell/page-header";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { orInterrupt } from "@/server/auth/guards";
import { RISK_ACTIONS, type RiskAction } from "@/server/domain/risk-rule-schema";
import { serverCaller } from "@/server/trpc/server";

// /console/[mchNo]/risk/decisions – the decisions log: every check that hit a rule, newest first, by action
export default async function RiskDecisionsPage({ params, searchParams }: { params: Promise<{ mchNo: string }>; searchParams: Promise<{ action?: string; cursor?: string }> }) {
  const { mchNo } = await params;
  const query = await searchParams;
  const action = RISK_ACTIONS.includes(query.action as RiskAction) ? (query.action as RiskAction) : undefined;
  const path = `/console/${mchNo}/risk/decisions`;
  const caller = await serverCaller();
  const page = await orInterrupt(caller.risk.decisions({ mchNo, action, cursor: query.cursor?.slice(0, 64), limit: 50 }), path);
  const t = await getTranslations("risk");
  const href = (a?: RiskAction, cursor?: string) => {
    const params = new URLSearchParams({ ...(a ? { action: a } : {}), ...(cursor ? { cursor } : {}) }).toString();
    return params ? `${path}?${params}` : path;
  };
  return (
    <div className="mx-auto flex max-w-6xl flex-col gap-6">
      <PageHeader title={t("title")} description={t("description")} />
      <RiskTabs mchNo={mchNo} current="decisions" />
      <Card>
        <CardHeader className="flex flex-row flex-wrap items-start justify-between gap-3">
          <div className="grid gap-1.5">
            <CardTitle>{t("decisions.title")}</CardTitle>
            <CardDescription>{t("decisions.description")}</CardDescription>
          </div>
          <nav className="flex flex-wrap gap-2" aria-label={t("decisions.filter")}>
            {[undefined, ...RISK_ACTIONS].map((a) => (
              <Link key={a ?? "all"} href={href(a)} aria-current={a === action ? "page" : undefined} className={buttonVariants({ variant: a === action ? "default" : "outline", size: "sm" })}>
                {a ? t(`actions.${a}`) : t("decisions.all")}
              </Link>
            ))}
          </nav>
        </CardHeader>
        <CardContent className="grid gap-3">
          <RiskDecisionsTable rows={page.rows} mchNo={mchNo} />
          {page.nextCursor && (
            <Link href={href(action, page.nextCursor)} className={buttonVariants({ variant: "outline", size: "sm", className: "w-fit" })}>
              {t("decisions.more")}
            </Link>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
