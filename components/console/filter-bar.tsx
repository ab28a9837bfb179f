import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";

/**
 * The filter row above a console table: a plain GET form, so filters live in the URL (shareable,
 * back-button friendly) and the server renders the result without client JavaScript.
 */
export function FilterBar({ children, resetHref, applyLabel, resetLabel }: { children: ReactNode; resetHref: string; applyLabel: string; resetLabel: string }) {
  return (
    <form method="get" className="flex flex-wrap items-end gap-3 rounded-lg border bg-card p-4" role="search">
      {children}
      <div className="flex gap-2">
        <button type="submit" className="h-9 rounded-md bg-primary px-4 text-sm font-medium text-primary-foreground hover:bg-primary/90">
          {applyLabel}
        </button>
        <a href={resetHref} className="inline-flex h-9 items-center rounded-md border px-4 text-sm hover:bg-accent">
          {resetLabel}
        </a>
      </div>
    </form>
  );
}

const control = "h-9 rounded-md border border-input bg-background px-3 text-sm shadow-xs focus-visible:outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50";

export function FilterField({ label, children, className }: { label: string; children: ReactNode; className?: string }) {
  return (
    <label className={cn("flex flex-col gap-1 text-xs font-medium text-muted-foreground", className)}>
      {label}
      {children}
    </label>
  );
}

export function FilterInput(props: React.ComponentProps<"input">) {
  return <input {...props} className={cn(control, "text-foreground", props.className)} />;
}

export function FilterSelect({ options, ...props }: React.ComponentProps<"select"> & { options: { value: string; label: string }[] }) {
  return (
    <select {...props} className={cn(control, "text-foreground", props.className)}>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

/** Query string of the current filters with some keys changed (undefined drops a key). */
export function withParams(params: Record<string, string | undefined>, changes: Record<string, string | undefined>): string {
  const merged = { ...params, ...changes };
  const search = new URLSearchParams(Object.entries(merged).filter((e): e is [string, string] => !!e[1]));
  const text = search.toString();
  return text ? `?${text}` : "";
}

/** A page's searchParams as plain strings (a repeated key: its first value). */
export function flatParams(raw: Record<string, string | string[] | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
}

/** A YYYY-MM-DD filter value, or undefined for anything else (what the exports accept). */
export function dateOnly(value: string | undefined): string | undefined {
  return value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined;
}
