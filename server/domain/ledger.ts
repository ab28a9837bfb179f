/**
 * Double-entry postings for the journal (流水). Every entry's postings sum to zero; a database
 * constraint trigger refuses one that does not. Signs: debit positive, credit negative.
 *
 *   payment of G with fee F:   Dr channel clearing  G − F   (what the channel will settle)
 *                              Dr channel fees      F       (borne by the merchant)
 *                              Cr merchant payable  G       (the merchant's gross takings)
 *   refund of R, fee back B:   Dr merchant payable  R
 *                              Cr channel clearing  R − B
 *                              Cr channel fees      B
 */
export type LedgerAccountType = "CHANNEL_CLEARING" | "MERCHANT_PAYABLE" | "CHANNEL_FEES" | "REFUNDS_CLEARING";

export type Posting = { account: LedgerAccountType; amount: bigint };

export function paymentPostings(gross: bigint, fee: bigint): Posting[] {
  if (gross <= 0n || fee < 0n || fee > gross) throw new RangeError(`bad payment amounts ${gross}/${fee}`);
  return [
    { account: "CHANNEL_CLEARING", amount: gross - fee },
    { account: "CHANNEL_FEES", amount: fee },
    { account: "MERCHANT_PAYABLE", amount: -gross },
  ].filter((p) => p.amount !== 0n) as Posting[];
}

export function refundPostings(refund: bigint, feeBack: bigint): Posting[] {
  if (refund <= 0n || feeBack < 0n || feeBack > refund) throw new RangeError(`bad refund amounts ${refund}/${feeBack}`);
  return [
    { account: "MERCHANT_PAYABLE", amount: refund },
    { account: "CHANNEL_CLEARING", amount: -(refund - feeBack) },
    { account: "CHANNEL_FEES", amount: -feeBack },
  ].filter((p) => p.amount !== 0n) as Posting[];
}

export function isBalanced(postings: Posting[]): boolean {
  return postings.reduce((sum, p) => sum + p.amount, 0n) === 0n;
}

/**
 * Kinds of journal entry, as the ledger (流水) names its row types. `fee_adjustment` is a fee the
 * channel charges or returns apart from a payment; nothing posts one yet, the ledger already shows it.
 */
export const ENTRY_KINDS = ["payment", "refund", "duplicate_refund", "fee_adjustment"] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

/** Number of rows one busy hour of the rollup is spread over (see LedgerRollupHourly.slot). */
export const ROLLUP_SLOTS = 8;

/** The rollup slot of a movement: a stable hash of its dedupe key, so a retry adds to the same row. */
export function rollupSlot(dedupeKey: string): number {
  let hash = 0;
  for (let i = 0; i < dedupeKey.length; i++) hash = (hash * 31 + dedupeKey.charCodeAt(i)) | 0;
  return Math.abs(hash) % ROLLUP_SLOTS;
}

/** Start of the UTC hour an instant falls in (the rollup's bucket). */
export function hourStart(at: Date): Date {
  const hour = new Date(at);
  hour.setUTCMinutes(0, 0, 0);
  return hour;
}

/** The store a movement belongs to, from the order's metadata (`storeId`, else `store`). */
export function storeIdFrom(metadata: unknown): string | null {
  if (!metadata || typeof metadata !== "object" || Array.isArray(metadata)) return null;
  const record = metadata as Record<string, unknown>;
  const value = record.storeId ?? record.store;
  return typeof value === "string" && value.length > 0 ? value.slice(0, 64) : null;
}

/**
 * Share of a payment's figure (fee, subsidy) that goes with a refund of part of it, rounded down
 * to the fen, as channels return fees.
 */
export function proRata(figure: bigint, refund: bigint, gross: bigint): bigint {
  if (gross <= 0n) return 0n;
  return (figure * refund) / gross;
}
