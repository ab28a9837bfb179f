import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { flatParams, withParams } from "@/components/console/query-params";
import { PageHeader } from "@/components/shell/page-header";
import { ResendEventButton } from "@/components/console/resend-event-button";
import { SendTestEvent } from "@/components/console/send-test-event";
import { StatusBadge } from "@/components/shell/status-badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { orInterrupt } from "@/server/auth/guards";
import { serverCaller } from "@/server/trpc/server";
import { channelMessage } from "@/server/i18n/channel-message";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const STATUSES = ["PENDING", "SUCCEEDED", "FAILED"] as const;

// /console/[mchNo]/webhooks – per app: the delivery log with Resend, and "send test event" (OWNER, DEVELOPER)
export default async function WebhooksPage({ params, searchParams }: { params: Promise<{ mchNo: string }>; searchParams: SearchParams }) {
  const { mchNo } = await params;
  const raw = flatParams(await searchParams);
  const path = `/console/${mchNo}/webhooks`;
  const status = STATUSES.find((s) => s === raw.status);
  const before = raw.before && !Number.isNaN(new Date(raw.before).getTime()) ? new Date(raw.before) : undefined;
  const caller = await serverCaller();
  const log = await orInterrupt(caller.webhooks.deliveries({ mchNo, status, before, appId: raw.appId }), path);
  const { app } = log;
  const [t, tStatus, tMessage, format] = await Promise.all([getTranslations("webhooks"), getTranslations("deliveryStatus"), getTranslations("channelMessages"), getFormatter()]);
  const current = { appId: app?.id, status };

  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-6">
      <PageHeader title={t("title")} description={t("description")} />
      <nav className="flex flex-wrap gap-2" aria-label={t("app")}>
        {log.apps.map((a) => (
          <Link
            key={a.id}
            href={`${path}${withParams({}, { appId: a.id })}`}
            aria-current={a.id === app?.id ? "page" : undefined}
            className={cn("rounded-md border px-3 py-1.5 text-sm", a.id === app?.id ? "border-primary bg-primary/5 font-medium" : "hover:bg-accent")}
          >
            {a.name} <span className="text-xs text-muted-foreground">{a.mode}</span>
          </Link>
        ))}
      </nav>
      {app && (
        <>
          <Card>
            <CardHeader>
              <CardTitle as="h2" className="text-base">
                {t("testTitle")}
              </CardTitle>
              <CardDescription>
                {t("testDescription")} {t("defaultUrl")}: {app.notifyUrl ?? t("noDefaultUrl")}
              </CardDescription>
            </CardHeader>
            <CardContent>
              <SendTestEvent mchNo={mchNo} appId={app.id} defaultUrl={app.notifyUrl} />
            </CardContent>
          </Card>

          <Card>
            <CardHeader className="flex flex-row flex-wrap items-center justify-between gap-3">
              <CardTitle as="h2" className="text-base">
                {t("deliveries")}
              </CardTitle>
              <div className="flex gap-1 text-sm">
                {[undefined, ...STATUSES].map((s) => (
                  <Link
                    key={s ?? "all"}
                    href={`${path}${withParams(current, { status: s })}`}
                    aria-current={s === status ? "page" : undefined}
                    className={cn("rounded px-2 py-1", s === status ? "bg-secondary font-medium" : "text-muted-foreground hover:text-foreground")}
                  >
                    {s ? tStatus(s) : t("allStatuses")}
                  </Link>
                ))}
              </div>
            </CardHeader>
            <CardContent className="overflow-x-auto">
              <Table>
                <TableHeader>
                  <TableRow>
                    <TableHead>{t("event")}</TableHead>
                    <TableHead>{t("url")}</TableHead>
                    <TableHead>{t("status")}</TableHead>
                    <TableHead>{t("attempts")}</TableHead>
                    <TableHead>{t("createdAt")}</TableHead>
                    <TableHead />
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {log.deliveries.length === 0 && (
                    <TableRow>
                      <TableCell colSpan={6} className="py-8 text-center text-muted-foreground">
                        {t("noDeliveries")}
                      </TableCell>
                    </TableRow>
                  )}
                  {log.deliveries.map((d) => (
                    <TableRow key={d.id} data-testid="delivery-row" className="align-top">
                      <TableCell className="text-xs">
                        <code className="rounded bg-muted px-1.5 py-0.5">{d.event.type}</code>
                        {d.event.payOrderNo && (
                          <div className="mt-1">
                            <Link href={`/console/${mchNo}/pay-orders/${d.event.payOrderNo}`} className="font-mono text-primary hover:underline">
                              {d.event.payOrderNo}
                            </Link>
                          </div>
                        )}
                      </TableCell>
                      <TableCell className="max-w-64 break-all text-xs">{d.url}</TableCell>
                      <TableCell>
                        <StatusBadge kind="deliveryStatus" status={d.status} />
                      </TableCell>
                      <TableCell className="text-xs">
                        <details>
                          <summary className="cursor-pointer">
                            {d.attemptCount} · {d.attempts[0]?.statusCode ?? (d.attempts[0]?.error ? channelMessage(tMessage, d.attempts[0].error).slice(0, 40) : undefined) ?? "—"}
                          </summary>
                          <ul className="mt-1 flex flex-col gap-1">
                            {d.attempts.map((a) => (
                              <li key={String(a.id)} className="flex gap-2">
                                <span className="text-muted-foreground">{format.dateTime(a.attemptedAt, { timeStyle: "medium" })}</span>
                                <span>{a.statusCode ?? "—"}</span>
                                <span>{a.latencyMs} ms</span>
                                <span className="max-w-64 truncate font-mono" title={a.error ?? undefined}>{a.error ? channelMessage(tMessage, a.error) : (a.responseSnippet ?? "")}</span>
                              </li>
                            ))}
                          </ul>
                        </details>
                      </TableCell>
                      <TableCell className="whitespace-nowrap text-xs text-muted-foreground">{format.dateTime(d.createdAt, { dateStyle: "short", timeStyle: "medium" })}</TableCell>
                      <TableCell>{d.event.type !== "webhook.test" && <ResendEventButton mchNo={mchNo} eventId={d.event.id} />}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
              {log.nextBefore && (
                <div className="mt-3 flex justify-end">
                  <Link href={`${path}${withParams(current, { before: log.nextBefore.toISOString() })}`} className="rounded-md border px-3 py-1.5 text-sm hover:bg-accent">
                    {t("older")}
                  </Link>
                </div>
              )}
            </CardContent>
          </Card>
        </>
      )}
    </div>
  );
}
