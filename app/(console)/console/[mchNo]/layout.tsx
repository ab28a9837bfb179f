import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { AlertBell } from "@/components/alerts/alert-bell";
import { MerchantStatusBanner } from "@/components/console/merchant-status-banner";
import { AppShell } from "@/components/shell/app-shell";
import { MerchantSwitcher } from "@/components/shell/merchant-switcher";
import { CONSOLE_NAV } from "@/components/shell/nav-items";
import { TRPCReactProvider } from "@/components/trpc/provider";
import { requireUser } from "@/server/auth/guards";
import { can } from "@/server/domain/permissions";
import { getMerchantStatus } from "@/server/services/merchants/get-merchant-status";
import { listMemberships } from "@/server/services/merchants/list-memberships";

// /console/[mchNo]/* – the merchant console, for members of that merchant
export default async function ConsoleLayout({ children, params }: { children: ReactNode; params: Promise<{ mchNo: string }> }) {
  const { mchNo } = await params;
  const user = await requireUser(`/console/${mchNo}`);
  const memberships = await listMemberships(user.id);
  const current = memberships.find((m) => m.merchant.mchNo === mchNo);
  if (!current) notFound();
  const t = await getTranslations();
  const status = await getMerchantStatus(current.merchant.id);
  const nav = CONSOLE_NAV.map((group) => ({
    ...group,
    items: group.items.filter((item) => !item.capability || can(current.role, item.capability)),
  })).filter((group) => group.items.length > 0);
  const options = memberships.map((m) => ({ mchNo: m.merchant.mchNo, name: m.merchant.name, roleLabel: t(`roles.${m.role}`) }));
  return (
    <TRPCReactProvider>
      <AppShell
        title={t("common.console")}
        base={`/console/${mchNo}`}
        nav={nav}
        user={{ name: user.name, email: user.email, roleLabel: t(`roles.${current.role}`) }}
        sidebarTop={<MerchantSwitcher current={options.find((o) => o.mchNo === mchNo)!} options={options} />}
        headerExtra={can(current.role, "alerts.read") ? <AlertBell mchNo={mchNo} href={`/console/${mchNo}/monitoring`} /> : undefined}
      >
        <MerchantStatusBanner mchNo={mchNo} status={status.status} reason={status.statusReason} canManage={can(current.role, "merchant.manage")} />
        {children}
      </AppShell>
    </TRPCReactProvider>
  );
}
