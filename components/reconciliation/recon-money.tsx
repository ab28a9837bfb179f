"use client";

import { useLocale } from "next-intl";
import { cn } from "@/components/ui/cn";
import { formatMoney } from "@/server/domain/money";

/** A signed amount in 元 (minor units in), red when negative, "—" when the side has none. */
export function ReconMoney({ minor, currency = "CNY", className }: { minor: bigint | null | undefined; currency?: string; className?: string }) {
  const locale = useLocale();
  if (minor === null || minor === undefined) return <span className="text-muted-foreground">—</span>;
  return <span className={cn("whitespace-nowrap tabular-nums", minor < 0n && "text-destructive", className)}>{formatMoney(minor, currency, locale)}</span>;
}
