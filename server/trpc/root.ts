import { createCallerFactory, router } from "./procedures";
import { adminRouter } from "./routers/admin";
import { cashierRouter } from "./routers/cashier";
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
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
