import { z } from "zod";

/** The request log's filters (console): shared by the page's query string and the tRPC procedure. */
export const STATUS_CLASSES = ["2xx", "4xx", "5xx"] as const;

export const requestLogFiltersSchema = z.object({
  appId: z.string().min(1).max(64).optional(),
  statusClass: z.enum(STATUS_CLASSES).optional(),
  /** A path prefix as sent, e.g. /api/v1/refunds. */
  path: z.string().trim().max(200).regex(/^\/[\x21-\x7e]*$/).optional(),
  /** A request id or an Idempotency-Key, matched exactly. */
  q: z.string().trim().min(1).max(255).optional(),
  /** Keyset cursor: rows with a smaller id. */
  before: z.string().regex(/^\d{1,19}$/).optional(),
});

export type RequestLogFilters = z.infer<typeof requestLogFiltersSchema>;
