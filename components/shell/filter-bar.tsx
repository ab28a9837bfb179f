import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ComponentProps, ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";

/**
 * The filter row above a console or operator table: a plain GET form, so the filters live in the URL
 * (a filtered page can be reloaded, shared and gone back to) and the server renders the result.
 */
export async function FilterBar({ path, children }: { path: string; children: ReactNode }) {
  const t = await getTranslations("filters");
  return (
    <form method="get" action={path} role="search" className="flex flex-wrap items-end gap-3 rounded-lg border bg-card p-4" data-testid="filter-bar">
      {children}
      <div className="flex gap-2">
        <Button type="submit" size="sm">
          {t("apply")}
        </Button>
        <Button asChild variant="ghost" size="sm">
          <Link href={path}>{t("reset")}</Link>
        </Button>
      </div>
    </form>
  );
}

const control =
  "h-8 w-44 rounded-md border bg-background px-2 text-sm text-foreground shadow-xs outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50";

/** A text filter; `error` (already translated) marks the field invalid and says why, keeping what was typed. */
export function FilterInput({ label, className, type = "text", error, ...input }: ComponentProps<"input"> & { name: string; label: string; error?: string }) {
  const errorId = error ? `filter-${input.name}-error` : undefined;
  return (
    <label className={cn("grid gap-1 text-xs font-medium text-muted-foreground", className)}>
      {label}
      {/* above the box, so the boxes of the row stay on one line (the bar aligns them at the bottom) */}
      {error && (
        <span id={errorId} className="font-normal text-destructive" data-testid={`filter-error-${input.name}`}>
          {error}
        </span>
      )}
      <input
        type={type}
        {...input}
        aria-invalid={error ? true : undefined}
        aria-describedby={errorId}
        className={cn(control, className && "w-full", error && "border-destructive focus-visible:ring-destructive/30")}
      />
    </label>
  );
}

export function FilterSelect({
  label,
  defaultValue,
  options,
  className,
  ...select
}: ComponentProps<"select"> & { name: string; label: string; options: { value: string; label: string }[] }) {
  return (
    <label className={cn("grid gap-1 text-xs font-medium text-muted-foreground", className)}>
      {label}
      <select defaultValue={defaultValue ?? ""} {...select} className={control}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}
