import { createCallerFactory, router } from "./procedures";
import { adminRouter } from "./routers/admin";
import { merchantRouter } from "./routers/merchant";
import { viewerRouter } from "./routers/viewer";

export const appRouter = router({
  viewer: viewerRouter,
  merchant: merchantRouter,
  admin: adminRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
