"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { complaintMessageBody } from "@/server/domain/complaint-schema";
import { formatMoney } from "@/server/domain/money";
import { knownMessage } from "@/server/i18n/known-message";
import type { AppRouter } from "@/server/trpc/root";
import type { inferRouterOutputs } from "@trpc/server";
import { MessageList } from "./message-list";

export type ConsumerComplaint = inferRouterOutputs<AppRouter>["complaints"]["view"];

/** How often the page asks again while something may still change (an answer, the refund's progress). */
const POLL_MS = 4000;

const settled = (c: ConsumerComplaint) => c.status === "RESOLVED" && (!c.refund || ["SUCCEEDED", "REJECTED"].includes(c.refund.status));

/**
 * The consumer's follow-up page: status, their complaint, the conversation, the refund and what they may
 * do now (add a message, accept the answer, or take it to the platform). It polls until nothing more can
 * change, so the merchant's answer or refund shows by itself.
 */
export function ComplaintFollowUp({ initial, token }: { initial: ConsumerComplaint; token: string }) {
  const t = useTranslations("complaints");
  const locale = useLocale();
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const input = { complaintNo: initial.complaintNo, token };
  const { data: c } = useQuery(
    trpc.complaints.view.queryOptions(input, { initialData: initial, refetchInterval: ({ state: { data } }) => (data && settled(data) ? false : POLL_MS) }),
  );
  const [body, setBody] = useState("");
  const [bodyError, setBodyError] = useState<string | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.complaints.view.queryKey(input) });
  const onError = (error: unknown) => {
    setFailed(error instanceof TRPCClientError && (error.data as { code?: string } | undefined)?.code === "CONFLICT" ? "conflict" : "generic");
    void refresh();
  };
  const onDone = () => {
    setBody("");
    setFailed(null);
    void refresh();
  };
  const reply = useMutation(trpc.complaints.reply.mutationOptions({ onSuccess: onDone, onError }));
  const accept = useMutation(trpc.complaints.accept.mutationOptions({ onSuccess: onDone, onError }));
  const disagree = useMutation(trpc.complaints.disagree.mutationOptions({ onSuccess: onDone, onError }));
  const busy = reply.isPending || accept.isPending || disagree.isPending;

  /** The typed message, checked like the server does; null (with the error shown) when it is not acceptable. */
  const typed = (): string | null => {
    const parsed = complaintMessageBody.safeParse(body);
    if (parsed.success) return parsed.data;
    setBodyError(knownMessage(t, `errors.${parsed.error.issues[0]?.message ?? "invalid"}`, t("errors.invalid")));
    return null;
  };

  const resolvedLine =
    c.resolution === "REFUNDED" ? t("follow.resolvedRefunded") : c.resolution === "REJECTED" ? t("follow.resolvedRejected") : c.resolution === "WITHDRAWN" ? t("follow.resolvedWithdrawn") : null;
  const rows: [string, string][] = [
    [t("follow.complaintNo"), c.complaintNo],
    [t("payment.merchant"), c.merchantName],
    [t("payment.subject"), c.subject],
    [t("payment.amount"), formatMoney(c.amount, c.currency, locale)],
    [t("form.reason"), t(`reason.${c.reason}`)],
    ...(c.requestedAmount !== null ? [[t("follow.requested"), formatMoney(c.requestedAmount, c.currency, locale)] as [string, string]] : []),
    [t("follow.phone"), c.contactPhone ?? ""],
    [t("follow.filedAt"), format.dateTime(c.createdAt, { dateStyle: "medium", timeStyle: "short" })],
  ];

  return (
    <section className="flex flex-col gap-5 px-5 pt-7 pb-6" data-testid="complaint-follow-up" data-status={c.status}>
      <header className="flex flex-col gap-2">
        <div className="flex items-center justify-between gap-3">
          <h1 className="text-xl font-semibold">{t("follow.title")}</h1>
          <Badge variant={c.status === "RESOLVED" ? "secondary" : c.status === "ESCALATED" ? "warning" : "outline"} data-testid="complaint-status">
            {c.status === "RESOLVED" && c.resolution ? t(`resolution.${c.resolution}`) : t(`status.${c.status}`)}
          </Badge>
        </div>
        <p className="text-sm text-muted-foreground">{t("follow.keepLink")}</p>
      </header>
      {resolvedLine && (
        <Alert data-testid="complaint-resolved">
          <AlertDescription>{resolvedLine}</AlertDescription>
        </Alert>
      )}
      {c.refund && (
        <p className="rounded-xl border bg-muted/40 px-4 py-3 text-sm" data-testid="complaint-refund" data-refund-status={c.refund.status}>
          <span className="font-medium">{t("follow.refund", { amount: formatMoney(c.refund.amount, c.refund.currency, locale) })}</span>
          {" · "}
          {knownMessage(t, `follow.refundStatus.${c.refund.status}`, "")}
        </p>
      )}
      {c.status === "OPEN" && <p className="text-sm text-muted-foreground">{t("follow.slaDue", { at: format.dateTime(c.slaDueAt, { dateStyle: "medium", timeStyle: "short" }) })}</p>}
      <dl className="divide-y rounded-xl border text-sm">
        {rows.map(([label, value]) => (
          <div key={label} className="flex justify-between gap-4 px-4 py-2.5">
            <dt className="shrink-0 text-muted-foreground">{label}</dt>
            <dd className="min-w-0 text-right break-all">{value}</dd>
          </div>
        ))}
      </dl>
      <p className="rounded-xl border px-4 py-3 text-sm whitespace-pre-wrap break-words">{c.description}</p>
      {c.photoIds.length > 0 && (
        <div className="flex gap-2">
          {c.photoIds.map((id, i) => (
            <a key={id} href={`/api/complaints/${c.complaintNo}/photos/${id}?t=${token}`} target="_blank" rel="noreferrer" className="block size-20 overflow-hidden rounded-lg border">
              {/* eslint-disable-next-line @next/next/no-img-element -- a private, token-guarded image: no optimiser */}
              <img src={`/api/complaints/${c.complaintNo}/photos/${id}?t=${token}`} alt={t("follow.photo", { n: i + 1 })} className="size-full object-cover" />
            </a>
          ))}
        </div>
      )}
      <div className="flex flex-col gap-3">
        <h2 className="text-base font-semibold">{t("follow.conversation")}</h2>
        <MessageList messages={c.messages} me="CONSUMER" empty={t("follow.noMessages")} />
      </div>
      {failed && (
        <Alert variant="destructive">
          <AlertDescription>{t(`errors.${failed === "conflict" ? "conflict" : "generic"}`)}</AlertDescription>
        </Alert>
      )}
      {c.mayMessage || c.mayDisagree ? (
        <div className="flex flex-col gap-2">
          <Label htmlFor="complaint-reply">{t("follow.replyLabel")}</Label>
          <Textarea
            id="complaint-reply"
            rows={3}
            maxLength={1000}
            value={body}
            aria-invalid={bodyError ? true : undefined}
            onChange={(e) => {
              setBody(e.target.value);
              setBodyError(null);
            }}
          />
          {bodyError && <p className="text-sm text-destructive">{bodyError}</p>}
          {c.mayDisagree && <p className="text-xs text-muted-foreground">{t("follow.disagreeHint")}</p>}
          <div className="flex flex-wrap gap-2">
            {c.mayMessage && (
              <Button type="button" variant="outline" disabled={busy} onClick={() => { const text = typed(); if (text) reply.mutate({ ...input, body: text }); }}>
                {t("follow.send")}
              </Button>
            )}
            {c.mayAccept && (
              <Button type="button" disabled={busy} onClick={() => accept.mutate(input)}>
                {t("follow.accept")}
              </Button>
            )}
            {c.mayDisagree && (
              <Button type="button" variant="destructive" disabled={busy} onClick={() => { const text = typed(); if (text) disagree.mutate({ ...input, body: text }); }}>
                {t("follow.disagree")}
              </Button>
            )}
          </div>
        </div>
      ) : null}
    </section>
  );
}
