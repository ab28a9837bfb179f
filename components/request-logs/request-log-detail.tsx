"use client";

import { useQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { channelMessage } from "@/server/i18n/channel-message";
import { StatusBadge } from "@/components/shell/status-badge";
import { useTRPC } from "@/components/trpc/provider";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { knownMessage } from "@/server/i18n/known-message";
import type { AppRouter } from "@/server/trpc/root";
import { statusVariant } from "./request-log-table";

type Detail = inferRouterOutputs<AppRouter>["requestLogs"]["get"];

const POLL_MS = 4000;
/** A request younger than this may still cause webhooks: the page keeps asking. */
const RECENT_MS = 120_000;

const inMotion = (d: Detail) => d.deliveries.some((x) => x.status === "PENDING") || Date.now() - new Date(d.log.createdAt).getTime() < RECENT_MS;

function Body({ value }: { value: unknown }) {
  const t = useTranslations("developerTools.requestLog");
  if (value === null || value === undefined) return <p className="text-sm text-muted-foreground">{t("noBody")}</p>;
  const note = value as { _truncated?: boolean; _notJson?: boolean; _length?: number };
  if (note._truncated) return <p className="text-sm text-muted-foreground">{t("truncated", { length: note._length ?? 0 })}</p>;
  if (note._notJson) return <p className="text-sm text-muted-foreground">{t("notJson", { length: note._length ?? 0 })}</p>;
  return <pre className="max-h-[28rem] overflow-auto rounded-md border bg-muted p-3 text-xs leading-relaxed break-all whitespace-pre-wrap">{JSON.stringify(value, null, 2)}</pre>;
}

/** One logged request: what was asked and answered (redacted), and the webhooks sent about the same objects. Polls while webhooks may still come. */
export function RequestLogDetail({ mchNo, initial }: { mchNo: string; initial: Detail }) {
  const t = useTranslations("developerTools.requestLog");
  const tMessage = useTranslations("channelMessages");
  const format = useFormatter();
  const trpc = useTRPC();
  const { data } = useQuery(
    trpc.requestLogs.get.queryOptions({ mchNo, id: String(initial.log.id) }, { initialData: initial, refetchInterval: ({ state }) => (state.data && inMotion(state.data) ? POLL_MS : false) }),
  );
  const { log, app, deliveries } = data ?? initial;
  const objects = [log.payOrderNo, log.refundNo, log.orderNo].filter((x): x is string => !!x);
  const facts: [string, React.ReactNode, string?][] = [
    [t("status"), <Badge key="s" variant={statusVariant(log.status)}>{log.status}</Badge>],
    [t("errorCode"), log.errorCode ? <code key="e">{log.errorCode}</code> : t("noError"), "request-log-detail-error"],
    [t("requestId"), <code key="r" className="break-all">{log.requestId}</code>, "request-log-detail-id"],
    [t("idempotencyKey"), log.idempotencyKey ? <code key="k" className="break-all">{log.idempotencyKey}</code> : t("none")],
    [t("time"), format.dateTime(log.createdAt, { dateStyle: "medium", timeStyle: "medium" })],
    [t("latency"), `${log.latencyMs} ms`],
    [t("signedWith"), `${knownMessage(t, `signature.${log.signType ?? "none"}`, log.signType ?? "")} · ${log.authenticated ? t("verified") : t("notVerified")}`],
    [t("app"), app ? `${app.name} (${app.id})` : log.appId],
    [
      t("objects"),
      objects.length ? (
        <span key="o" className="flex flex-col font-mono text-xs">
          {log.payOrderNo && <Link className="text-primary hover:underline" href={`/console/${mchNo}/pay-orders/${log.payOrderNo}`}>{log.payOrderNo}</Link>}
          {log.refundNo && <span>{log.refundNo}</span>}
          {log.orderNo && <Link className="text-primary hover:underline" href={`/console/${mchNo}/orders/${log.orderNo}`}>{log.orderNo}</Link>}
        </span>
      ) : (
        t("none")
      ),
    ],
  ];
  return (
    <div className="flex flex-col gap-6">
      <Card>
        <CardHeader>
          <CardTitle as="h2" className="text-base">
            {t("summary")}
          </CardTitle>
        </CardHeader>
        <CardContent>
          <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-[12rem_1fr]">
            {facts.map(([label, value, testId]) => (
              <div key={label} className="contents">
                <dt className="text-muted-foreground">{label}</dt>
                <dd data-testid={testId}>{value}</dd>
              </div>
            ))}
          </dl>
        </CardContent>
      </Card>
      <div className="grid gap-6 lg:grid-cols-2">
        {(
          [
            ["requestBody", log.requestBody],
            ["responseBody", log.responseBody],
          ] as const
        ).map(([key, value]) => (
          <Card key={key} className="min-w-0">
            <CardHeader>
              <CardTitle as="h2" className="text-base">
                {t(key)}
              </CardTitle>
              <CardDescription>{t("redactedNote")}</CardDescription>
            </CardHeader>
            <CardContent data-testid={`request-log-${key}`}>
              <Body value={value} />
            </CardContent>
          </Card>
        ))}
      </div>
      <Card>
        <CardHeader>
          <CardTitle as="h2" className="text-base">
            {t("deliveries")}
          </CardTitle>
          <CardDescription>{t("deliveriesHint")}</CardDescription>
        </CardHeader>
        <CardContent className="overflow-x-auto">
          {objects.length === 0 ? (
            <p className="text-sm text-muted-foreground">{t("noObjects")}</p>
          ) : deliveries.length === 0 ? (
            <p className="text-sm text-muted-foreground">{t("noDeliveries")}</p>
          ) : (
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>{t("event")}</TableHead>
                  <TableHead>{t("url")}</TableHead>
                  <TableHead>{t("deliveryStatus")}</TableHead>
                  <TableHead>{t("attempts")}</TableHead>
                  <TableHead>{t("createdAt")}</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {deliveries.map((d) => (
                  <TableRow key={d.id} data-testid="request-log-delivery" className="align-top">
                    <TableCell className="text-xs">
                      <code className="rounded bg-muted px-1.5 py-0.5">{d.event.type}</code>
                    </TableCell>
                    <TableCell className="max-w-64 break-all text-xs">{d.url}</TableCell>
                    <TableCell>
                      <StatusBadge kind="deliveryStatus" status={d.status} />
                    </TableCell>
                    <TableCell className="text-xs">
                      <ul className="flex flex-col gap-1">
                        {d.attempts.map((a) => (
                          <li key={String(a.id)} className="flex gap-2">
                            <span className="text-muted-foreground">{format.dateTime(a.attemptedAt, { timeStyle: "medium" })}</span>
                            <span>{a.statusCode ?? "—"}</span>
                            <span>{a.latencyMs} ms</span>
                            <span className="max-w-64 truncate font-mono" title={a.error ?? undefined}>{a.error ? channelMessage(tMessage, a.error) : (a.responseSnippet ?? "")}</span>
                          </li>
                        ))}
                      </ul>
                    </TableCell>
                    <TableCell className="whitespace-nowrap text-xs text-muted-foreground">{format.dateTime(d.createdAt, { dateStyle: "short", timeStyle: "medium" })}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
