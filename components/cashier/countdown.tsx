"use client";

import { Clock } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";

/** 1799000 → "29:59"; an hour or more → "1:05:09". */
export function formatRemaining(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const [h, m, s] = [Math.floor(total / 3600), Math.floor((total % 3600) / 60), total % 60];
  const mmss = `${String(m).padStart(h ? 2 : 1, "0")}:${String(s).padStart(2, "0")}`;
  return h ? `${h}:${mmss}` : mmss;
}

/** Milliseconds left until `deadline` by the server's clock (`clockOffset` = server − this device), ticking every second. */
export function useRemaining(deadline: Date, clockOffset: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return deadline.getTime() - (now + clockOffset);
}

export function Countdown({ remaining }: { remaining: number }) {
  const t = useTranslations("cashier");
  return (
    <p className="inline-flex items-center gap-1.5 rounded-full bg-warning/15 px-3 py-1 text-sm tabular-nums text-warning-foreground" data-testid="countdown">
      <Clock className="size-3.5" aria-hidden="true" />
      {t("payWithin", { time: formatRemaining(remaining) })}
    </p>
  );
}
