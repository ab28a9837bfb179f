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

export function FilterInput({ label, className, type = "text", ...input }: ComponentProps<"input"> & { name: string; label: string }) {
  return (
    <label className={cn("grid gap-1 text-xs font-medium text-muted-foreground", className)}>
      {label}
      <input type={type} {...input} className={cn(control, className && "w-full")} />
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
