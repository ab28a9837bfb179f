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
