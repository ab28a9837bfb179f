import { createCallerFactory, router } from "./procedures";
import { accountRouter } from "./routers/account";
import { adminRouter } from "./routers/admin";
import { appsRouter } from "./routers/apps";
import { auditRouter } from "./routers/audit";
import { buyersRouter } from "./routers/buyers";
import { cashierRouter } from "./routers/cashier";
import { channelAccountsRouter } from "./routers/channel-accounts";
import { exportsRouter } from "./routers/exports";
import { ledgerRouter } from "./routers/ledger";
import { membersRouter } from "./routers/members";
import { merchantRouter } from "./routers/merchant";
import { ordersRouter } from "./routers/orders";
import { payOrdersRouter } from "./routers/pay-orders";
import { profileRouter } from "./routers/profile";
import { profitSharingRouter } from "./routers/profit-sharing";
import { reconciliationRouter } from "./routers/reconciliation";
import { refundsRouter } from "./routers/refunds";
import { reportsRouter } from "./routers/reports";
import { routingRouter } from "./routers/routing";
import { settlementRouter } from "./routers/settlement";
import { viewerRouter } from "./routers/viewer";
import { webhooksRouter } from "./routers/webhooks";
import { complaintsRouter } from "./routers/complaints";
import { complaintsAdminRouter } from "./routers/complaints-admin";
import { alertsRouter } from "./routers/alerts";
import { adminAlertsRouter } from "./routers/admin-alerts";
import { riskRouter } from "./routers/risk";
import { adminRiskRouter } from "./routers/admin-risk";
import { posRouter } from "./routers/pos";
import { qrCodesRouter } from "./routers/qr-codes";
import { appRateLimitsRouter } from "./routers/app-rate-limits";
import { requestLogsRouter } from "./routers/request-logs";
import { appKeysRouter } from "./routers/app-keys";

export const appRouter = router({
  viewer: viewerRouter,
  merchant: merchantRouter,
  admin: adminRouter,
  cashier: cashierRouter,
  payOrders: payOrdersRouter,
  refunds: refundsRouter,
  webhooks: webhooksRouter,
  apps: appsRouter,
  channelAccounts: channelAccountsRouter,
  account: accountRouter,
  profile: profileRouter,
  members: membersRouter,
  audit: auditRouter,
  routing: routingRouter,
  ledger: ledgerRouter,
  reports: reportsRouter,
  exports: exportsRouter,
  orders: ordersRouter,
  buyers: buyersRouter,
  reconciliation: reconciliationRouter,
  profitSharing: profitSharingRouter,
  settlement: settlementRouter,
  complaints: complaintsRouter,
  complaintsAdmin: complaintsAdminRouter,
  alerts: alertsRouter,
  adminAlerts: adminAlertsRouter,
  risk: riskRouter,
  adminRisk: adminRiskRouter,
  pos: posRouter,
  qrCodes: qrCodesRouter,
  appRateLimits: appRateLimitsRouter,
  requestLogs: requestLogsRouter,
  appKeys: appKeysRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
