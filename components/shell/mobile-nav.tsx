"use client";

import { Menu, ShieldCheck } from "lucide-react";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { Dialog as DialogPrimitive } from "radix-ui";
import { type ReactNode, useEffect, useState } from "react";
import type { NavGroup } from "./nav-items";
import { SidebarNav } from "./sidebar-nav";

/** On phones the sidebar is a drawer behind a menu button; it closes when a page is chosen. */
export function MobileNav({ title, base, nav, sidebarTop }: { title: string; base: string; nav: NavGroup[]; sidebarTop?: ReactNode }) {
  const t = useTranslations("common");
  const [open, setOpen] = useState(false);
  const pathname = usePathname();
  useEffect(() => setOpen(false), [pathname]);
  return (
    <DialogPrimitive.Root open={open} onOpenChange={setOpen}>
      <DialogPrimitive.Trigger className="mr-1 inline-flex size-9 items-center justify-center rounded-md hover:bg-accent md:hidden" aria-label={t("menu")}>
        <Menu className="size-5" />
      </DialogPrimitive.Trigger>
      <DialogPrimitive.Portal>
        <DialogPrimitive.Overlay className="fixed inset-0 z-40 bg-black/40 md:hidden" />
        <DialogPrimitive.Content className="fixed inset-y-0 left-0 z-50 flex w-72 max-w-[85vw] flex-col border-r bg-background shadow-lg outline-none md:hidden">
          <DialogPrimitive.Title className="flex h-14 items-center gap-2 border-b px-5 font-semibold">
            <ShieldCheck className="size-5 text-primary" />
            {title}
          </DialogPrimitive.Title>
          <DialogPrimitive.Description className="sr-only">{t("menu")}</DialogPrimitive.Description>
          {sidebarTop && <div className="border-b p-3">{sidebarTop}</div>}
          <div className="flex-1 overflow-y-auto">
            <SidebarNav base={base} groups={nav} />
          </div>
        </DialogPrimitive.Content>
      </DialogPrimitive.Portal>
    </DialogPrimitive.Root>
  );
}
