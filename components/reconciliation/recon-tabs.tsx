import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { cn } from "@/components/ui/cn";

/** The reconciliation pages' two tabs: the calendar with its runs, the discrepancy queue. */
export async function ReconTabs({ mchNo, current }: { mchNo: string; current: "home" | "differences" }) {
  const t = await getTranslations("reconciliation");
  const tabs = [
    { key: "home", href: `/console/${mchNo}/reconciliation`, label: t("tabHome") },
    { key: "differences", href: `/console/${mchNo}/reconciliation/differences`, label: t("tabDifferences") },
  ] as const;
  return (
    <nav className="flex gap-1 border-b" aria-label={t("title")}>
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
