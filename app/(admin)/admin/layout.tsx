import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { AlertBell } from "@/components/alerts/alert-bell";
import { AppShell } from "@/components/shell/app-shell";
import { ADMIN_NAV } from "@/components/shell/nav-items";
import { TRPCReactProvider } from "@/components/trpc/provider";
import { requireAdmin } from "@/server/auth/guards";

// /admin/* – the operator platform (platform role ADMIN)
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const user = await requireAdmin("/admin");
  const t = await getTranslations();
  return (
    <TRPCReactProvider>
      <AppShell title={t("common.admin")} base="/admin" nav={ADMIN_NAV} user={{ name: user.name, email: user.email, roleLabel: t("roles.ADMIN") }}
        headerExtra={<AlertBell mchNo={null} href="/admin/monitoring" />}
      >
        {children}
      </AppShell>
    </TRPCReactProvider>
  );
}
