import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { seedIfEmpty } from "@/prisma/seed";
import { db } from "@/server/db";
import { resetEnvCache } from "@/server/env";
import { openExportDownload } from "@/server/services/exports/open-export-download";
import { runExport } from "@/server/services/exports/run-export";
import { type AssetMovement, moveAsset } from "@/server/services/trades/buyer-assets";
import { callerAs } from "@/server/testing/callers";
import { cst, settledPayment } from "@/server/testing/ledger-fixtures";

/**
 * Wallet and points movements in the ledger (流水), its totals, its export and the dashboard: points
 * (currency PTS) are never money, wallet movements never a payment channel's figures.
 * 2026-05-20 (CST): buyer B grants 500 points at 10:00, tops up ¥100.00 at 10:10, freezes ¥20.00 at 10:20,
 * redeems 200 points at 10:30; a WeChat Pay payment of ¥88.00 at 11:00.
 */
const DEMO = "M10000001";
const DAY = { from: "2026-05-20", to: "2026-05-20" };
const BUYER = `LEDGER-${Date.now().toString(36)}`;
let merchantId = "";
let appId = "";

beforeAll(async () => {
  process.env.EXPORTS_DIR = mkdtempSync(path.join(tmpdir(), "paycenter-exports-"));
  resetEnvCache();
  await seedIfEmpty();
  const app = await db.app.findFirstOrThrow({ where: { merchant: { mchNo: DEMO } }, orderBy: { createdAt: "asc" } });
  appId = app.id;
  merchantId = app.merchantId;
  const move = (asset: AssetMovement["asset"], op: AssetMovement["op"], amount: bigint, at: string, key: string) =>
    db.$transaction((tx) => moveAsset(tx, { merchantId, appId, buyerId: BUYER, asset, op, amount, dedupeKey: `ledger-test:${BUYER}:${key}`, at: cst(at), orderNo: "O-LEDGER", tradeId: "T-LEDGER" }));
  await move("points", "grant", 500n, "2026-05-20 10:00", "grant");
  await move("wallet", "top_up", 10_000n, "2026-05-20 10:10", "top-up");
  await move("wallet", "freeze", 2_000n, "2026-05-20 10:20", "freeze");
  await move("points", "pay", 200n, "2026-05-20 10:30", "redeem");
  await settledPayment({ appId, channel: "wechatpay", amount: 8800, at: cst("2026-05-20 11:00"), outcome: "success" });
});

describe("wallet and points in the ledger", () => {
  it("lists them with the buyer, order and trade, points in PTS, findable by buyer id and by channel", async () => {
    const finance = await callerAs("finance@demo.local");
    const rows = (await finance.ledger.page({ mchNo: DEMO, filters: { ...DAY, search: BUYER }, limit: 50 })).rows;
    expect(rows.map((r) => [r.kind, r.channel, r.currency, r.amount])).toEqual([
      ["points_pay", "points", "PTS", 200n],
      ["wallet_freeze", "wallet", "CNY", 0n],
      ["wallet_top_up", "wallet", "CNY", -10_000n],
      ["points_grant", "points", "PTS", -500n],
    ]);
    expect(rows[0]).toMatchObject({ buyerId: BUYER, orderNo: "O-LEDGER", tradeId: "T-LEDGER" });
    const points = (await finance.ledger.page({ mchNo: DEMO, filters: { ...DAY, channel: "points" }, limit: 50 })).rows;
    expect(points.map((r) => r.kind)).toEqual(["points_pay", "points_grant"]);
    expect((await finance.ledger.page({ mchNo: DEMO, filters: { ...DAY, search: "T-LEDGER" }, limit: 50 })).rows).toHaveLength(4);
    expect((await finance.ledger.options({ mchNo: DEMO })).channels).toEqual(expect.arrayContaining(["wechatpay", "alipay", "wallet", "points"]));
  });

  it("totals them per currency, from the rollup and from the entries alike: points apart from money", async () => {
    const finance = await callerAs("finance@demo.local");
    const expected = [
      { currency: "CNY", count: 3, amount: -10_000n + 8_800n, fee: 53n, net: -10_000n + 8_800n - 53n },
      { currency: "PTS", count: 2, amount: -300n, fee: 0n, net: -300n },
    ];
    expect(await finance.ledger.totals({ mchNo: DEMO, filters: DAY })).toEqual(expected);
    // a filter the rollup cannot answer sums the entries: the same figures
    expect(await finance.ledger.totals({ mchNo: DEMO, filters: { ...DAY, maxAmount: "1000000" } })).toEqual(expected);
    expect(await finance.ledger.totals({ mchNo: DEMO, filters: { ...DAY, kind: "points_grant" } })).toEqual([{ currency: "PTS", count: 1, amount: -500n, fee: 0n, net: -500n }]);
  });

  it("exports them: money columns hold money only, a points row its points in the points column", async () => {
    const finance = await callerAs("finance@demo.local");
    const created = await finance.exports.create({ mchNo: DEMO, request: { source: "ledger", format: "csv", filters: DAY } });
    await runExport(created.id);
    expect(await finance.exports.get({ mchNo: DEMO, exportId: created.id })).toMatchObject({ status: "SUCCEEDED", rowsWritten: 5 });
    const user = await db.user.findUniqueOrThrow({ where: { email: "finance@demo.local" } });
    const text = Buffer.from(await (await openExportDownload(user.id, created.id)).arrayBuffer()).subarray(3).toString("utf8");
    const [header, ...lines] = text.trim().split("\r\n").map((line) => line.split(","));
    const at = (row: string[], name: string) => row[header!.indexOf(name)];
    const byKind = new Map(lines.map((row) => [at(row, "类型"), row]));
    const grant = byKind.get("points_grant")!;
    expect([at(grant, "币种"), at(grant, "金额 (元)"), at(grant, "金额 (分)"), at(grant, "净额 (元)"), at(grant, "积分"), at(grant, "买家 ID"), at(grant, "交易 ID")]).toEqual([
      "PTS", "", "", "", "-500", BUYER, "T-LEDGER",
    ]);
    const topUp = byKind.get("wallet_top_up")!;
    expect([at(topUp, "币种"), at(topUp, "金额 (元)"), at(topUp, "金额 (分)"), at(topUp, "积分"), at(topUp, "订单号")]).toEqual(["CNY", "-100.00", "-10000", "", "O-LEDGER"]);
    expect(at(byKind.get("payment")!, "金额 (元)")).toBe("88.00");
  });

  it("leaves the dashboard's channels to the payment channels (CNY), and points out of money figures", async () => {
    const finance = await callerAs("finance@demo.local");
    const dashboard = await finance.reports.dashboard({ mchNo: DEMO, range: DAY });
    expect(dashboard.channels.map((c) => c.channel)).toEqual(["wechatpay"]);
    expect(dashboard.totals).toMatchObject({ gmv: 8_800n, orders: 1, refundAmount: 0n });
  });
});
