import { createCallerFactory, router } from "./procedures";
import { adminRouter } from "./routers/admin";
import { cashierRouter } from "./routers/cashier";
import { exportsRouter } from "./routers/exports";
import { ledgerRouter } from "./routers/ledger";
import { merchantRouter } from "./routers/merchant";
import { reportsRouter } from "./routers/reports";
import { viewerRouter } from "./routers/viewer";

export const appRouter = router({
  viewer: viewerRouter,
  merchant: merchantRouter,
  admin: adminRouter,
  cashier: cashierRouter,
  ledger: ledgerRouter,
  reports: reportsRouter,
  exports: exportsRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
