"use client";

import { CheckIcon, CopyIcon } from "lucide-react";
import { useTranslations } from "next-intl";
import * as React from "react";

import { cn } from "./cn";

/**
 * A long identifier (order no., trade no., request id) shown in a narrow column: truncated with an ellipsis, the
 * whole value in the tooltip, and a small button that copies it. `children` replaces the text (e.g. a link).
 */
export function CopyableId({
  value,
  className,
  maxWidth = "max-w-40",
  children,
  testId,
}: {
  value: string;
  className?: string;
  /** a Tailwind max-width class for the text */
  maxWidth?: string;
  children?: React.ReactNode;
  testId?: string;
}) {
  const t = useTranslations("dataTable");
  const [copied, setCopied] = React.useState(false);
  React.useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 1500);
    return () => clearTimeout(timer);
  }, [copied]);
  return (
    <span className={cn("inline-flex min-w-0 max-w-full items-center gap-1 align-middle font-mono text-xs", className)} data-testid={testId}>
      <span className={cn("min-w-0 truncate", maxWidth)} title={value}>
        {children ?? value}
      </span>
      <button
        type="button"
        data-slot="copy-id"
        aria-label={copied ? t("copied") : t("copy", { value })}
        title={copied ? t("copied") : t("copy", { value: "" }).trim()}
        className="inline-flex size-5 shrink-0 items-center justify-center rounded text-muted-foreground hover:bg-muted hover:text-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring/50"
        onClick={async (event) => {
          event.preventDefault();
          event.stopPropagation();
          await navigator.clipboard?.writeText(value).catch(() => undefined);
          setCopied(true);
        }}
      >
        {copied ? <CheckIcon className="size-3.5" aria-hidden /> : <CopyIcon className="size-3.5" aria-hidden />}
      </button>
    </span>
  );
}
