import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import type { BillRow } from "../types";
import { readTradeBill } from "./bill";

/** Trade bills written as WeChat Pay writes them (FIELD-NOTES A1): BOM, CRLF, backticks, totals. */

const HEADER =
  "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注";
const PAYMENT =
  "`2026-05-01 12:00:01,`wx0123456789abcdef,`1900000109,`0,`,`4200001234202605011234567890,`P1-1,`oUpF8u,`NATIVE,`SUCCESS,`OTHERS,`CNY,`1234567.89,`0.00,`0,`0,`0.00,`0.00,`,`,`演示商品, 含逗号 \"引号\",`,`7407.40734,`0.60%,`1234567.89,`0.00,`";
const REFUND =
  "`2026-05-01 23:59:59,`wx0123456789abcdef,`1900000109,`0,`,`4200001234202605011234567890,`P1-1,`oUpF8u,`NATIVE,`REFUND,`OTHERS,`CNY,`0.00,`0.00,`50000000382019052709732678859,`R1,`0.01,`0.00,`ORIGINAL,`SUCCESS,`演示商品,`,`-0.00500,`0.60%,`0.00,`0.01,`";
const REVOKED =
  "`2026-05-01 08:00:00,`wx0123456789abcdef,`1900000109,`0,`,`4200001234202605010000000001,`P2-1,`oUpF8u,`MICROPAY,`REVOKED,`OTHERS,`CNY,`2.00,`0.00,`0,`0,`0.00,`0.00,`,`,`撤销的付款码,`,`0.01200,`0.60%,`2.00,`0.00,`";
const TOTALS_HEADER = "总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额";
const TOTALS = "`3,`1234569.89,`0.01,`0.00,`7407.41434,`1234569.89,`0.01";

const file = (lines: string[]) => `\uFEFF${lines.map((line) => `${line}\r\n`).join("")}`;
const BILL = file([HEADER, PAYMENT, REFUND, REVOKED, TOTALS_HEADER, TOTALS]);

/** The file in small chunks, split inside multi-byte characters, as a download arrives. */
function chunked(text: string, size = 7): Readable {
  const bytes = Buffer.from(text, "utf8");
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  return Readable.from(chunks);
}

async function rowsOf(text: string): Promise<BillRow[]> {
  const rows: BillRow[] = [];
  for await (const row of readTradeBill(chunked(text))) rows.push(row);
  return rows;
}

describe("wechatpay trade bill reader", () => {
  it("reads payments, refunds and revoked payments with exact yuan → fen, fees rounded half up, Beijing times", async () => {
    expect(await rowsOf(BILL)).toEqual([
      {
        kind: "payment",
        outTradeNo: "P1-1",
        channelTradeNo: "4200001234202605011234567890",
        amount: 123_456_789n,
        fee: 740_741n,
        currency: "CNY",
        state: "SUCCEEDED",
        channelState: "SUCCESS",
        occurredAt: new Date("2026-05-01T04:00:01Z"),
      },
      {
        kind: "refund",
        outTradeNo: "P1-1",
        channelTradeNo: "4200001234202605011234567890",
        outRefundNo: "R1",
        channelRefundNo: "50000000382019052709732678859",
        amount: -1n,
        // −0.005 yuan: half a fen, rounded half up on its magnitude
        fee: -1n,
        currency: "CNY",
        state: "SUCCEEDED",
        channelState: "REFUND",
        occurredAt: new Date("2026-05-01T15:59:59Z"),
      },
      {
        kind: "payment",
        outTradeNo: "P2-1",
        channelTradeNo: "4200001234202605010000000001",
        amount: 200n,
        fee: 1n,
        currency: "CNY",
        state: "REVERSED",
        channelState: "REVOKED",
        occurredAt: new Date("2026-05-01T00:00:00Z"),
      },
    ]);
  });

  it("reads LF lines without a BOM, and a refund still processing when billed", async () => {
    const processing = REFUND.replace("`ORIGINAL,`SUCCESS", "`ORIGINAL,`PROCESSING");
    const text = [HEADER, PAYMENT, processing, REVOKED, TOTALS_HEADER, TOTALS].map((line) => `${line}\n`).join("");
    const rows = await rowsOf(text);
    expect(rows.map((row) => [row.kind, row.state])).toEqual([
      ["payment", "SUCCEEDED"],
      ["refund", "PROCESSING"],
      ["payment", "REVERSED"],
    ]);
  });

  it("maps columns by name: reordered columns and the legacy 24-column format read the same", async () => {
    const names = HEADER.split(",");
    const order = names.map((_, i) => i).reverse();
    const reorder = (line: string, tick: boolean) => {
      const cells = tick ? line.slice(1).split(",`") : line.split(",");
      return order.map((i) => (tick ? `\`${cells[i]}` : cells[i])).join(",");
    };
    const reordered = file([reorder(HEADER, false), reorder(PAYMENT, true), reorder(REFUND, true), reorder(REVOKED, true), TOTALS_HEADER, TOTALS]);
    expect(await rowsOf(reordered)).toEqual(await rowsOf(BILL));

    const legacyHeader =
      "交易时间,公众账号ID,商户号,子商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,总金额,代金券或立减优惠金额,微信退款单号,商户退款单号,退款金额,代金券或立减优惠退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率";
    const legacyPayment = "`2026-05-01 12:00:01,`wx01,`1900000109,`0,`,`4200000001,`P9-1,`oU,`NATIVE,`SUCCESS,`OTHERS,`CNY,`0.01,`0.00,`0,`0,`0.00,`0.00,`,`,`商品,`,`0.00000,`0.60%";
    const legacy = file([legacyHeader, legacyPayment, "总交易单数,总交易额,总退款金额,总代金券或立减优惠退款金额,手续费总金额", "`1,`0.01,`0.00,`0.00,`0.00000"]);
    expect(await rowsOf(legacy)).toMatchObject([{ kind: "payment", outTradeNo: "P9-1", amount: 1n, fee: 0n }]);
  });

  it("refuses a bill whose totals disagree with its lines: count, amounts, or the fee at 5 decimals", async () => {
    const withTotals = (totals: string) => file([HEADER, PAYMENT, REFUND, REVOKED, TOTALS_HEADER, totals]);
    await expect(rowsOf(withTotals(TOTALS.replace("`3,", "`4,")))).rejects.toMatchObject({ name: "BillFormatError", code: "BILL_TOTALS_MISMATCH" });
    await expect(rowsOf(withTotals(TOTALS.replace(/1234569\.89,`0\.01$/, "1234569.88,`0.01")))).rejects.toThrow(/订单总金额/);
    // the rows' fees rounded add up to 7407.42, but the bill states them exactly: one hundred-thousandth off is refused
    await expect(rowsOf(withTotals(TOTALS.replace("7407.41434", "7407.41433")))).rejects.toThrow(/手续费总金额/);
  });

  it("refuses a truncated bill, an empty one, text after the totals and malformed lines", async () => {
    await expect(rowsOf(file([HEADER, PAYMENT, REFUND]))).rejects.toMatchObject({ code: "BILL_TRUNCATED" });
    await expect(rowsOf(file([HEADER, PAYMENT, TOTALS_HEADER]))).rejects.toMatchObject({ code: "BILL_TRUNCATED" });
    await expect(rowsOf("")).rejects.toMatchObject({ code: "BILL_TRUNCATED" });
    await expect(rowsOf(`${BILL}\`1\r\n`)).rejects.toMatchObject({ code: "BILL_BAD_LINE" });
    await expect(rowsOf(file([HEADER, PAYMENT.slice(1), TOTALS_HEADER, TOTALS]))).rejects.toMatchObject({ code: "BILL_BAD_LINE" });
    await expect(rowsOf(file([HEADER, PAYMENT.replace("`SUCCESS", "`NOTPAY"), TOTALS_HEADER, TOTALS]))).rejects.toThrow(/NOTPAY/);
    await expect(rowsOf(file([HEADER, PAYMENT.replace("`1234567.89,`0.00,`0,", "`1234567.891,`0.00,`0,"), TOTALS_HEADER, TOTALS]))).rejects.toThrow(
      /more than 2 decimals/,
    );
    await expect(rowsOf(file([HEADER, PAYMENT.replace("`7407.40734", "`7407.407341"), TOTALS_HEADER, TOTALS]))).rejects.toMatchObject({
      code: "BILL_BAD_AMOUNT",
    });
    await expect(rowsOf(file([HEADER.replace("商户订单号", "订单号"), PAYMENT, TOTALS_HEADER, TOTALS]))).rejects.toThrow(/商户订单号/);
  });

  it("yields rows as they arrive: the first row comes before the rest of the file is read", async () => {
    let pulled = 0;
    async function* slowFile() {
      for (const line of [`\uFEFF${HEADER}\r\n`, `${PAYMENT}\r\n`]) {
        pulled += 1;
        yield line;
      }
      pulled += 1;
      yield `${REFUND}\r\n${REVOKED}\r\n${TOTALS_HEADER}\r\n${TOTALS}\r\n`;
    }
    const rows = readTradeBill(slowFile());
    const first = await rows.next();
    expect(first.value).toMatchObject({ outTradeNo: "P1-1", kind: "payment" });
    expect(pulled).toBeLessThanOrEqual(3);
    await rows.return(undefined);
  });
});
