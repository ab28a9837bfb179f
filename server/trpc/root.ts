import { createCallerFactory, router } from "./procedures";
import { adminRouter } from "./routers/admin";
import { appsRouter } from "./routers/apps";
import { cashierRouter } from "./routers/cashier";
import { channelAccountsRouter } from "./routers/channel-accounts";
import { merchantRouter } from "./routers/merchant";
import { viewerRouter } from "./routers/viewer";

export const appRouter = router({
  viewer: viewerRouter,
  merchant: merchantRouter,
  admin: adminRouter,
  cashier: cashierRouter,
  apps: appsRouter,
  channelAccounts: channelAccountsRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
