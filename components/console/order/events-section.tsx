import { getFormatter, getTranslations } from "next-intl/server";
import { channelMessage } from "@/server/i18n/channel-message";
import { ResendEventButton } from "../resend-event-button";
import { StatusBadge } from "@/components/shell/status-badge";
import { Empty, Section } from "./section";
import type { PayOrderDetail } from "./types";

/** The order's events and, for those who may see them, each webhook delivery with its attempts. */
export async function EventsSection({ mchNo, detail }: { mchNo: string; detail: PayOrderDetail }) {
  const [t, tMessage, format] = await Promise.all([getTranslations("orderDetail"), getTranslations("channelMessages"), getFormatter()]);
  return (
    <Section title={t("events")} testId="order-events">
      {detail.events.length === 0 ? (
        <Empty>{t("noEvents")}</Empty>
      ) : (
        <ul className="flex flex-col divide-y">
          {detail.events.map((event) => (
            <li key={event.id} className="flex flex-col gap-2 py-3">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <div className="flex min-w-0 flex-wrap items-center gap-x-2 gap-y-1">
                  <code className="rounded bg-muted px-1.5 py-0.5 text-xs">{event.type}</code>
                  <span className="break-all font-mono text-xs text-muted-foreground">{event.id}</span>
                  <span className="text-xs text-muted-foreground">{format.dateTime(event.createdAt, { dateStyle: "short", timeStyle: "medium" })}</span>
                </div>
                {detail.may.webhooks && <ResendEventButton mchNo={mchNo} eventId={event.id} />}
              </div>
              {event.deliveries !== null &&
                (event.deliveries.length === 0 ? (
                  <Empty>{t("noDeliveries")}</Empty>
                ) : (
                  event.deliveries.map((d) => (
                    <details key={d.id} className="rounded border px-3 py-2 text-xs">
                      <summary className="flex cursor-pointer flex-wrap items-center gap-2">
                        <StatusBadge kind="deliveryStatus" status={d.status} />
                        <span className="break-all">{d.url}</span>
                        <span className="text-muted-foreground">{t("attemptsCount", { count: d.attemptCount })}</span>
                      </summary>
                      <ul className="mt-2 flex flex-col gap-1">
                        {d.attempts.map((a) => (
                          <li key={String(a.id)} className="grid grid-cols-[auto_auto_auto_1fr] gap-3">
                            <span className="text-muted-foreground">{format.dateTime(a.attemptedAt, { timeStyle: "medium" })}</span>
                            <span className={a.statusCode && a.statusCode < 300 ? "text-success" : "text-destructive"}>{a.statusCode ?? "—"}</span>
                            <span>{a.latencyMs} ms</span>
                            <span className="truncate font-mono" title={a.error ?? undefined}>{a.error ? channelMessage(tMessage, a.error) : (a.responseSnippet ?? "")}</span>
                          </li>
                        ))}
                      </ul>
                    </details>
                  ))
                ))}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
