import { createCallerFactory, router } from "./procedures";
import { adminRouter } from "./routers/admin";
import { appsRouter } from "./routers/apps";
import { cashierRouter } from "./routers/cashier";
import { channelAccountsRouter } from "./routers/channel-accounts";
import { merchantRouter } from "./routers/merchant";
import { ordersRouter } from "./routers/orders";
import { refundsRouter } from "./routers/refunds";
import { viewerRouter } from "./routers/viewer";
import { webhooksRouter } from "./routers/webhooks";

export const appRouter = router({
  viewer: viewerRouter,
  merchant: merchantRouter,
  admin: adminRouter,
  cashier: cashierRouter,
  orders: ordersRouter,
  refunds: refundsRouter,
  webhooks: webhooksRouter,
  apps: appsRouter,
  channelAccounts: channelAccountsRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
