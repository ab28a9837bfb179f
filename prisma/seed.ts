/**
 * Demo data: an ACTIVE demo merchant with a TEST app and sandbox WeChat Pay + Alipay accounts, one
 * user per merchant role, an operator, and a second ACTIVE merchant (for tenant isolation).
 * `seedIfEmpty` runs on every `npm run dev` / `npm start` and only writes into an empty database;
 * `printDemoBanner` prints the logins and the demo app's credentials each time.
 *
 * DEMO_APP_ID / DEMO_APP_SECRET (and DEMO_APP2_ID / DEMO_APP2_SECRET) fix the apps' credentials so
 * scripts can drive the demo.
 */
import { randomUUID } from "node:crypto";
import { hashPassword } from "../server/auth/password.ts";
import { channelPlugin } from "../server/channels/registry.ts";
import { db } from "../server/db.ts";
import type { ChannelCode } from "../server/domain/channel-codes.ts";
import { newAppId, newAppSecret } from "../server/domain/ids.ts";
import { generateSandboxCredentials, provisionSandboxMerchant } from "../server/sandbox/index.ts";
import { decryptSecret, encryptSecret, secretContext } from "../server/secrets.ts";
import { ensureDefaultRouteRule } from "../server/services/routing/ensure-default-route-rule.ts";

import { seedDemoBuyerAssets, seedDemoOrders } from "./seed-orders.ts";
import { seedDemoReconciliation } from "./seed-reconciliation.ts";
import { seedDemoSettlement } from "./seed-settlement.ts";
import { seedDemoRisk } from "./seed-risk.ts";
import { seedDemoAlerts } from "./seed-alerts.ts";
import { seedDemoHistory } from "./seed-history.ts";

export const DEMO_PASSWORD = "PayCenter@2026";

export const DEMO_USERS = [
  { email: "admin@paycenter.local", name: "平台运营 Ada", platformRole: "ADMIN" as const, memberships: [] },
  { email: "owner@demo.local", name: "店主 Olivia", memberships: [{ mchNo: "M10000001", role: "OWNER" as const }] },
  {
    email: "dev@demo.local",
    name: "开发 Deng",
    memberships: [
      { mchNo: "M10000001", role: "DEVELOPER" as const },
      { mchNo: "M10000002", role: "DEVELOPER" as const },
    ],
  },
  { email: "finance@demo.local", name: "财务 Fang", memberships: [{ mchNo: "M10000001", role: "FINANCE" as const }] },
  { email: "viewer@demo.local", name: "客服 Wei", memberships: [{ mchNo: "M10000001", role: "VIEWER" as const }] },
  { email: "owner@acme.local", name: "Acme 物业 Alan", memberships: [{ mchNo: "M10000002", role: "OWNER" as const }] },
  // a dealer (经销商) of Demo Store: sees the order center's orders of store S01 only
  { email: "dealer@demo.local", name: "经销商 Du", memberships: [{ mchNo: "M10000001", role: "DEALER" as const, storeIds: ["S01"] }] },
  // a store cashier (门店收银员) of Demo Store: takes payments at the POS page for store S01 and sees its takings
  { email: "cashier@demo.local", name: "收银员 Chen", memberships: [{ mchNo: "M10000001", role: "CASHIER" as const, storeIds: ["S01"] }] },
];

const MERCHANTS = [
  {
    mchNo: "M10000001",
    name: "演示商城 Demo Store",
    // Refunds above ¥500 wait for a finance user's review (退款审核).
    app: { name: "演示商城 · 测试", idEnv: "DEMO_APP_ID", secretEnv: "DEMO_APP_SECRET", refundReviewThreshold: 50_000n as bigint | null },
  },
  {
    mchNo: "M10000002",
    name: "Acme 物业 Acme Property",
    app: { name: "Acme 物业缴费 · 测试", idEnv: "DEMO_APP2_ID", secretEnv: "DEMO_APP2_SECRET", refundReviewThreshold: null },
  },
];

/**
 * The demo accounts every seeded app gets (all of the plugin's modes), in this order. A channel
 * listed here is seeded; a new one may join with its own defaults.
 */
const DEMO_CHANNELS: Partial<Record<ChannelCode, { name: string; feeRateBps: number; priority: number }>> = {
  wechatpay: { name: "微信支付 · 沙箱", feeRateBps: 60, priority: 20 },
  alipay: { name: "支付宝 · 沙箱", feeRateBps: 55, priority: 10 },
  unionpay: { name: "银联 · 沙箱", feeRateBps: 50, priority: 5 },
};

/** The channels the demo apps have accounts with. */
const DEMO_CHANNEL_CODES = Object.keys(DEMO_CHANNELS) as ChannelCode[];

/**
 * A channel account of a TEST app with fresh sandbox credentials, registered with the built-in
 * sandbox as a contract with the channel would be (demo data, and tests that need a second account).
 */
export async function createSandboxChannelAccount(
  merchantId: string,
  appId: string,
  channel: ChannelCode,
  overrides: { name?: string; priority?: number; feeRateBps?: number; subsidyBps?: number } = {},
) {
  const defaults = DEMO_CHANNELS[channel] ?? { name: channel, feeRateBps: 60, priority: 0 };
  const generated = await generateSandboxCredentials(channel);
  const id = randomUUID();
  const account = await db.channelAccount.create({
    data: {
      id,
      merchantId,
      appId,
      channel,
      name: overrides.name ?? defaults.name,
      modes: [...channelPlugin(channel).modes],
      feeRateBps: overrides.feeRateBps ?? defaults.feeRateBps,
      subsidyBps: overrides.subsidyBps ?? 0,
      priority: overrides.priority ?? defaults.priority,
      credentialsEnc: encryptSecret(JSON.stringify(generated.credentials), secretContext.channelCredentials(id)),
    },
  });
  await provisionSandboxMerchant(db, channel, id, generated);
  return account;
}

async function seedMerchant(spec: (typeof MERCHANTS)[number]) {
  const merchant = await db.merchant.create({ data: { mchNo: spec.mchNo, name: spec.name, status: "ACTIVE" } });
  const appId = process.env[spec.app.idEnv] || newAppId();
  const secret = process.env[spec.app.secretEnv] || newAppSecret("TEST");
  await db.app.create({
    data: {
      id: appId,
      merchantId: merchant.id,
      name: spec.app.name,
      mode: "TEST",
      refundReviewThreshold: spec.app.refundReviewThreshold,
      secretEnc: encryptSecret(secret, secretContext.appSecret(appId)),
    },
  });
  // Every app has its default route rule (whoever creates an app calls this).
  await ensureDefaultRouteRule(db, appId);
  for (const channel of DEMO_CHANNEL_CODES) await createSandboxChannelAccount(merchant.id, appId, channel);
  return merchant;
}

/**
 * Writes the demo data when the database has no merchant yet. Returns whether it seeded. `orders`: also
 * the order center's demo orders (for people trying the product; tests leave them out); `reconciliation`: yesterday's
 * reconciliation with one open discrepancy (the demo and the e2e suite); `settlement`: yesterday's statement, a draft
 * cut from the journal (after the reconciliation's payments); `risk`: the demo merchant's risk rules (seed-risk.ts);
 * `history`: 90 days of the demo store's payments and refunds (seed-history.ts), so reports and the overview have a past.
 */
export async function seedIfEmpty(options: { orders?: boolean; reconciliation?: boolean; settlement?: boolean; risk?: boolean; alerts?: boolean; history?: boolean } = {}): Promise<boolean> {
  if ((await db.merchant.count()) > 0) return false;
  const merchants = new Map<string, string>();
  for (const spec of MERCHANTS) merchants.set(spec.mchNo, (await seedMerchant(spec)).id);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const user of DEMO_USERS) {
    await db.user.create({
      data: {
        email: user.email,
        name: user.name,
        passwordHash,
        platformRole: "platformRole" in user ? user.platformRole : null,
        memberships: {
          create: user.memberships.map((m) => ({ role: m.role, merchantId: merchants.get(m.mchNo) as string, storeIds: "storeIds" in m ? m.storeIds : [] })),
        },
      },
    });
  }
  if (options.orders) {
    const demoApp = await db.app.findFirstOrThrow({ where: { merchantId: merchants.get("M10000001") }, select: { id: true, merchantId: true } });
    await seedDemoOrders(demoApp);
    await seedDemoBuyerAssets(demoApp);
  }
  if (options.history) {
    const demoApp = await db.app.findFirstOrThrow({ where: { merchantId: merchants.get("M10000001") }, select: { id: true, merchantId: true } });
    await seedDemoHistory(demoApp);
  }
  if (options.reconciliation) {
    const demoApp = await db.app.findFirstOrThrow({ where: { merchantId: merchants.get("M10000001") }, select: { id: true, merchantId: true } });
    await seedDemoReconciliation(demoApp);
  }
  if (options.settlement) await seedDemoSettlement(merchants.get("M10000001") as string);
  if (options.risk) await seedDemoRisk(merchants.get("M10000001") as string);
  if (options.alerts) await seedDemoAlerts(merchants.get("M10000001") as string);
  return true;
}

/** The demo logins and the demo apps' credentials, for the start-up banner. */
export async function demoBanner(): Promise<string> {
  const apps = await db.app.findMany({
    where: { merchant: { mchNo: { in: MERCHANTS.map((m) => m.mchNo) } }, mode: "TEST" },
    orderBy: { createdAt: "asc" },
    select: { id: true, secretEnc: true, merchant: { select: { name: true } } },
  });
  const lines = [
    "Demo logins (password for all: " + DEMO_PASSWORD + ")",
    ...DEMO_USERS.map((u) => {
      const role = "platformRole" in u ? "operator" : u.memberships.map((m) => `${m.role} of ${m.mchNo}${"storeIds" in m ? ` (stores ${m.storeIds.join(", ")})` : ""}`).join(", ");
      return `  ${u.email.padEnd(24)} ${role}`;
    }),
    "Demo apps (Open API: X-App-Id / HMAC secret)",
    ...apps.map((app) => {
      let secret = "(sealed with another PAYCENTER_ENCRYPTION_KEY)";
      try {
        secret = decryptSecret(app.secretEnc, secretContext.appSecret(app.id));
      } catch {
        // keep the placeholder: the banner must not stop the app
      }
      return `  ${app.merchant.name}: ${app.id}  ${secret}`;
    }),
  ];
  return lines.join("\n");
}
