import type { Capability } from "@/server/domain/permissions";

export type NavItem = {
  key: string;
  /** Path below the section root; undefined while the feature is not built yet (shown as "soon"). */
  href?: string;
  capability?: Capability;
  icon: string;
};

export type NavGroup = { key: string; items: NavItem[] };

/** The console's navigation. Items a role lacks the capability for are hidden. */
export const CONSOLE_NAV: NavGroup[] = [
  {
    key: "groupPayments",
    items: [
      { key: "overview", href: "", capability: "merchant.read", icon: "layout-dashboard" },
      { key: "orderCenter", href: "/orders", capability: "orderCenter.read", icon: "package" },
      { key: "buyers", href: "/buyers", capability: "buyers.read", icon: "id-card" },
      { key: "payOrders", href: "/pay-orders", capability: "orders.read", icon: "receipt" },
      { key: "refunds", href: "/refunds", capability: "orders.read", icon: "undo" },
      { key: "complaints", href: "/complaints", capability: "complaints.read", icon: "message-warning" },
      { key: "pos", href: "/pos", capability: "pos.use", icon: "scan" },
      { key: "qrCodes", href: "/qr-codes", capability: "qrCodes.read", icon: "qr" },
    ],
  },
  {
    key: "groupFinance",
    items: [
      { key: "ledger", href: "/ledger", capability: "ledger.read", icon: "book" },
      { key: "reports", href: "/reports", capability: "reports.read", icon: "chart" },
      { key: "reconciliation", href: "/reconciliation", capability: "recon.read", icon: "scale" },
      { key: "settlement", href: "/settlement", capability: "settlement.read", icon: "banknote" },
      { key: "profitSharing", href: "/profit-sharing", capability: "profitSharing.read", icon: "split" },
    ],
  },
  {
    key: "groupRisk",
    items: [
      { key: "risk", href: "/risk", capability: "risk.read", icon: "shield" },
      { key: "monitoring", href: "/monitoring", capability: "alerts.read", icon: "activity" },
    ],
  },
  {
    key: "groupDevelopers",
    items: [
      { key: "apps", href: "/apps", capability: "apps.read", icon: "key" },
      { key: "channels", href: "/channels", capability: "channels.manage", icon: "wallet" },
      { key: "routing", href: "/routing", capability: "routing.manage", icon: "route" },
      { key: "webhooks", href: "/webhooks", capability: "webhooks.manage", icon: "webhook" },
      { key: "requestLogs", href: "/requests", capability: "requestLogs.read", icon: "file-search" },
      { key: "apiReference", href: "/developers/api-reference", capability: "apps.read", icon: "code" },
    ],
  },
  {
    key: "groupSettings",
    items: [
      { key: "settings", href: "/settings", capability: "merchant.manage", icon: "building" },
      { key: "members", href: "/members", capability: "members.manage", icon: "users" },
      { key: "audit", href: "/audit", capability: "audit.read", icon: "scroll" },
    ],
  },
];

export const ADMIN_NAV: NavGroup[] = [
  {
    key: "groupPlatform",
    items: [
      { key: "merchants", href: "", icon: "store" },
      { key: "reports", href: "/reports", icon: "chart" },
      { key: "reviews", href: "/reviews", icon: "badge-check" },
      { key: "callbacks", href: "/callbacks", icon: "alert" },
      { key: "risk", href: "/risk", icon: "shield" },
      { key: "complaints", href: "/complaints", icon: "message-warning" },
      { key: "monitoring", href: "/monitoring", icon: "activity" },
      { key: "audit", href: "/audit", icon: "scroll" },
    ],
  },
];
