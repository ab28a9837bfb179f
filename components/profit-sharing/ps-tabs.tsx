import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { cn } from "@/components/ui/cn";

/** The profit-sharing pages' two tabs: receivers, rules (the app chosen stays). */
export async function ProfitSharingTabs({ mchNo, current, appId }: { mchNo: string; current: "receivers" | "rules"; appId?: string }) {
  const t = await getTranslations("profitSharing");
  const query = appId ? `?appId=${encodeURIComponent(appId)}` : "";
  const tabs = [
    { key: "receivers", href: `/console/${mchNo}/profit-sharing${query}`, label: t("tabReceivers") },
    { key: "rules", href: `/console/${mchNo}/profit-sharing/rules${query}`, label: t("tabRules") },
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
