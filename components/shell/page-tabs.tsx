import Link from "next/link";
import { cn } from "@/components/ui/cn";

export type PageTab = { key: string; href: string; label: string };

/** Tabs that are links between the pages of one area (reconciliation, profit sharing): the current one underlined. */
export function PageTabs({ tabs, current, label }: { tabs: readonly PageTab[]; current: string; label: string }) {
  return (
    <nav className="flex gap-1 border-b" aria-label={label}>
      {tabs.map((tab) => (
        <Link
          key={tab.key}
          href={tab.href}
          aria-current={current === tab.key ? "page" : undefined}
          className={cn(
            "-mb-px border-b-2 px-3 py-2 text-sm",
            current === tab.key ? "border-primary font-medium text-foreground" : "border-transparent text-muted-foreground hover:text-foreground",
          )}
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
