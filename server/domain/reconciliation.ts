import type { Posting } from "./ledger";

/**
 * Reconciliation (对账, docs/adr/0016): a channel account's bill for one Beijing day against the
 * journal. Pure rules shared by the matcher, the repair step, the finance workflow and the views.
 */

export const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** `YYYY-MM-DD`, a calendar day. */
export const BILL_DATE_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export function isBillDate(value: string): boolean {
  if (!BILL_DATE_PATTERN.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** The instants [from, to) of a Beijing calendar day. */
export function beijingDayRange(billDate: string): { from: Date; to: Date } {
  const from = new Date(`${billDate}T00:00:00+08:00`);
  return { from, to: new Date(from.getTime() + 86_400_000) };
}

/** The Beijing calendar day an instant falls on. */
export function beijingDate(at: Date): string {
  return new Date(at.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

/** The day a calendar day before or after (`shiftDate("2026-12-01", -1)` = "2026-11-30"). */
export function shiftDate(billDate: string, days: number): string {
  return new Date(Date.parse(`${billDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The day the daily run reconciles: yesterday in Beijing. */
export function defaultBillDate(now: Date = new Date()): string {
  return shiftDate(beijingDate(now), -1);
}

/** A bill is ready from 10:00 Beijing the day after (WeChat Pay, Alipay): a run for a later day is refused. */
export function isBillDue(billDate: string, now: Date = new Date()): boolean {
  return beijingDate(now) > billDate;
}

/**
 * How close to a day's edge a one-sided movement may be and still wait for the neighbouring day's
 * bill as EXPECTED (the channel may bill it on the other side of midnight, e.g. a refund billed at its
 * request time while the journal has it at its success time).
 */
export const MIDNIGHT_WINDOW_MS = 30 * 60_000;

export function isNearMidnight(at: Date, billDate: string): boolean {
  const { from, to } = beijingDayRange(billDate);
  return at.getTime() - from.getTime() < MIDNIGHT_WINDOW_MS || to.getTime() - at.getTime() <= MIDNIGHT_WINDOW_MS;
}

export const DIFFERENCE_TYPES = ["MISSING_LOCAL", "MISSING_CHANNEL", "AMOUNT_MISMATCH", "FEE_MISMATCH", "STATUS_MISMATCH"] as const;
export type DifferenceType = (typeof DIFFERENCE_TYPES)[number];
export const DIFFERENCE_STATUSES = ["EXPECTED", "OPEN", "RESOLVED"] as const;
export type DifferenceStatus = (typeof DIFFERENCE_STATUSES)[number];
export const RUN_STATUSES = ["QUEUED", "DOWNLOADING", "MATCHING", "REPAIRING", "SUCCEEDED", "FAILED"] as const;
export type Resolution = "MATCHED_LATER" | "REPAIRED_BY_QUERY" | "FEE_ADJUSTED" | "ACCEPTED_CHANNEL" | "WRITTEN_OFF" | "EXPLAINED";

/** What finance may do with an open difference (the automatic resolutions are the system's). */
export const FINANCE_RESOLUTIONS = ["ACCEPTED_CHANNEL", "WRITTEN_OFF", "EXPLAINED"] as const;
export type FinanceResolution = (typeof FINANCE_RESOLUTIONS)[number];

/** Differences still to be dealt with; a day is closed when its run succeeded and none is left. */
export const UNSETTLED_DIFFERENCE_STATUSES = ["EXPECTED", "OPEN"] as const satisfies readonly DifferenceStatus[];

/** Run states in which a run is under way (a second start is refused, progress is shown). */
export const ACTIVE_RUN_STATUSES = ["QUEUED", "DOWNLOADING", "MATCHING", "REPAIRING"] as const satisfies readonly (typeof RUN_STATUSES)[number][];

/**
 * A resolution that moves money (the journal must end up agreeing with what the channel settles).
 * `diffAmount` / `diffFee` are channel − journal, in the journal's signs.
 *
 *   accept the channel's figure (recon_adjustment, or fee_adjustment for a fee alone):
 *       Dr channel clearing  a − f     Dr channel fees  f     Cr merchant payable  a
 *   write off (recon_write_off): the journal's clearing says the channel owes c = a − f more (or
 *   less) than it will settle; the merchant bears it:
 *       Dr write-offs  −c     Cr channel clearing  −c            (signs follow c)
 * Zero postings are dropped; an all-zero difference needs no entry (null).
 */
export function acceptChannelPostings(diffAmount: bigint, diffFee: bigint): Posting[] | null {
  const postings: Posting[] = [
    { account: "CHANNEL_CLEARING", amount: diffAmount - diffFee },
    { account: "CHANNEL_FEES", amount: diffFee },
    { account: "MERCHANT_PAYABLE", amount: -diffAmount },
  ];
  const moving = postings.filter((p) => p.amount !== 0n);
  return moving.length ? moving : null;
}

export function writeOffPostings(diffAmount: bigint, diffFee: bigint): Posting[] | null {
  const clearing = diffAmount - diffFee;
  if (clearing === 0n) return null;
  return [
    { account: "CHANNEL_CLEARING", amount: clearing },
    { account: "RECON_WRITE_OFFS", amount: -clearing },
  ];
}

/** A run's count field for each difference type (the run's figures, in the order the views show them). */
export const RUN_DIFFERENCE_COUNTS = [
  ["missingLocal", "MISSING_LOCAL"],
  ["missingChannel", "MISSING_CHANNEL"],
  ["amountMismatch", "AMOUNT_MISMATCH"],
  ["feeMismatch", "FEE_MISMATCH"],
  ["statusMismatch", "STATUS_MISMATCH"],
] as const satisfies readonly (readonly [string, DifferenceType])[];

/** The two sides of a difference as ReconDifference holds them (null: that side has nothing). */
export type DifferenceSides = {
  type: DifferenceType;
  journalEntryId: bigint | null;
  channelAmount: bigint | null;
  channelFee: bigint | null;
  localAmount: bigint | null;
  localFee: bigint | null;
};

/**
 * The channel's side minus ours, in the journal's signs, counting only what each side settled (a side
 * that knows nothing counts as zero). A STATUS_MISMATCH has exactly one unsettled side (services/reconciliation/match-bill.ts):
 * with a journal entry, the channel billed the movement as not succeeded (revoked, refund processing) and
 * will not settle it; without one, the channel settled what our attempt or refund still shows open.
 */
export function differenceDelta(d: DifferenceSides) {
  const statusOnly = d.type === "STATUS_MISMATCH";
  const channelSettled = !statusOnly || d.journalEntryId === null;
  const localSettled = !statusOnly || d.journalEntryId !== null;
  const channel = (value: bigint | null) => (channelSettled ? (value ?? 0n) : 0n);
  const local = (value: bigint | null) => (localSettled ? (value ?? 0n) : 0n);
  return {
    amount: channel(d.channelAmount) - local(d.localAmount),
    fee: channel(d.channelFee) - local(d.localFee),
  };
}
