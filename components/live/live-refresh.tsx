"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import { endedSince, type LivePhase, liveInterval } from "./live-interval";
import { toast } from "./toaster";

/** What kind of thing a watched item is: picks the toast's words (messages `live.<kind>.succeeded|failed`). */
export type LiveKind = "refund" | "payment" | "trade" | "afterSale" | "import" | "reconRun" | "statement" | "profitSharing";

/** One thing a page shows in flight: its id (shown in the toast), its kind, and where it stands now. */
export type LiveWatch = { kind: LiveKind; key: string; phase: LivePhase };

function signatureOf(items: readonly LiveWatch[]): string {
  return items.map((i) => `${i.kind}:${i.key}=${i.phase}`).join("|");
}

/**
 * Toasts each watched item that has ended since the previous render (pending before, succeeded or failed
 * now). Items first seen already ended are not announced: the page was opened after they ended.
 */
export function useEndedToasts(items: readonly LiveWatch[]): void {
  const t = useTranslations("live");
  const seen = useRef<Map<string, LivePhase> | null>(null);
  const signature = signatureOf(items);
  useEffect(() => {
    const keyed = items.map((i) => ({ ...i, key: `${i.kind}:${i.key}`, id: i.key }));
    const before = seen.current;
    if (before) {
      for (const ended of endedSince(before, keyed)) {
        const item = keyed.find((k) => k.key === ended.key)!;
        toast({
          title: t(`${item.kind}.${ended.phase === "succeeded" ? "succeeded" : "failed"}`),
          description: item.id,
          variant: ended.phase === "succeeded" ? "success" : "destructive",
        });
      }
    }
    seen.current = new Map(keyed.map((k) => [k.key, k.phase]));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the signature is the items' identity
  }, [signature]);
}

/**
 * For server-rendered pages: while any watched item is pending, re-renders the page (router.refresh)
 * on the live schedule — every 2 s, backing off to 10 s, off once everything has ended — and toasts
 * each ending. A hidden tab skips its turns. Shows a quiet "updating" line while it polls.
 */
export function LiveRefresh({ watch, hint = true }: { watch: readonly LiveWatch[]; hint?: boolean }) {
  const t = useTranslations("live");
  const router = useRouter();
  useEndedToasts(watch);
  const pending = watch.some((w) => w.phase === "pending");
  const signature = signatureOf(watch);
  useEffect(() => {
    if (!pending) return;
    let polls = 0;
    let timer: ReturnType<typeof setTimeout>;
    const schedule = () => {
      const wait = liveInterval(true, polls);
      if (wait === false) return;
      timer = setTimeout(() => {
        polls += 1;
        if (!document.hidden) router.refresh();
        schedule();
      }, wait);
    };
    schedule();
    return () => clearTimeout(timer);
    // a change of what is watched restarts the fast pace
  }, [pending, signature, router]);
  if (!pending || !hint) return null;
  return (
    <p className="text-xs text-muted-foreground" role="status" data-testid="live-updating">
      {t("updating")}
    </p>
  );
}
