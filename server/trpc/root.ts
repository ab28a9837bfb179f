import { createCallerFactory, router } from "./procedures";
import { adminRouter } from "./routers/admin";
import { cashierRouter } from "./routers/cashier";
import { merchantRouter } from "./routers/merchant";
import { routingRouter } from "./routers/routing";
import { viewerRouter } from "./routers/viewer";

export const appRouter = router({
  viewer: viewerRouter,
  merchant: merchantRouter,
  admin: adminRouter,
  cashier: cashierRouter,
  routing: routingRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
