"use client";

import { useMutation } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { AutoRefresh } from "@/components/orders/auto-refresh";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { cn } from "@/components/ui/cn";
import { Input } from "@/components/ui/input";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { RiskStatusBadge } from "./risk-badges";
import { useRiskText } from "./risk-text";
import type { RiskReviewRow } from "@/server/services/risk-console/reviews";

export type ReviewRow = RiskReviewRow;

/** Approve / reject one held order with an optional note (risk.review holders). */
export function ReviewDecision({ mchNo, orderNo, className }: { mchNo: string; orderNo: string; className?: string }) {
  const t = useTranslations("risk");
  const trpc = useTRPC();
  const router = useRouter();
  const [note, setNote] = useState("");
  const [error, setError] = useState<"decided" | "failed" | null>(null);
  const decide = useMutation(trpc.risk.decideReview.mutationOptions());
  const run = async (decision: "APPROVE" | "REJECT") => {
    setError(null);
    try {
      await decide.mutateAsync({ mchNo, orderNo, decision, note: note.trim() || undefined });
      router.refresh();
    } catch (e) {
      setError(e instanceof TRPCClientError && (e.data as { code?: string } | undefined)?.code === "CONFLICT" ? "decided" : "failed");
      router.refresh();
    }
  };
  return (
    <div className={cn("grid w-44 grid-cols-2 gap-2", className)} data-testid="risk-review-decision">
      <div className="col-span-2">
        <Input className="h-8 w-full" placeholder={t("reviews.notePlaceholder")} aria-label={t("reviews.note")} value={note} maxLength={200} onChange={(e) => setNote(e.target.value)} />
      </div>
      <Button size="sm" disabled={decide.isPending} onClick={() => run("APPROVE")} data-testid="risk-review-approve">
        {t("reviews.approve")}
      </Button>
      <ConfirmButton
        label={t("reviews.reject")}
        title={t("reviews.rejectConfirmTitle", { orderNo })}
        description={t("reviews.rejectConfirmHint")}
        confirm={t("reviews.reject")}
        cancel={t("reviews.cancel")}
        variant="destructive"
        confirmVariant="destructive"
        disabled={decide.isPending}
        testId="risk-review-reject"
        onConfirm={() => run("REJECT")}
      />
      {error && <p className="col-span-2 text-right text-sm text-destructive">{t(error === "decided" ? "reviews.alreadyDecided" : "reviews.failed")}</p>}
    </div>
  );
}

/**
 * The review queue: orders held by a REVIEW rule, what hit, and (for reviewers) approve / reject. Re-renders every
 * few seconds, so new held orders show up and ones decided elsewhere leave. `mchNo` absent: the operators' read-only
 * view of every merchant's queue.
 */
export function RiskReviewQueue({ mchNo, rows, mayReview, decided }: { mchNo?: string; rows: ReviewRow[]; mayReview: boolean; decided: boolean }) {
  const t = useTranslations("risk");
  const format = useFormatter();
  const text = useRiskText();
  return (
    <>
      <AutoRefresh active={!decided} everyMs={5000} />
      {rows.length === 0 ? (
        <p className="text-sm text-muted-foreground" data-testid="risk-review-empty">
          {decided ? t("reviews.emptyDecided") : t("reviews.empty")}
        </p>
      ) : (
        <Table>
          <TableHeader>
            <TableRow>
              {!mchNo && <TableHead>{t("columns.merchant")}</TableHead>}
              <TableHead>{t("columns.order")}</TableHead>
              <TableHead className="text-right">{t("columns.amount")}</TableHead>
              <TableHead>{t("columns.buyer")}</TableHead>
              <TableHead>{t("columns.reason")}</TableHead>
              <TableHead>{decided ? t("columns.decidedAt") : t("columns.heldAt")}</TableHead>
              {decided && <TableHead>{t("columns.status")}</TableHead>}
              {mchNo && mayReview && !decided && <TableHead className="text-right">{t("columns.operations")}</TableHead>}
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((r) => (
              <TableRow key={r.orderNo} data-testid="risk-review-row" data-order-no={r.orderNo}>
                {!mchNo && <TableCell className="font-mono text-xs">{r.mchNo}</TableCell>}
                <TableCell>
                  {mchNo ? (
                    <Link href={`/console/${mchNo}/orders/${r.orderNo}`} className="font-mono text-xs hover:underline">
                      {r.orderNo}
                    </Link>
                  ) : (
                    <span className="font-mono text-xs">{r.orderNo}</span>
                  )}
                  {r.sourceOrderNo && <div className="text-xs text-muted-foreground">{r.sourceOrderNo}</div>}
                </TableCell>
                <TableCell className="text-right tabular-nums">{text.money(r.amount)}</TableCell>
                <TableCell className="text-xs">
                  {r.buyerId}
                  {r.buyerPhone && <div className="text-muted-foreground">{r.buyerPhone}</div>}
                </TableCell>
                <TableCell className="max-w-72 min-w-48 whitespace-normal text-sm">
                  {r.hits.map((h) => (
                    <div key={h.ruleId}>
                      <span className="font-medium">{h.ruleName}</span>
                      {h.scope === "platform" && <span className="text-xs text-muted-foreground"> · {t("scope.platform")}</span>}
                      {t("separator")}
                      {text.hit(h)}
                    </div>
                  ))}
                  {r.note && <div className="text-xs text-muted-foreground">{t("reviews.noteShown", { note: r.note })}</div>}
                </TableCell>
                <TableCell className="whitespace-nowrap text-xs">{format.dateTime(decided && r.reviewedAt ? r.reviewedAt : r.createdAt, { dateStyle: "short", timeStyle: "short" })}</TableCell>
                {decided && (
                  <TableCell>
                    <RiskStatusBadge status={r.status} />
                  </TableCell>
                )}
                {mchNo && mayReview && !decided && (
                  <TableCell className="text-right">
                    <ReviewDecision mchNo={mchNo} orderNo={r.orderNo} className="ml-auto" />
                  </TableCell>
                )}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </>
  );
}
