import { describe, expect, it } from "vitest";
import { d0Cutoff, dayPeriod, groupKeyOf, groupKeySql, lastT1Day, newStatementNo, payoutAccountSnapshot, STATEMENT_NO_PATTERN, statementTotals } from "./settlement";

describe("settlement periods", () => {
  it("a T1 day runs from Beijing 00:00 to the next 00:00", () => {
    expect(dayPeriod("2026-12-01")).toEqual({ start: new Date("2026-11-30T16:00:00Z"), end: new Date("2026-12-01T16:00:00Z") });
  });
  it("the last T1 day is yesterday in Beijing, also just after Beijing midnight", () => {
    expect(lastT1Day(new Date("2026-12-04T15:59:59Z"))).toBe("2026-12-03");
    expect(lastT1Day(new Date("2026-12-04T16:00:00Z"))).toBe("2026-12-04");
  });
  it("a D0 cut stops at the start of the current hour", () => {
    expect(d0Cutoff(new Date("2026-12-04T09:59:59.999Z"))).toEqual(new Date("2026-12-04T09:00:00Z"));
    expect(d0Cutoff(new Date("2026-12-04T10:00:00Z"))).toEqual(new Date("2026-12-04T10:00:00Z"));
  });
});

describe("group keys", () => {
  const entry = { appId: "app_A", storeId: "S1" };
  it("merchant → one group, app → the app, store → the store or the storeless group", () => {
    expect(groupKeyOf("MERCHANT", entry)).toBe("");
    expect(groupKeyOf("APP", entry)).toBe("app_A");
    expect(groupKeyOf("STORE", entry)).toBe("S1");
    expect(groupKeyOf("STORE", { appId: "app_A", storeId: null })).toBe("");
  });
  it("the SQL says the same", () => {
    expect(groupKeySql("MERCHANT", "e")).toBe("''");
    expect(groupKeySql("APP", "e")).toBe('e."appId"');
    expect(groupKeySql("STORE", "e")).toBe(`COALESCE(e."storeId", '')`);
  });
});

describe("statement totals", () => {
  const line = (kind: string, amount: bigint, fee: bigint, reconciled = true, entryCount = 1) => ({ kind, amount, fee, net: amount - fee, reconciled, entryCount });
  it("adds each kind to its figure and nets to Σ line.net", () => {
    const totals = statementTotals([
      line("payment", 100_00n, 60n, true, 3),
      line("refund", -20_00n, -12n),
      line("duplicate_refund", -5_00n, -3n),
      line("fee_adjustment", 0n, 7n),
      line("profit_share", -10_00n, 0n),
      line("profit_share_return", 2_00n, 0n),
      line("wallet_top_up", -50_00n, 0n),
      line("wallet_pay", 30_00n, 0n),
      line("recon_adjustment", -1n, 0n, false),
      line("recon_write_off", 2n, 0n),
    ]);
    expect(totals).toEqual({
      entryCount: 12,
      grossAmount: 100_00n,
      refundAmount: -25_00n,
      feeAmount: 60n - 12n - 3n + 7n,
      profitShareAmount: -8_00n,
      assetAmount: -20_00n,
      adjustmentAmount: 1n,
      netAmount: 100_00n - 25_00n - 52n - 8_00n - 20_00n + 1n,
      unreconciledAmount: -1n,
    });
  });
  it("a fee adjustment posted as an amount counts as a fee too", () => {
    expect(statementTotals([line("fee_adjustment", -5n, 0n)])).toMatchObject({ feeAmount: 5n, netAmount: -5n });
  });
  it("refuses lines whose net is not amount − fee", () => {
    expect(() => statementTotals([{ kind: "payment", amount: 100n, fee: 1n, net: 100n, reconciled: true, entryCount: 1 }])).toThrow(/disagree/);
  });
  it("no lines, all zero", () => {
    expect(statementTotals([]).netAmount).toBe(0n);
  });
});

describe("statement numbers and payout accounts", () => {
  it("ST + the period's last Beijing day + 10 random characters", () => {
    const no = newStatementNo(new Date("2026-12-03T16:00:00Z"));
    expect(no).toMatch(STATEMENT_NO_PATTERN);
    expect(no.slice(0, 10)).toBe("ST20261203");
    expect(newStatementNo(new Date("2026-12-03T16:00:00Z"))).not.toBe(no);
  });
  it("keeps only the last four digits of the account", () => {
    expect(payoutAccountSnapshot({ bankName: "招商银行", bankAccountName: "示例公司", bankAccountLast4: "6789" })).toEqual({ holder: "示例公司", bank: "招商银行", account: "**** 6789" });
    expect(payoutAccountSnapshot({})).toEqual({ holder: null, bank: null, account: null });
  });
});
