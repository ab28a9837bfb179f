import { ShieldCheck } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { LocaleSwitcher } from "@/components/i18n/locale-switcher";
import { Toaster } from "@/components/live/toaster";
import type { NavGroup } from "./nav-items";
import { MobileNav } from "./mobile-nav";
import { SidebarNav } from "./sidebar-nav";
import { UserMenu } from "./user-menu";

type Props = {
  title: string;
  base: string;
  nav: NavGroup[];
  user: { name: string; email: string; roleLabel: string };
  /** Above the navigation (the merchant switcher in the console). */
  sidebarTop?: ReactNode;
  /** In the top bar before the language switcher (the alerts bell). */
  headerExtra?: ReactNode;
  children: ReactNode;
};

/** The console's and the operator platform's frame: sidebar, top bar, content. */
export function AppShell({ title, base, nav, user, sidebarTop, headerExtra, children }: Props) {
  return (
    <div className="flex min-h-screen bg-muted/30">
      <aside className="sticky top-0 hidden h-screen w-64 shrink-0 flex-col border-r bg-background md:flex">
        <Link href={base} className="flex h-14 items-center gap-2 border-b px-5 font-semibold">
          <ShieldCheck className="size-5 text-primary" />
          {title}
        </Link>
        {sidebarTop && <div className="border-b p-3">{sidebarTop}</div>}
        <div className="flex-1 overflow-y-auto">
          <SidebarNav base={base} groups={nav} />
        </div>
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="sticky top-0 z-10 flex h-14 items-center justify-end gap-2 border-b bg-background/95 px-4 backdrop-blur">
          <MobileNav title={title} base={base} nav={nav} sidebarTop={sidebarTop} />
          <span className="mr-auto font-semibold md:hidden">{title}</span>
          {headerExtra}
          <LocaleSwitcher />
          <UserMenu {...user} />
        </header>
        <main className="flex-1 p-4 md:p-8">{children}</main>
      </div>
      <Toaster />
    </div>
  );
}
