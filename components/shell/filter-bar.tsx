import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";

/** A GET form of filters: the URL holds the filters, so a filtered page can be reloaded and shared. */
export async function FilterBar({ path, children }: { path: string; children: ReactNode }) {
  const t = await getTranslations("filters");
  return (
    <form method="get" action={path} className="flex flex-wrap items-end gap-3" data-testid="filter-bar">
      {children}
      <Button type="submit" size="sm">
        {t("apply")}
      </Button>
      <Button asChild variant="ghost" size="sm">
        <Link href={path}>{t("reset")}</Link>
      </Button>
    </form>
  );
}

export function FilterInput({ name, label, defaultValue, placeholder, type = "text" }: { name: string; label: string; defaultValue?: string; placeholder?: string; type?: string }) {
  return (
    <label className="grid gap-1 text-xs font-medium text-muted-foreground">
      {label}
      <input
        name={name}
        type={type}
        defaultValue={defaultValue}
        placeholder={placeholder}
        className="h-8 w-44 rounded-md border bg-background px-2 text-sm text-foreground shadow-xs outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50"
      />
    </label>
  );
}

export function FilterSelect({ name, label, defaultValue, options }: { name: string; label: string; defaultValue?: string; options: { value: string; label: string }[] }) {
  return (
    <label className="grid gap-1 text-xs font-medium text-muted-foreground">
      {label}
      <select
        name={name}
        defaultValue={defaultValue ?? ""}
        className="h-8 w-44 rounded-md border bg-background px-2 text-sm text-foreground shadow-xs outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50"
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}
