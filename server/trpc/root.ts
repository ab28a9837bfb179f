import { createCallerFactory, router } from "./procedures";
import { accountRouter } from "./routers/account";
import { adminRouter } from "./routers/admin";
import { auditRouter } from "./routers/audit";
import { cashierRouter } from "./routers/cashier";
import { membersRouter } from "./routers/members";
import { merchantRouter } from "./routers/merchant";
import { profileRouter } from "./routers/profile";
import { viewerRouter } from "./routers/viewer";

export const appRouter = router({
  viewer: viewerRouter,
  merchant: merchantRouter,
  admin: adminRouter,
  cashier: cashierRouter,
  account: accountRouter,
  profile: profileRouter,
  members: membersRouter,
  audit: auditRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
