import { ShieldCheck } from "lucide-react";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { LanguageToggle } from "./language-toggle";

/**
 * The cashier's page: a centred card on a desktop, the whole width on a phone, with the
 * reassurance line and the language switch under it.
 */
export async function CashierFrame({ children }: { children: ReactNode }) {
  const t = await getTranslations("cashier");
  return (
    <main className="flex min-h-dvh flex-col bg-card sm:items-center sm:justify-center sm:bg-muted/60 sm:px-6 sm:py-10">
      <div className="flex w-full flex-1 flex-col sm:max-w-md sm:flex-none">
        <div className="flex-1 bg-card sm:overflow-hidden sm:rounded-2xl sm:border sm:shadow-lg sm:shadow-primary/5">{children}</div>
        <footer className="flex items-center justify-between gap-4 border-t px-5 py-3 text-xs text-muted-foreground sm:border-t-0 sm:px-1">
          <span className="inline-flex items-center gap-1.5">
            <ShieldCheck className="size-3.5 text-success" aria-hidden="true" />
            {t("secured")}
          </span>
          <LanguageToggle />
        </footer>
      </div>
    </main>
  );
}
