import { z } from "zod";
import { addDays, localDate, localDateSchema } from "./report-range";
import { SETTLEMENT_CYCLES, SETTLEMENT_SCOPES, SETTLEMENT_SOURCES, SETTLEMENT_STATUSES, STATEMENT_NO_PATTERN } from "./settlement";
import { isStorableText, UNSTORABLE_TEXT_MESSAGE } from "./storable-text";

/** Inputs of settlement (结算): the settings form, a statement's steps, the console list and the Open API query. */

/** Longest range of the Open API's statements query. */
export const MAX_SETTLEMENT_RANGE_DAYS = 93;

const text = (min: number, max: number) => z.string().trim().min(min).max(max).refine(isStorableText, UNSTORABLE_TEXT_MESSAGE);

export const statementNoSchema = z.string().trim().regex(STATEMENT_NO_PATTERN, "statementNo");

export const settlementSettingSchema = z.object({
  cycle: z.enum(SETTLEMENT_CYCLES),
  scope: z.enum(SETTLEMENT_SCOPES),
  source: z.enum(SETTLEMENT_SOURCES),
});
export type SettlementSettingInput = z.output<typeof settlementSettingSchema>;

/** Finance's payout record: the bank's reference, the day it was paid (not in the future, Beijing), a note. */
export function payoutFormSchema(now: () => Date = () => new Date()) {
  return z.object({
    reference: text(1, 64),
    paidAt: localDateSchema.refine((d) => d <= localDate(now()), "notInFuture"),
    note: z
      .string()
      .trim()
      .max(200)
      .refine(isStorableText, UNSTORABLE_TEXT_MESSAGE)
      .optional()
      .transform((v) => v || undefined),
  });
}
export const payoutSchema = payoutFormSchema();
export type PayoutInput = { reference: string; paidAt: string; note?: string };

export const voidSchema = z.object({ reason: text(1, 200) });

const isDay = (value: unknown) => localDateSchema.safeParse(value).success;
const dateOrder = (f: { from?: string; to?: string }) => !f.from || !f.to || f.from <= f.to;

/** The console's list: status, a range of period days (both included), keyset cursor (a statementNo). */
export const statementFiltersSchema = z
  .object({
    status: z.enum(SETTLEMENT_STATUSES).optional(),
    from: localDateSchema.optional(),
    to: localDateSchema.optional(),
    cursor: statementNoSchema.optional(),
    limit: z.number().int().min(1).max(100).default(20),
  })
  .refine(dateOrder, { message: "dateOrder", path: ["to"] });
export type StatementFilters = z.output<typeof statementFiltersSchema>;

/** GET /api/v1/settlements?from=&to=&status=&cursor=&limit=: from … to (Beijing days, ≤ 93 days). */
export const settlementsQuerySchema = z
  .object({
    from: localDateSchema,
    to: localDateSchema,
    status: z.enum(SETTLEMENT_STATUSES).optional(),
    cursor: z.string().regex(STATEMENT_NO_PATTERN, "must be a nextCursor this endpoint returned").optional(),
    limit: z
      .string()
      .regex(/^\d{1,3}$/, "must be a whole number from 1 to 100")
      .transform(Number)
      .pipe(z.number().min(1).max(100))
      .default(20),
  })
  .refine(dateOrder, { message: "from must not be after to", path: ["to"] })
  // zod runs an object's refinements even when a field failed: only real days are added to
  .refine((q) => !isDay(q.from) || !isDay(q.to) || q.to < addDays(q.from, MAX_SETTLEMENT_RANGE_DAYS), { message: `at most ${MAX_SETTLEMENT_RANGE_DAYS} days`, path: ["to"] });
export type SettlementsQuery = z.output<typeof settlementsQuerySchema>;

/** A line's entries, a page at a time (cursor: the last entry id seen). */
export const lineEntriesSchema = z.object({
  statementNo: statementNoSchema,
  lineId: z.string().regex(/^\d{1,18}$/, "lineId"),
  cursor: z.string().regex(/^\d{1,18}$/, "cursor").optional(),
  limit: z.number().int().min(1).max(100).default(50),
});
