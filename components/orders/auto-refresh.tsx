"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** While something is in flight (a refunding after-sale, a cancelled order's refunds), re-renders the page every few seconds. */
export function AutoRefresh({ active, everyMs = 2000 }: { active: boolean; everyMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => router.refresh(), everyMs);
    return () => clearInterval(timer);
  }, [active, everyMs, router]);
  return null;
}
