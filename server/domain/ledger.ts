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
export type LedgerAccountType =
  | "CHANNEL_CLEARING"
  | "MERCHANT_PAYABLE"
  | "CHANNEL_FEES"
  | "REFUNDS_CLEARING"
  | "BUYER_WALLET"
  | "BUYER_WALLET_FROZEN"
  | "BUYER_POINTS"
  | "BUYER_POINTS_FROZEN"
  | "POINTS_ISSUED"
  | "RECON_WRITE_OFFS"
  | "PROFIT_SHARE_PAYABLE"
  | "MERCHANT_SETTLED";

/** Accounts kept per channel account; every other account is merchant-wide. */
export const PER_CHANNEL_ACCOUNT: ReadonlySet<LedgerAccountType> = new Set(["CHANNEL_CLEARING", "CHANNEL_FEES", "REFUNDS_CLEARING", "PROFIT_SHARE_PAYABLE"]);

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
 * channel charged other than the journal said, `recon_adjustment` an amount taken from the channel's
 * bill and `recon_write_off` a difference written off: reconciliation posts them (reconciliation.ts).
 */
export const ENTRY_KINDS = [
  "payment",
  "refund",
  "duplicate_refund",
  "fee_adjustment",
  "recon_adjustment",
  "recon_write_off",
  ...["wallet_top_up", "wallet_freeze", "wallet_pay", "wallet_release", "wallet_refund"],
  ...["points_grant", "points_freeze", "points_pay", "points_release", "points_refund"],
  "profit_share",
  "profit_share_return",
  "settlement_payout",
] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

/**
 * Profit sharing (分账, docs/adr/0017): a split moves what the merchant is owed to a receiver; a return
 * (分账回退) moves it back. Both per channel account (the split is the channel's, on its payment).
 *   split x:    Dr merchant payable x    Cr profit share payable x
 *   return x:   Dr profit share payable x    Cr merchant payable x
 */
export function profitSharePostings(op: "split" | "return", amount: bigint): Posting[] {
  if (amount <= 0n) throw new RangeError(`bad profit share ${op} amount ${amount}`);
  const [debit, credit]: LedgerAccountType[] = op === "split" ? ["MERCHANT_PAYABLE", "PROFIT_SHARE_PAYABLE"] : ["PROFIT_SHARE_PAYABLE", "MERCHANT_PAYABLE"];
  return [
    { account: debit, amount },
    { account: credit, amount: -amount },
  ];
}

/**
 * Settlement payout (结算付款): finance recorded that a statement's net was paid to the merchant, so
 * it is no longer owed.   Dr merchant payable N    Cr merchant settled N
 */
export function payoutPostings(net: bigint): Posting[] {
  if (net <= 0n) throw new RangeError(`bad payout amount ${net}`);
  return [
    { account: "MERCHANT_PAYABLE", amount: net },
    { account: "MERCHANT_SETTLED", amount: -net },
  ];
}

/**
 * The journal kinds a settlement statement sums: every movement of the merchant's money. Points are
 * not money (PTS), freezes and releases move nothing of the merchant's, and a payout is the
 * statement's own settling, never a line of one.
 */
export const SETTLED_KINDS: readonly EntryKind[] = [
  "payment",
  "refund",
  "duplicate_refund",
  "fee_adjustment",
  "recon_adjustment",
  "recon_write_off",
  "wallet_top_up",
  "wallet_pay",
  "wallet_refund",
  "profit_share",
  "profit_share_return",
];

/** Which figure of a statement a kind adds to (SettlementStatement's columns). */
export function statementFigure(kind: string): "gross" | "refund" | "fee" | "profitShare" | "asset" | "adjustment" {
  switch (kind) {
    case "payment":
      return "gross";
    case "refund":
    case "duplicate_refund":
      return "refund";
    case "fee_adjustment":
      return "fee";
    case "profit_share":
    case "profit_share_return":
      return "profitShare";
    case "wallet_top_up":
    case "wallet_pay":
    case "wallet_refund":
      return "asset";
    default:
      return "adjustment";
  }
}

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

/**
 * The trade center's stored value and points (docs/adr/0015). Both are the merchant's liabilities to
 * its buyers, credit-normal, each split into a spendable and a frozen account, so that a buyer's
 * balance is minus the sum of their postings on both and their frozen amount minus the sum on the
 * frozen one. Wallet entries are in the order's currency; points entries in `PTS`, against the
 * merchant's POINTS_ISSUED (points are a discount the merchant funds, not money it receives).
 *
 *   wallet top-up T:      Dr merchant payable T        Cr buyer wallet T        (the takings are owed to the buyer)
 *   freeze x:             Dr buyer wallet x            Cr buyer wallet frozen x
 *   pay (confirm) x:      Dr buyer wallet frozen x     Cr merchant payable x    (a trade's wallet part becomes takings)
 *   pay (on_callback) x:  Dr buyer wallet x            Cr merchant payable x
 *   release x:            Dr buyer wallet frozen x     Cr buyer wallet x
 *   refund x:             Dr merchant payable x        Cr buyer wallet x
 * Points the same with BUYER_POINTS(_FROZEN) and POINTS_ISSUED in place of merchant payable.
 */
export type AssetKind = "wallet" | "points";
export type AssetOp = "top_up" | "grant" | "freeze" | "pay" | "pay_frozen" | "release" | "refund";

export const POINTS_CURRENCY = "PTS";

export function assetPostings(asset: AssetKind, op: AssetOp, amount: bigint): Posting[] {
  if (amount <= 0n) throw new RangeError(`bad ${asset} ${op} amount ${amount}`);
  const spendable: LedgerAccountType = asset === "wallet" ? "BUYER_WALLET" : "BUYER_POINTS";
  const frozen: LedgerAccountType = asset === "wallet" ? "BUYER_WALLET_FROZEN" : "BUYER_POINTS_FROZEN";
  const counter: LedgerAccountType = asset === "wallet" ? "MERCHANT_PAYABLE" : "POINTS_ISSUED";
  const move = (debit: LedgerAccountType, credit: LedgerAccountType): Posting[] => [
    { account: debit, amount },
    { account: credit, amount: -amount },
  ];
  switch (op) {
    case "top_up":
    case "grant":
    case "refund":
      return move(counter, spendable);
    case "freeze":
      return move(spendable, frozen);
    case "pay_frozen":
      return move(frozen, counter);
    case "pay":
      return move(spendable, counter);
    case "release":
      return move(frozen, spendable);
  }
}

/** The ledger kind of an asset movement (a confirm of a frozen part is a pay like any other). */
export function assetEntryKind(asset: AssetKind, op: AssetOp): EntryKind {
  const name = op === "pay_frozen" ? "pay" : op === "grant" || op === "top_up" ? (asset === "wallet" ? "top_up" : "grant") : op;
  return `${asset}_${name}` as EntryKind;
}

/**
 * The ledger row's signed amount in the merchant's view: what it may now keep (+) or owes again (−).
 * Freezes and releases move nothing of the merchant's.
 */
export function assetRowAmount(op: AssetOp, amount: bigint): bigint {
  if (op === "pay" || op === "pay_frozen") return amount;
  if (op === "freeze" || op === "release") return 0n;
  return -amount;
}
