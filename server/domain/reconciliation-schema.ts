import { z } from "zod";
import { optionalText } from "./console-query-schema";
import { DIFFERENCE_STATUSES, DIFFERENCE_TYPES, FINANCE_RESOLUTIONS, isBillDate, RUN_STATUSES } from "./reconciliation";
import { isStorableText, UNSTORABLE_TEXT_MESSAGE } from "./storable-text";

/**
 * Inputs of the finance workflow of reconciliation (对账): which runs and differences to show, and
 * what finance does with a difference. Validated once here; the router stays thin.
 */

export { DIFFERENCE_STATUSES, DIFFERENCE_TYPES, RUN_STATUSES } from "./reconciliation";

/** `YYYY-MM-DD`, a real calendar day. */
export const billDateSchema = z.string().trim().refine(isBillDate, "billDate");
const optionalBillDate = z
  .string()
  .trim()
  .optional()
  .transform((v) => v || undefined)
  .refine((v) => v === undefined || isBillDate(v), "billDate");

/** `YYYY-MM`, the calendar's month. */
export const monthSchema = z
  .string()
  .trim()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "month");

const id = z.string().trim().min(1).max(64).refine(isStorableText, UNSTORABLE_TEXT_MESSAGE);
const dateOrder = (f: { from?: string; to?: string }) => !f.from || !f.to || f.from <= f.to;

/** Runs between two bill days (both included, at most a year), optionally of one channel account. */
export const runFiltersSchema = z
  .object({ from: optionalBillDate, to: optionalBillDate, channelAccountId: optionalText(64) })
  .refine(dateOrder, { message: "dateOrder", path: ["to"] });
export type RunFilters = z.output<typeof runFiltersSchema>;

export const calendarInputSchema = z.object({ month: monthSchema, channelAccountId: optionalText(64) });

/**
 * The discrepancy queue's filters. `assignee`: a user id, "me" (resolved by the router) or "none"
 * (unassigned). Without a status the queue shows what is left to do (OPEN and EXPECTED).
 */
export const differenceFiltersSchema = z
  .object({
    type: z.enum(DIFFERENCE_TYPES).optional().catch(undefined),
    status: z.enum([...DIFFERENCE_STATUSES, "UNSETTLED", "ALL"]).optional().catch(undefined),
    assignee: optionalText(64),
    from: optionalBillDate,
    to: optionalBillDate,
    channelAccountId: optionalText(64),
    runId: optionalText(64),
    q: optionalText(64),
    cursor: optionalText(200),
  })
  .refine(dateOrder, { message: "dateOrder", path: ["to"] });
export type DifferenceFilters = z.output<typeof differenceFiltersSchema>;

const note = z.string().trim().max(500).refine(isStorableText, UNSTORABLE_TEXT_MESSAGE);

export const assignDifferenceSchema = z.object({ differenceId: id, assigneeId: id.nullable() });
export const bulkAssignSchema = z.object({ differenceIds: z.array(id).min(1).max(100), assigneeId: id.nullable() });

export const commentDifferenceSchema = z.object({
  differenceId: id,
  body: z.string().trim().min(1, "required").max(2000).refine(isStorableText, UNSTORABLE_TEXT_MESSAGE),
});

/** A resolution finance chooses; EXPLAINED moves no money, so its note is the record: required. */
const resolutionFields = { resolution: z.enum(FINANCE_RESOLUTIONS), note: note.optional().transform((v) => v || undefined) };
const noteWhenExplained = (r: { resolution: string; note?: string }) => r.resolution !== "EXPLAINED" || !!r.note;

export const resolutionSchema = z.object(resolutionFields).refine(noteWhenExplained, { message: "noteRequired", path: ["note"] });
export type ResolutionInput = { resolution: (typeof FINANCE_RESOLUTIONS)[number]; note?: string };

export const resolveDifferenceSchema = z
  .object({ differenceId: id, ...resolutionFields })
  .refine(noteWhenExplained, { message: "noteRequired", path: ["note"] });
export const bulkResolveSchema = z
  .object({ differenceIds: z.array(id).min(1).max(100), ...resolutionFields })
  .refine(noteWhenExplained, { message: "noteRequired", path: ["note"] });

export const startRunSchema = z.object({ channelAccountId: id, billDate: billDateSchema });

/** The daily run of a channel account: on or off, at an hour of Beijing time (for the day before). */
export const reconScheduleSchema = z.object({
  channelAccountId: id,
  reconEnabled: z.boolean(),
  reconHour: z.coerce.number().int().min(0).max(23),
});
export type ReconScheduleInput = z.output<typeof reconScheduleSchema>;

/** Export of the discrepancy queue (the same filters as the queue, without paging). */
export const differenceExportFiltersSchema = z
  .object({
    type: z.enum(DIFFERENCE_TYPES).optional(),
    status: z.enum([...DIFFERENCE_STATUSES, "UNSETTLED", "ALL"]).optional(),
    from: optionalBillDate,
    to: optionalBillDate,
    channelAccountId: optionalText(64),
  })
  .refine(dateOrder, { message: "dateOrder", path: ["to"] });
export type DifferenceExportFilters = z.output<typeof differenceExportFiltersSchema>;

/** GET /api/v1/reconciliations: a day, and the cursor and page size of its open differences. */
export const reconciliationsQuerySchema = z.object({
  date: z.string().refine(isBillDate, "must be a calendar date YYYY-MM-DD"),
  after: z.string().regex(/^[0-9a-f-]{36}$/, "must be a nextCursor this endpoint returned").optional(),
  limit: z
    .string()
    .regex(/^\d{1,3}$/, "must be a whole number from 1 to 500")
    .transform(Number)
    .pipe(z.number().min(1).max(500))
    .default(100),
});
