import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { MerchantDecisions } from "@/components/admin/merchant-decisions";
import { ProfileDetails } from "@/components/admin/profile-details";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { StatusBadge } from "@/components/shell/status-badge";
import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { orInterrupt } from "@/server/auth/guards";
import { serverCaller } from "@/server/trpc/server";

// /admin/reviews/[mchNo] – one merchant's profile and licence, with the operator's decisions
export default async function MerchantReviewPage({ params }: { params: Promise<{ mchNo: string }> }) {
  const { mchNo } = await params;
  const caller = await serverCaller();
  const review = await orInterrupt(caller.admin.merchantReview({ mchNo }), `/admin/reviews/${mchNo}`);
  const t = await getTranslations();
  const format = await getFormatter();
  const licenceUrl = `/api/merchants/${encodeURIComponent(review.mchNo)}/licence`;
  return (
    <div className="mx-auto flex max-w-5xl flex-col gap-6">
      <Link href="/admin/reviews" className="text-sm text-muted-foreground hover:underline">
        ← {t("reviews.back")}
      </Link>
      <Card>
        <CardHeader>
          <CardTitle as="h1" className="flex items-center gap-2 text-2xl">
            {review.name}
            <StatusBadge kind="merchantStatus" status={review.status} testId="review-status" />
          </CardTitle>
          <CardDescription>
            {review.mchNo} · {t("reviews.owners")} {review.owners.join(", ")} · {t("admin.createdAt")} {format.dateTime(review.createdAt, { dateStyle: "medium" })}
          </CardDescription>
          <CardAction>
            <MerchantDecisions mchNo={review.mchNo} status={review.status} />
          </CardAction>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          {review.statusReason && (
            <Alert variant="destructive">
              <AlertDescription>
                {t("merchantBanner.reason")} {review.statusReason}
              </AlertDescription>
            </Alert>
          )}
          <ProfileDetails fields={review.fields} bankAccountMasked={review.bankAccountMasked} />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>{t("licence.title")}</CardTitle>
          {review.licence && (
            <CardDescription>
              {review.licence.fileName} · {format.number(review.licence.size / 1024, { maximumFractionDigits: 1 })} KB
            </CardDescription>
          )}
        </CardHeader>
        <CardContent>
          {!review.licence ? (
            <p className="text-sm text-muted-foreground">{t("licence.none")}</p>
          ) : review.licence.mime === "application/pdf" ? (
            <a href={licenceUrl} target="_blank" rel="noreferrer" className="text-primary hover:underline">
              {t("licence.openPdf")}
            </a>
          ) : (
            // eslint-disable-next-line @next/next/no-img-element -- served by our authenticated route, not optimisable
            <img src={licenceUrl} alt={t("licence.title")} className="max-h-[600px] rounded-md border" data-testid="licence-image" />
          )}
        </CardContent>
      </Card>
    </div>
  );
}
