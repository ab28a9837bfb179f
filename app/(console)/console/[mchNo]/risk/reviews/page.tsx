import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { RiskReviewQueue } from "@/components/risk/review-queue";
import { RiskTabs } from "@/components/risk/risk-tabs";
import { PageHeader } from "@/components/shell/page-header";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { orInterrupt } from "@/server/auth/guards";
import { serverCaller } from "@/server/trpc/server";

// /console/[mchNo]/risk/reviews – orders held by a REVIEW rule: approve (the order opens its payment) or reject (cancelled)
export default async function RiskReviewsPage({ params, searchParams }: { params: Promise<{ mchNo: string }>; searchParams: Promise<{ status?: string }> }) {
  const { mchNo } = await params;
  const decided = (await searchParams).status === "decided";
  const path = `/console/${mchNo}/risk/reviews`;
  const caller = await serverCaller();
  const [may, rows] = await Promise.all([orInterrupt(caller.risk.may({ mchNo }), path), orInterrupt(caller.risk.reviews({ mchNo, status: decided ? "DECIDED" : "PENDING" }), path)]);
  const t = await getTranslations("risk");
  return (
    <div className="mx-auto flex max-w-6xl flex-col gap-6">
      <PageHeader title={t("title")} description={t("description")} />
      <RiskTabs mchNo={mchNo} current="reviews" />
      <Card>
        <CardHeader className="flex flex-row flex-wrap items-start justify-between gap-3">
          <div className="grid gap-1.5">
            <CardTitle>{decided ? t("reviews.decidedTitle") : t("reviews.title")}</CardTitle>
            <CardDescription>{t("reviews.description")}</CardDescription>
          </div>
          <nav className="flex gap-2" aria-label={t("reviews.title")}>
            <Link href={path} aria-current={!decided ? "page" : undefined} className={buttonVariants({ variant: decided ? "outline" : "default", size: "sm" })}>
              {t("reviews.pending")}
            </Link>
            <Link href={`${path}?status=decided`} aria-current={decided ? "page" : undefined} className={buttonVariants({ variant: decided ? "default" : "outline", size: "sm" })}>
              {t("reviews.decided")}
            </Link>
          </nav>
        </CardHeader>
        <CardContent>
          <RiskReviewQueue mchNo={mchNo} rows={rows} mayReview={may.review} decided={decided} />
        </CardContent>
      </Card>
    </div>
  );
}
