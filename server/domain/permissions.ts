/**
 * What each merchant role may do. One table, read by tRPC procedures (to refuse), by pages (to show
 * a 403) and by the console navigation (to hide what a role cannot open).
 * FINANCE sees money, not keys; DEVELOPER sees keys and webhooks; VIEWER reads orders (and buyers) only; DEALER
 * (经销商) reads the order center's orders of its own stores (Membership.storeIds) and nothing else. Issuing
 * coupons and granting points create liabilities to buyers: OWNER and FINANCE. CASHIER (门店收银员) takes payments at
 * the store POS for its own stores (Membership.storeIds) and sees their takings, nothing else.
 */
export const MEMBER_ROLES = ["OWNER", "DEVELOPER", "FINANCE", "VIEWER", "DEALER", "CASHIER"] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

export const CAPABILITIES = {
  "merchant.read": ["OWNER", "DEVELOPER", "FINANCE", "VIEWER"],
  "merchant.manage": ["OWNER"],
  "members.manage": ["OWNER"],
  "orders.read": ["OWNER", "DEVELOPER", "FINANCE", "VIEWER"],
  "orders.export": ["OWNER", "FINANCE"],
  // the order center (订单中心); a dealer's reads are narrowed to its stores by the services
  "orderCenter.read": ["OWNER", "DEVELOPER", "FINANCE", "VIEWER", "DEALER"],
  "orderCenter.manage": ["OWNER", "DEVELOPER"],
  "orderCenter.import": ["OWNER", "DEVELOPER"],
  "orderCenter.export": ["OWNER", "FINANCE", "DEALER"],
  "afterSales.review": ["OWNER", "FINANCE"],
  // the trade center's buyers (会员资产: wallet, points, coupons); a dealer's scope is stores, not buyers: none
  "buyers.read": ["OWNER", "DEVELOPER", "FINANCE", "VIEWER"],
  "buyers.manage": ["OWNER", "FINANCE"],
  "refunds.request": ["OWNER", "FINANCE"],
  "refunds.review": ["OWNER", "FINANCE"],
  "ledger.read": ["OWNER", "FINANCE"],
  "reports.read": ["OWNER", "FINANCE"],
  // reconciliation (对账): runs, differences and their resolution are finance's
  "recon.read": ["OWNER", "FINANCE"],
  "recon.manage": ["OWNER", "FINANCE"],
  // profit sharing (分账): receivers, rules and splits
  "profitSharing.read": ["OWNER", "DEVELOPER", "FINANCE"],
  "profitSharing.manage": ["OWNER", "FINANCE"],
  // settlement (结算): statements, their confirmation, payouts and voids, the cycle are finance's
  "settlement.read": ["OWNER", "FINANCE"],
  "settlement.manage": ["OWNER", "FINANCE"],
  "apps.read": ["OWNER", "DEVELOPER"],
  "apps.manage": ["OWNER", "DEVELOPER"],
  "keys.manage": ["OWNER", "DEVELOPER"],
  "channels.manage": ["OWNER", "DEVELOPER"],
  "routing.manage": ["OWNER", "DEVELOPER"],
  "webhooks.manage": ["OWNER", "DEVELOPER"],
  "audit.read": ["OWNER"],
  // risk control (风控): rules, blacklists and the review queue; reviewing an order held by a rule
  "risk.read": ["OWNER", "DEVELOPER", "FINANCE"],
  "risk.manage": ["OWNER"],
  "risk.review": ["OWNER", "FINANCE"],
  // consumer complaints (申诉): answering and refunding them
  "complaints.read": ["OWNER", "DEVELOPER", "FINANCE"],
  "complaints.manage": ["OWNER", "FINANCE"],
  // monitoring and alerts (监控告警): channel health, alert rules, robots and e-mail targets, incidents
  "alerts.read": ["OWNER", "DEVELOPER", "FINANCE"],
  "alerts.manage": ["OWNER", "DEVELOPER"],
  // the store POS (门店收银, barcode payment): the owner and store cashiers (narrowed to their stores)
  "pos.use": ["OWNER", "CASHIER"],
  // aggregated static QR codes (一码付): printing them is the developers' and owner's; reading, finance's too
  "qrCodes.read": ["OWNER", "DEVELOPER", "FINANCE"],
  "qrCodes.manage": ["OWNER", "DEVELOPER"],
  // the Open API request log (developer view): bodies are redacted, but they are integration detail
  "requestLogs.read": ["OWNER", "DEVELOPER"],
} as const satisfies Record<string, readonly MemberRole[]>;

export type Capability = keyof typeof CAPABILITIES;

export function can(role: MemberRole, capability: Capability): boolean {
  return (CAPABILITIES[capability] as readonly MemberRole[]).includes(role);
}

