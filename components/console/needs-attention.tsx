import { ChevronRight, CircleCheck } from "lucide-react";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import type { AttentionItem } from "@/server/services/overview/attention";

/**
 * What needs a person, each a link to the page where it is handled. Items with a count come first and stand out;
 * the rest stay listed (dimmed), so the way to each queue is always one click. When every count is zero: all clear.
 */
export async function NeedsAttention({ mchNo, items }: { mchNo: string; items: AttentionItem[] }) {
  if (items.length === 0) return null;
  const t = await getTranslations("overview.attention");
  const format = await getFormatter();
  const open = items.filter((item) => item.count > 0);
  const sorted = [...open, ...items.filter((item) => item.count === 0)];
  return (
    <Card className="gap-3" data-testid="needs-attention">
      <CardHeader>
        <CardTitle as="h2" className="text-base">
          {t("title")}
        </CardTitle>
        <CardDescription>{open.length === 0 ? t("allClearHint") : t("summary", { count: open.length })}</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        {open.length === 0 && (
          <p className="flex items-center gap-2 rounded-md bg-success/10 px-3 py-2 text-sm text-success" data-testid="attention-empty">
            <CircleCheck className="size-4" aria-hidden />
            {t("allClear")}
          </p>
        )}
        <ul className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
          {sorted.map((item) => (
            <li key={item.key}>
              <Link
                href={`/console/${mchNo}${item.href}`}
                data-testid={`attention-${item.key}`}
                data-count={item.count}
                className={cn(
                  "flex items-center justify-between gap-2 rounded-md border px-3 py-2 text-sm transition-colors hover:bg-accent",
                  item.count > 0 ? "border-warning/60 bg-warning/10 font-medium" : "text-muted-foreground",
                )}
              >
                <span className="min-w-0">{t(`items.${item.key}`)}</span>
                <span className="flex shrink-0 items-center gap-1">
                  <Badge variant={item.count > 0 ? "warning" : "outline"} className="tabular-nums">
                    {format.number(item.count)}
                  </Badge>
                  <ChevronRight className="size-4" aria-hidden />
                </span>
              </Link>
            </li>
          ))}
        </ul>
      </CardContent>
    </Card>
  );
}
