import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { withParams } from "@/components/console/query-params";
import { cn } from "@/components/ui/cn";
import type { CalendarDay, CalendarDayState } from "@/server/services/reconciliation/run-calendar";

const STATE_STYLE: Record<CalendarDayState, string> = {
  closed: "border-success/40 bg-success/10 text-success",
  open: "border-warning/60 bg-warning/15 text-warning-foreground",
  failed: "border-destructive/40 bg-destructive/10 text-destructive",
  running: "border-primary/40 bg-primary/10 text-primary",
  partial: "border-warning/40 bg-background text-muted-foreground",
  not_run: "border-border bg-background text-muted-foreground",
  future: "border-dashed border-border bg-muted/30 text-muted-foreground",
};

const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split("-").map(Number);
  const d = new Date(Date.UTC(y, m - 1 + by, 1));
  return d.toISOString().slice(0, 7);
}

/**
 * A month of bill days, each with its state (closed ✓, N open, failed, running, not run); a day links
 * to its runs below the calendar. Server-rendered: the month and the selection live in the URL.
 */
export async function DayCalendar({ path, params, month, days, selected }: { path: string; params: Record<string, string | undefined>; month: string; days: CalendarDay[]; selected?: string }) {
  const t = await getTranslations("reconciliation.calendar");
  const lead = (new Date(`${month}-01T00:00:00Z`).getUTCDay() + 6) % 7;
  const label = (day: CalendarDay) => (day.state === "open" ? t("states.open", { count: day.open }) : t(`states.${day.state}`));
  return (
    <section className="rounded-lg border bg-card p-4" aria-label={t("title", { month })} data-testid="recon-calendar">
      <div className="mb-3 flex items-center justify-between">
        <Link href={`${path}${withParams(params, { month: shiftMonth(month, -1), from: undefined, to: undefined })}`} className="rounded-md border px-2 py-1 text-sm hover:bg-accent">
          ‹ {t("prev")}
        </Link>
        <h2 className="font-medium">{t("title", { month })}</h2>
        <Link href={`${path}${withParams(params, { month: shiftMonth(month, 1), from: undefined, to: undefined })}`} className="rounded-md border px-2 py-1 text-sm hover:bg-accent">
          {t("next")} ›
        </Link>
      </div>
      <div className="grid grid-cols-7 gap-1 text-center text-xs text-muted-foreground">
        {WEEKDAYS.map((w) => (
          <div key={w} className="py-1">
            {t(`weekdays.${w}`)}
          </div>
        ))}
        {Array.from({ length: lead }, (_, i) => (
          <div key={`lead-${i}`} />
        ))}
        {days.map((day) => (
          <Link
            key={day.date}
            href={`${path}${withParams(params, { month, from: day.date, to: day.date })}`}
            aria-label={t("dayLabel", { date: day.date, state: label(day) })}
            aria-current={selected === day.date ? "date" : undefined}
            data-testid="calendar-day"
            data-date={day.date}
            data-state={day.state}
            className={cn("flex h-14 flex-col items-start justify-between rounded-md border p-1.5 text-left hover:ring-2 hover:ring-ring/40", STATE_STYLE[day.state], selected === day.date && "ring-2 ring-primary")}
          >
            <span className="text-sm font-medium text-foreground">{Number(day.date.slice(8))}</span>
            <span className="hidden max-w-full truncate text-[11px] leading-tight sm:block">{day.state === "closed" ? `✓ ${label(day)}` : label(day)}</span>
            <span className="text-[11px] leading-tight sm:hidden" aria-hidden>
              {day.state === "closed" ? "✓" : day.state === "open" ? day.open : day.state === "failed" ? "!" : ""}
            </span>
          </Link>
        ))}
      </div>
    </section>
  );
}
