import { z } from "zod";
import { CHANNEL_CODES } from "./channel-codes";
import { ENTRY_KINDS } from "./ledger";
import { decimalToMinor } from "./money";
import { dayStart, localDateSchema, MAX_RANGE_DAYS } from "./report-range";
import { PAID_PAY_ORDER_STATUSES } from "./pay-order-states";

/** A yuan amount as typed into a filter: "128", "128.5", "128.00". */
const yuanSchema = z.string().trim().regex(/^\d{1,10}(\.\d{1,2})?$/, "yuanAmount");

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .regex(/^[^\u0000-\u001f\u007f]*$/, "noControlCharacters")
    .optional()
    .transform((v) => (v === "" ? undefined : v));

/** A form's empty field ("") means "no filter": the same schema serves the form and the API. */
function blankable<T extends z.ZodType<string>>(schema: T) {
  return schema
    .or(z.literal(""))
    .optional()
    .transform((v) => (v === "" || v === undefined ? undefined : (v as z.output<T>)));
}

/** Channels of the ledger's rows: the payment channels and the trade center's wallet and points (ledger.ts, assets). */
export const LEDGER_CHANNELS = [...CHANNEL_CODES, "wallet", "points"] as const;

/** The ledger filters by the status of the (paid) pay order a movement belongs to. */
export const LEDGER_ORDER_STATUSES = PAID_PAY_ORDER_STATUSES;

/**
 * The ledger's filters (流水查询), shared by the console form, the tRPC procedures and the export
 * job. Dates are local (China Standard Time) calendar days, both included; amounts compare the
 * movement's absolute amount, in yuan as typed.
 */
export const ledgerFiltersSchema = z
  .object({
    from: blankable(localDateSchema),
    to: blankable(localDateSchema),
    appId: optionalText(64),
    channel: blankable(z.enum(LEDGER_CHANNELS)),
    kind: blankable(z.enum(ENTRY_KINDS)),
    orderStatus: blankable(z.enum(LEDGER_ORDER_STATUSES)),
    minAmount: blankable(yuanSchema),
    maxAmount: blankable(yuanSchema),
    storeId: optionalText(64),
    /** Exact payOrderNo, mchOrderNo, channelTradeNo, refundNo, buyer id or tradeId. */
    search: optionalText(64),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: "dateOrder", path: ["to"] })
  .refine((f) => !f.from || !f.to || dayStart(f.to).getTime() - dayStart(f.from).getTime() < MAX_RANGE_DAYS * 86_400_000, {
    message: "rangeTooLong",
    path: ["to"],
  })
  .refine((f) => !f.minAmount || !f.maxAmount || decimalToMinor(f.minAmount) <= decimalToMinor(f.maxAmount), {
    message: "amountOrder",
    path: ["maxAmount"],
  });

export type LedgerFilters = z.input<typeof ledgerFiltersSchema>;
export type ParsedLedgerFilters = z.output<typeof ledgerFiltersSchema>;

export const LEDGER_PAGE_SIZES = [20, 50, 100] as const;

export const ledgerPageSchema = z.object({
  filters: ledgerFiltersSchema,
  /** Opaque keyset cursor from the previous page's `nextCursor`. */
  cursor: z.string().max(200).nullish(),
  limit: z.number().int().min(1).max(200).default(50),
});
