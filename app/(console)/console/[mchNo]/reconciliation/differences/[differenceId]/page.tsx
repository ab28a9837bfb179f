import Link from "next/link";
import type { ReactNode } from "react";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { DifferenceStatusBadge, DifferenceTypeBadge } from "@/components/reconciliation/recon-badges";
import { CommentForm, DifferenceActions } from "@/components/reconciliation/difference-actions";
import { ReconTabs } from "@/components/reconciliation/recon-tabs";
import { PageHeader } from "@/components/shell/page-header";
import { cn } from "@/components/ui/cn";
import { orInterrupt } from "@/server/auth/guards";
import { formatMoney } from "@/server/domain/money";
import { knownMessage } from "@/server/i18n/known-message";
import { serverCaller } from "@/server/trpc/server";
import { differenceDelta } from "@/server/domain/reconciliation";

function Field({ label, children, differs }: { label: string; children: ReactNode; differs?: boolean }) {
  return (
    <div className="contents">
      <dt className="text-muted-foreground">{label}</dt>
      <dd className={cn("break-all tabular-nums", differs && "font-semibold text-destructive")}>{children}</dd>
    </div>
  );
}

// /console/[mchNo]/reconciliation/differences/[differenceId] – one discrepancy: the channel's bill row and our journal side by side, comments, history, assign / resolve
export default async function ReconDifferencePage({ params }: { params: Promise<{ mchNo: string; differenceId: string }> }) {
  const { mchNo, differenceId } = await params;
  const path = `/console/${mchNo}/reconciliation/differences/${differenceId}`;
  const caller = await serverCaller();
  const detail = await orInterrupt(caller.reconciliation.difference({ mchNo, differenceId }), path);
  const options = await caller.reconciliation.options({ mchNo });
  const [t, locale, format] = await Promise.all([getTranslations("reconciliation"), getLocale(), getFormatter()]);
  const d = detail.difference;
  const money = (minor: bigint | null) => (minor === null ? "—" : formatMoney(minor, d.currency, locale));
  const when = (at: Date | null) => (at ? format.dateTime(at, { dateStyle: "short", timeStyle: "medium" }) : "—");
  const state = (s: string | null) => (s ? knownMessage(t, `detail.states.${s}`, s) : "—");
  const amountDiffers = d.channelAmount !== d.localAmount;
  const feeDiffers = d.channelFee !== d.localFee;
  const stateDiffers = d.type === "STATUS_MISMATCH";
  const sides = [
    {
      key: "channel",
      title: t("detail.channelSide"),
      present: d.channelAmount !== null || d.channelState !== null,
      amount: d.channelAmount,
      fee: d.channelFee,
      state: d.channelState,
      at: d.channelAt,
      extra: [{ label: t("detail.tradeNo"), value: d.channelTradeNo ?? "—" }],
    },
    {
      key: "local",
      title: t("detail.localSide"),
      present: d.localAmount !== null || d.localState !== null,
      amount: d.localAmount,
      fee: d.localFee,
      state: d.localState,
      at: d.localAt,
      extra: [
        { label: t("detail.payOrderNo"), value: d.payOrderNo ?? "—" },
        { label: t("detail.mchOrderNo"), value: detail.order?.mchOrderNo ?? "—" },
      ],
    },
  ];
  const { amount: deltaAmount, fee: deltaFee } = differenceDelta(d);

  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-6">
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-2">
            {t("detail.title")} <span className="font-mono text-base">{d.outNo}</span>
          </span>
        }
        description={t("detail.found", { date: d.billDate })}
        actions={
          <Link href={`/console/${mchNo}/reconciliation/differences`} className="text-sm text-primary hover:underline">
            ← {t("detail.back")}
          </Link>
        }
      />
      <ReconTabs mchNo={mchNo} current="differences" />
      <div className="flex flex-wrap items-center gap-3 rounded-lg border bg-card p-4">
        <DifferenceTypeBadge type={d.type} />
        <span className="text-sm text-muted-foreground">{t(`typeHelp.${d.type}`)}</span>
        <DifferenceStatusBadge status={d.status} resolution={d.resolution} />
        <span className="text-sm">
          {t(`movement.${d.kind === "refund" ? "refund" : "payment"}`)} · {detail.account?.name ?? d.channel}
        </span>
        <div className="ml-auto">
          {options.mayManage ? (
            <DifferenceActions mchNo={mchNo} differenceId={d.id} assigneeId={d.assigneeId} resolved={d.status === "RESOLVED"} assignees={options.assignees} />
          ) : (
            <span className="text-sm">
              {t("detail.assignee")}: {d.assigneeName ?? t("detail.unassigned")}
            </span>
          )}
        </div>
      </div>

      <section className="grid gap-4 md:grid-cols-2" data-testid="difference-sides">
        {sides.map((side) => (
          <div key={side.key} className="rounded-lg border bg-card p-4" data-testid={`side-${side.key}`}>
            <h2 className="mb-3 font-medium">{side.title}</h2>
            {side.present ? (
              <dl className="grid grid-cols-[8rem_1fr] gap-x-3 gap-y-2 text-sm">
                <Field label={t("detail.amount")} differs={amountDiffers}>
                  {money(side.amount)}
                </Field>
                <Field label={t("detail.fee")} differs={feeDiffers}>
                  {money(side.fee)}
                </Field>
                <Field label={t("detail.state")} differs={stateDiffers}>
                  {state(side.state)}
                </Field>
                <Field label={t("detail.time")}>{when(side.at)}</Field>
                <Field label={t("detail.outNo")}>
                  <span className="font-mono text-xs">{d.outNo}</span>
                </Field>
                {d.refundNo && (
                  <Field label={t("detail.refundNo")}>
                    <span className="font-mono text-xs">{d.refundNo}</span>
                  </Field>
                )}
                {side.extra.map((e) => (
                  <Field key={e.label} label={e.label}>
                    <span className="font-mono text-xs">{e.value}</span>
                  </Field>
                ))}
              </dl>
            ) : (
              <p className="py-6 text-center text-sm text-muted-foreground">{t("detail.nothing")}</p>
            )}
          </div>
        ))}
      </section>
      <div className="rounded-lg border bg-card p-4 text-sm" data-testid="difference-delta">
        <span className="text-muted-foreground">{t("detail.delta")}：</span>
        <span className="font-medium">
          {t("detail.amount")} {formatMoney(deltaAmount, d.currency, locale)} · {t("detail.fee")} {formatMoney(deltaFee, d.currency, locale)}
        </span>
        {d.status === "RESOLVED" && (
          <div className="mt-2 grid gap-1">
            <div>
              {t("detail.resolution")}: <span className="font-medium">{t(`resolutions.${d.resolution ?? "EXPLAINED"}`)}</span>{" "}
              {d.resolvedByName && <span className="text-muted-foreground">{t("detail.resolvedBy", { name: d.resolvedByName, time: when(d.resolvedAt) })}</span>}
            </div>
            {d.note && (
              <div>
                {t("detail.note")}: {d.note}
              </div>
            )}
            {detail.adjustment && (
              <div data-testid="adjustment-entry">
                {t("detail.adjustment")}: {knownMessage(t, `detail.entryKinds.${detail.adjustment.kind}`, detail.adjustment.kind)} · {formatMoney(detail.adjustment.net, d.currency, locale)}
              </div>
            )}
          </div>
        )}
      </div>

      <section className="grid gap-4 lg:grid-cols-2">
        <div className="flex flex-col gap-3 rounded-lg border bg-card p-4">
          <h2 className="font-medium">{t("detail.comments")}</h2>
          {detail.comments.length === 0 && <p className="text-sm text-muted-foreground">{t("detail.noComments")}</p>}
          <ul className="flex flex-col gap-2" data-testid="comments">
            {detail.comments.map((c) => (
              <li key={c.id} className="rounded-md bg-muted/50 p-2 text-sm">
                <div className="text-xs text-muted-foreground">
                  {c.authorName ?? "—"} · {when(c.createdAt)}
                </div>
                <div className="whitespace-pre-wrap">{c.body}</div>
              </li>
            ))}
          </ul>
          {options.mayManage && <CommentForm mchNo={mchNo} differenceId={d.id} />}
        </div>
        <div className="rounded-lg border bg-card p-4">
          <h2 className="mb-3 font-medium">{t("detail.audit")}</h2>
          <ol className="flex flex-col gap-2 text-sm" data-testid="difference-history">
            {detail.audit.map((a) => (
              <li key={a.id} className="flex flex-wrap gap-2">
                <span className="text-muted-foreground tabular-nums">{when(a.createdAt)}</span>
                <span>{a.actorName ?? t("detail.system")}</span>
                <span className="font-medium">{knownMessage(t, `detail.auditActions.${a.action.split(".").at(-1)}`, a.action)}</span>
              </li>
            ))}
          </ol>
        </div>
      </section>
    </div>
  );
}
