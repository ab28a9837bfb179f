"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { cn } from "@/components/ui/cn";

const pad = (n: number) => String(n).padStart(2, "0");

/** "剩余 47:59:12", ticking every second, red in the last two hours; "已超时" after the deadline. */
export function SlaCountdown({ dueAt, className }: { dueAt: Date; className?: string }) {
  const t = useTranslations("complaints.console");
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  // before hydration the server's and the browser's clocks differ: render nothing that could mismatch
  if (now === null) return <span className={className} data-testid="sla-countdown" />;
  const left = Math.floor((new Date(dueAt).getTime() - now) / 1000);
  if (left <= 0) {
    return (
      <span className={cn("font-medium text-destructive", className)} data-testid="sla-countdown" data-overdue="true">
        {t("overdue")}
      </span>
    );
  }
  const days = Math.floor(left / 86_400);
  const hms = `${pad(Math.floor((left % 86_400) / 3600))}:${pad(Math.floor((left % 3600) / 60))}:${pad(left % 60)}`;
  const time = days > 0 ? t("days", { d: days, hms }) : hms;
  return (
    <span className={cn("tabular-nums", left < 7200 ? "font-medium text-destructive" : "text-foreground", className)} data-testid="sla-countdown" data-seconds-left={left}>
      {t("remaining", { time })}
    </span>
  );
}
