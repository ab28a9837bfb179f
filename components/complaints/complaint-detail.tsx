import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { AutoRefresh } from "@/components/orders/auto-refresh";
import { PageHeader } from "@/components/shell/page-header";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { formatMoney, minorToDecimal } from "@/server/domain/money";
import { knownMessage } from "@/server/i18n/known-message";
import type { getComplaint } from "@/server/services/complaints/get-complaint";
import { AnswerForm, type ComplaintScope, RefundComplaintDialog, RejectComplaintDialog } from "./complaint-actions";
import { ComplaintStatusBadge } from "./complaint-status-badge";
import { MessageList } from "./message-list";
import { SlaCountdown } from "./sla-countdown";

type Complaint = Awaited<ReturnType<typeof getComplaint>>;

/**
 * A complaint's page for a merchant or an operator: the payment, what the consumer says and sent, the
 * conversation, and — for those who may — answer, refund (full or partial) and reject. It refreshes
 * itself while the consumer may still write or a refund is under way.
 */
export async function ComplaintDetail({ complaint: c, scope, mayManage, backHref, backLabel }: { complaint: Complaint; scope: ComplaintScope; mayManage: boolean; backHref: string; backLabel: string }) {
  const [t, tRefund, locale, format] = await Promise.all([getTranslations("complaints"), getTranslations("refundStatus"), getLocale(), getFormatter()]);
  const money = (v: bigint) => formatMoney(v, c.payOrder.currency, locale);
  const when = (d: Date) => format.dateTime(d, { dateStyle: "short", timeStyle: "short" });
  const merchantSide = scope.kind === "merchant";
  const open = c.status !== "RESOLVED";
  const mayAnswer = mayManage && (merchantSide ? c.status === "OPEN" || c.status === "ANSWERED" : c.status === "ESCALATED" || c.status === "ANSWERED");
  const mayReject = mayManage && (merchantSide ? c.status === "OPEN" || c.status === "ANSWERED" : open);
  const mayRefund = mayManage && open && c.payOrder.refundable > 0n;
  const suggested = c.requestedAmount !== null && c.requestedAmount <= c.payOrder.refundable ? c.requestedAmount : c.payOrder.refundable;
  const facts: [string, string][] = [
    [t("payment.payOrderNo"), c.payOrder.payOrderNo],
    [t("payment.subject"), c.payOrder.subject],
    [t("console.paidAmount"), money(c.payOrder.paidAmount)],
    [t("console.refundable"), money(c.payOrder.refundable)],
    [t("console.reason"), t(`reason.${c.reason}`)],
    [t("console.requested"), c.requestedAmount !== null ? money(c.requestedAmount) : t("console.none")],
    [t("console.contact"), c.contactPhone ?? t("console.none")],
    ...(c.buyerId ? [[t("console.buyer"), c.buyerId] as [string, string]] : []),
    ...(merchantSide ? [] : [[t("console.merchant"), `${c.merchant.name} (${c.merchant.mchNo})`] as [string, string]]),
    [t("console.createdAt"), when(c.createdAt)],
  ];
  return (
    <div className="mx-auto flex max-w-5xl flex-col gap-6" data-testid="complaint-detail" data-status={c.status}>
      <AutoRefresh active={open || (c.refund !== null && c.refund.status !== "SUCCEEDED")} everyMs={5000} />
      <Link href={backHref} className="text-sm text-primary hover:underline">
        {backLabel}
      </Link>
      <PageHeader
        title={t("console.detailTitle", { no: c.complaintNo })}
        actions={
          <div className="flex items-center gap-3">
            {c.status === "OPEN" && <SlaCountdown dueAt={c.slaDueAt} className="text-sm" />}
            <ComplaintStatusBadge status={c.status} resolution={c.resolution} />
          </div>
        }
      />
      {c.status === "ESCALATED" && merchantSide && <p className="rounded-lg border border-warning/40 bg-warning/10 px-4 py-2 text-sm">{t("console.escalatedNote")}</p>}
      {!mayManage && open && <p className="text-sm text-muted-foreground">{t("console.readOnly")}</p>}
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,1.4fr)]">
        <Card>
          <CardHeader>
            <CardTitle as="h2" className="text-base">{t("console.consumerSays")}</CardTitle>
          </CardHeader>
          <CardContent className="flex flex-col gap-4 text-sm">
            <p className="whitespace-pre-wrap break-words">{c.description}</p>
            <dl className="divide-y rounded-lg border">
              {facts.map(([label, value]) => (
                <div key={label} className="flex justify-between gap-4 px-3 py-2">
                  <dt className="shrink-0 text-muted-foreground">{label}</dt>
                  <dd className="min-w-0 text-right break-all">{value}</dd>
                </div>
              ))}
            </dl>
            <div>
              <p className="mb-2 font-medium">{t("console.photos")}</p>
              {c.photos.length === 0 ? (
                <p className="text-muted-foreground">{t("console.noPhotos")}</p>
              ) : (
                <div className="flex flex-wrap gap-2" data-testid="complaint-photos">
                  {c.photos.map((p, i) => (
                    <a key={p.id} href={`/api/complaints/${c.complaintNo}/photos/${p.id}`} target="_blank" rel="noreferrer" className="block size-24 overflow-hidden rounded-lg border">
                      {/* eslint-disable-next-line @next/next/no-img-element -- a private, access-checked image: no optimiser */}
                      <img src={`/api/complaints/${c.complaintNo}/photos/${p.id}`} alt={t("follow.photo", { n: i + 1 })} className="size-full object-cover" />
                    </a>
                  ))}
                </div>
              )}
            </div>
            {c.refund && (
              <p className="rounded-lg border bg-muted/40 px-3 py-2" data-testid="complaint-refund" data-refund-status={c.refund.status}>
                {t("console.refundLine", { refundNo: c.refund.refundNo, amount: money(c.refund.amount) })} · {knownMessage(tRefund, c.refund.status, c.refund.status)}
              </p>
            )}
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle as="h2" className="text-base">{t("console.conversation")}</CardTitle>
          </CardHeader>
          <CardContent className="flex flex-col gap-5">
            <MessageList messages={c.messages} me={merchantSide ? "MERCHANT" : "OPERATOR"} empty={t("console.noMessages")} />
            {!open && <p className="text-sm text-muted-foreground">{t("console.resolvedNote")}</p>}
            {mayAnswer && <AnswerForm scope={scope} complaintNo={c.complaintNo} />}
            {(mayRefund || mayReject) && (
              <div className="flex flex-wrap gap-2 border-t pt-4">
                {mayRefund && (
                  <RefundComplaintDialog scope={scope} complaintNo={c.complaintNo} defaultYuan={minorToDecimal(suggested, "CNY")} refundableLabel={money(c.payOrder.refundable)} />
                )}
                {mayReject && <RejectComplaintDialog scope={scope} complaintNo={c.complaintNo} />}
              </div>
            )}
          </CardContent>
        </Card>
      </div>
    </div>
  );
}
