import { z } from "zod";
import { reportRangeSchema } from "./report-range";

/** A dashboard request: the range (local days), optionally one app, one currency (amounts never mix currencies). */
export const dashboardInputSchema = z.object({
  range: reportRangeSchema,
  appId: z.string().min(1).max(64).optional(),
  currency: z.string().regex(/^[A-Z]{3}$/).default("CNY"),
});

/** The operators' dashboard: every merchant, or one by mchNo. */
export const adminDashboardInputSchema = z.object({
  range: reportRangeSchema,
  merchantMchNo: z.string().min(1).max(32).optional(),
  currency: z.string().regex(/^[A-Z]{3}$/).default("CNY"),
});
