"use client";

import { useTranslations } from "next-intl";
import { AutoRefresh } from "@/components/orders/auto-refresh";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { ReviewDecision, type ReviewRow } from "./review-queue";
import { useRiskText } from "./risk-text";

/**
 * The order detail page's banner for an order held by a risk rule: what hit and, for reviewers, approve / reject.
 * Refreshes by itself while pending (someone else may decide it in the queue).
 */
export function OrderReviewBanner({ mchNo, review, mayReview }: { mchNo: string; review: ReviewRow; mayReview: boolean }) {
  const t = useTranslations("risk");
  const text = useRiskText();
  if (review.status !== "PENDING") {
    return (
      <p className="text-sm text-muted-foreground" data-testid="risk-review-banner" data-status={review.status}>
        {t(review.status === "APPROVED" ? "banner.approved" : "banner.rejected")}
        {review.note && ` · ${t("reviews.noteShown", { note: review.note })}`}
      </p>
    );
  }
  return (
    <Alert className="border-warning bg-warning/10" data-testid="risk-review-banner" data-status="PENDING">
      <AutoRefresh active everyMs={5000} />
      <AlertTitle>{t("banner.title")}</AlertTitle>
      <AlertDescription className="grid gap-2">
        <p>{t("banner.description")}</p>
        <ul className="list-disc pl-5">
          {review.hits.map((h) => (
            <li key={h.ruleId}>
              <span className="font-medium">{h.ruleName}</span>
              {t("separator")}
              {text.hit(h)}
            </li>
          ))}
        </ul>
        {mayReview ? <ReviewDecision mchNo={mchNo} orderNo={review.orderNo} /> : <p className="text-xs">{t("banner.askReviewer")}</p>}
      </AlertDescription>
    </Alert>
  );
}
