"use client";

import {
  FileSearch,
  FileCode2,
  Activity,
  MessageSquareWarning,
  ShieldAlert,
  AlertTriangle,
  BadgeCheck,
  BookOpen,
  Building2,
  ChartColumn,
  IdCard,
  KeyRound,
  LayoutDashboard,
  type LucideIcon,
  Package,
  QrCode,
  Receipt,
  ScanLine,
  Route,
  Scale,
  Banknote,
  Split,
  ScrollText,
  Store,
  Undo2,
  Users,
  Wallet,
  Webhook,
} from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import type { NavGroup } from "./nav-items";
import { knownMessage } from "@/server/i18n/known-message";

const ICONS: Record<string, LucideIcon> = {
  "layout-dashboard": LayoutDashboard,
  package: Package,
  receipt: Receipt,
  undo: Undo2,
  book: BookOpen,
  chart: ChartColumn,
  key: KeyRound,
  wallet: Wallet,
  "id-card": IdCard,
  route: Route,
  webhook: Webhook,
  users: Users,
  scroll: ScrollText,
  scale: Scale,
  banknote: Banknote,
  split: Split,
  store: Store,
  "badge-check": BadgeCheck,
  alert: AlertTriangle,
  shield: ShieldAlert,
  "message-warning": MessageSquareWarning,
  activity: Activity,
  building: Building2,
  scan: ScanLine,
  qr: QrCode,
  "file-search": FileSearch,
  code: FileCode2,
};

/** Side navigation. `groups` are already filtered to what the user's role may open. */
export function SidebarNav({ base, groups }: { base: string; groups: NavGroup[] }) {
  const t = useTranslations("nav");
  const tc = useTranslations("common");
  const pathname = usePathname();
  return (
    <nav className="flex flex-col gap-5 p-3" aria-label="main">
      {groups.map((group) => (
        <div key={group.key} className="flex flex-col gap-1">
          <p className="px-3 text-xs font-medium uppercase tracking-wide text-muted-foreground">{knownMessage(t, group.key, group.key)}</p>
          {group.items.map((item) => {
            const Icon = ICONS[item.icon] ?? LayoutDashboard;
            if (item.href === undefined) {
              return (
                <span key={item.key} className="flex items-center gap-2 rounded-md px-3 py-2 text-sm text-muted-foreground/70" aria-disabled>
                  <Icon className="size-4" />
                  <span className="flex-1">{knownMessage(t, item.key, item.key)}</span>
                  <Badge variant="outline" className="text-[10px] font-normal">
                    {tc("soon")}
                  </Badge>
                </span>
              );
            }
            const href = `${base}${item.href}`;
            const active = item.href === "" ? pathname === base : pathname.startsWith(href);
            return (
              <Link
                key={item.key}
                href={href}
                aria-current={active ? "page" : undefined}
                className={cn(
                  "flex items-center gap-2 rounded-md px-3 py-2 text-sm transition-colors hover:bg-muted",
                  active && "bg-primary/10 font-medium text-primary",
                )}
              >
                <Icon className="size-4" />
                {knownMessage(t, item.key, item.key)}
              </Link>
            );
          })}
        </div>
      ))}
    </nav>
  );
}
