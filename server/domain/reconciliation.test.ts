import { describe, expect, it } from "vitest";
import {
  acceptChannelPostings,
  beijingDate,
  beijingDayRange,
  defaultBillDate,
  differenceDelta,
  type DifferenceSides,
  isBillDate,
  isBillDue,
  isNearMidnight,
  writeOffPostings,
} from "./reconciliation";

const sides = (over: Partial<DifferenceSides>): DifferenceSides => ({
  type: "AMOUNT_MISMATCH",
  journalEntryId: 1n,
  channelAmount: null,
  channelFee: null,
  localAmount: null,
  localFee: null,
  ...over,
});

describe("bill days (Beijing)", () => {
  it("knows a calendar day and its instants", () => {
    expect(isBillDate("2026-02-28")).toBe(true);
    expect(isBillDate("2026-02-30")).toBe(false);
    expect(isBillDate("2026-2-1")).toBe(false);
    expect(beijingDayRange("2026-12-03")).toEqual({ from: new Date("2026-12-02T16:00:00Z"), to: new Date("2026-12-03T16:00:00Z") });
    expect(beijingDate(new Date("2026-12-03T16:00:00Z"))).toBe("2026-12-04");
  });

  it("reconciles yesterday by default, and no day whose bill is not out", () => {
    const now = new Date("2026-12-03T17:00:00Z"); // 01:00 on the 4th in Beijing
    expect(defaultBillDate(now)).toBe("2026-12-03");
    expect(isBillDue("2026-12-03", now)).toBe(true);
    expect(isBillDue("2026-12-04", now)).toBe(false);
  });

  it("counts 30 minutes either side of midnight as near it", () => {
    expect(isNearMidnight(new Date("2026-12-02T16:29:59Z"), "2026-12-03")).toBe(true);
    expect(isNearMidnight(new Date("2026-12-02T16:30:00Z"), "2026-12-03")).toBe(false);
    expect(isNearMidnight(new Date("2026-12-03T15:30:00Z"), "2026-12-03")).toBe(true);
    expect(isNearMidnight(new Date("2026-12-03T15:29:59Z"), "2026-12-03")).toBe(false);
  });
});

describe("a difference's delta (channel − journal, what each side settled)", () => {
  it("counts a missing side as zero", () => {
    expect(differenceDelta(sides({ type: "MISSING_LOCAL", journalEntryId: null, channelAmount: 500n, channelFee: 3n }))).toEqual({ amount: 500n, fee: 3n });
    expect(differenceDelta(sides({ type: "MISSING_CHANNEL", localAmount: 500n, localFee: 3n }))).toEqual({ amount: -500n, fee: -3n });
    expect(differenceDelta(sides({ type: "FEE_MISMATCH", channelAmount: 500n, channelFee: 4n, localAmount: 500n, localFee: 3n }))).toEqual({ amount: 0n, fee: 1n });
  });

  it("of a status difference, counts the side that did not settle as zero", () => {
    // journaled here, billed as revoked there: the channel will settle nothing
    expect(differenceDelta(sides({ type: "STATUS_MISMATCH", journalEntryId: 7n, channelAmount: 500n, channelFee: 3n, localAmount: 500n, localFee: 3n }))).toEqual({
      amount: -500n,
      fee: -3n,
    });
    // paid there, still open here (no journal entry): the channel settles all of it
    expect(differenceDelta(sides({ type: "STATUS_MISMATCH", journalEntryId: null, channelAmount: 500n, channelFee: 3n, localAmount: 500n }))).toEqual({
      amount: 500n,
      fee: 3n,
    });
  });
});

describe("adjusting postings", () => {
  const balanced = (postings: { amount: bigint }[] | null) => (postings ?? []).reduce((sum, p) => sum + p.amount, 0n);

  it("accepting the channel's figure balances, and moves nothing when nothing differs", () => {
    expect(acceptChannelPostings(0n, 0n)).toBeNull();
    for (const [amount, fee] of [[500n, 3n], [-500n, -3n], [0n, 1n], [-1n, 0n]] as const) {
      expect(balanced(acceptChannelPostings(amount, fee))).toBe(0n);
    }
    expect(acceptChannelPostings(0n, 1n)).toEqual([
      { account: "CHANNEL_CLEARING", amount: -1n },
      { account: "CHANNEL_FEES", amount: 1n },
    ]);
  });

  it("a write-off moves the clearing difference to write-offs", () => {
    expect(writeOffPostings(3n, 3n)).toBeNull();
    expect(writeOffPostings(-500n, -3n)).toEqual([
      { account: "CHANNEL_CLEARING", amount: -497n },
      { account: "RECON_WRITE_OFFS", amount: 497n },
    ]);
  });
});
