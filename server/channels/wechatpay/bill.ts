import { Readable } from "node:stream";
import { parse } from "csv-parse";
import { beijingTime, columnIndex, scaledToFen, splitFirstLine, yuanToFen, yuanToScaled } from "../bill-text";
import { BillFormatError } from "../errors";
import type { BillRow } from "../types";

/**
 * WeChat Pay's trade bill (交易账单, bill_type ALL), read as a stream (FIELD-NOTES A1): UTF-8 with an
 * optional BOM, a plain header line, one line per payment or refund with every field prefixed by a
 * backtick, then a totals caption (总交易单数,…) and one totals line. Columns are found by header
 * name, the current 27-column format and the legacy 24-column one alike.
 *
 * The fields are split on ",`" — the backtick is there so that a comma inside a product name never
 * splits a field — by csv-parse with quoting off (WeChat Pay never quotes).
 * Amounts are yuan with 2 decimals; 手续费 has 5: a row's fee is rounded half up to the fen, while
 * the totals check compares the fees exactly, at 5 decimals, as the bill states them.
 * Rows: SUCCESS → payment; REVOKED → payment, state REVERSED; REFUND → refund, amount and the fee
 * returned negative (the file writes the fee signed, the refund amount positive).
 */

const TOTALS_CAPTION = "总交易单数";
const FEE_SCALE = 5;

type Columns = ReturnType<typeof columnsOf>;

function columnsOf(header: string[]) {
  const at = columnIndex(header, "WeChat Pay trade bill");
  return {
    time: at.required("交易时间"),
    channelTradeNo: at.required("微信订单号"),
    outTradeNo: at.required("商户订单号"),
    state: at.required("交易状态"),
    currency: at.required("货币种类"),
    channelRefundNo: at.required("微信退款单号"),
    outRefundNo: at.required("商户退款单号"),
    refundState: at.required("退款状态"),
    fee: at.required("手续费"),
    orderAmount: at.required("订单金额", "总金额"),
    refundAmount: at.required("申请退款金额", "退款金额"),
    // summed for the totals check when present
    settled: at.optional("应结订单金额"),
    refunded: at.optional("退款金额"),
    voucherRefunded: at.optional("充值券退款金额"),
  };
}

/** What the rows add up to, compared with the totals line at the end. */
type Sums = { count: bigint; settled: bigint; refunded: bigint; voucherRefunded: bigint; fee: bigint; ordered: bigint; requested: bigint };

/** Totals columns (current and legacy names) and the sum each must equal; fees at 5 decimals. */
const TOTALS: { names: string[]; sum: keyof Sums; scale: number }[] = [
  { names: ["总交易单数"], sum: "count", scale: 0 },
  { names: ["应结订单总金额"], sum: "settled", scale: 2 },
  { names: ["退款总金额"], sum: "refunded", scale: 2 },
  { names: ["充值券退款总金额"], sum: "voucherRefunded", scale: 2 },
  { names: ["手续费总金额"], sum: "fee", scale: FEE_SCALE },
  { names: ["订单总金额"], sum: "ordered", scale: 2 },
  { names: ["申请退款总金额"], sum: "requested", scale: 2 },
];

function refundState(text: string, where: string): BillRow["state"] {
  switch (text) {
    case "":
    case "SUCCESS":
      return "SUCCEEDED";
    case "PROCESSING":
      return "PROCESSING";
    case "CLOSED":
    case "ABNORMAL":
    case "FAIL":
      return "FAILED";
    default:
      throw new BillFormatError(`${where}: unknown 退款状态 ${JSON.stringify(text)}`, "BILL_BAD_STATE");
  }
}

function currencyOf(text: string, where: string): BillRow["currency"] {
  if (text !== "CNY") throw new BillFormatError(`${where}: 货币种类 ${JSON.stringify(text)} is not CNY`, "BILL_BAD_CURRENCY");
  return text;
}

function cell(cells: string[], index: number, where: string): string {
  const value = cells[index];
  if (value === undefined) throw new BillFormatError(`${where}: ${cells.length} fields, fewer than the header's`, "BILL_BAD_LINE");
  return value;
}

function toRow(cells: string[], at: Columns, sums: Sums, where: string): BillRow {
  const get = (index: number) => cell(cells, index, where);
  const amountOf = (index: number) => (index < 0 ? 0n : yuanToFen(get(index), where));
  const exactFee = yuanToScaled(get(at.fee), FEE_SCALE, where);
  const ordered = amountOf(at.orderAmount);
  const requested = amountOf(at.refundAmount);
  sums.count += 1n;
  sums.settled += amountOf(at.settled);
  sums.refunded += amountOf(at.refunded);
  sums.voucherRefunded += amountOf(at.voucherRefunded);
  sums.fee += exactFee;
  sums.ordered += ordered;
  sums.requested += requested;

  const state = get(at.state);
  const common = {
    outTradeNo: get(at.outTradeNo),
    channelTradeNo: get(at.channelTradeNo),
    fee: scaledToFen(exactFee, FEE_SCALE),
    currency: currencyOf(get(at.currency), where),
    channelState: state,
    occurredAt: beijingTime(get(at.time), where),
  };
  switch (state) {
    case "SUCCESS":
      return { kind: "payment", ...common, amount: ordered, state: "SUCCEEDED" };
    case "REVOKED":
      return { kind: "payment", ...common, amount: ordered, state: "REVERSED" };
    case "REFUND":
      return {
        kind: "refund",
        ...common,
        outRefundNo: get(at.outRefundNo),
        channelRefundNo: get(at.channelRefundNo),
        amount: -requested,
        state: refundState(get(at.refundState), where),
      };
    default:
      throw new BillFormatError(`${where}: unknown 交易状态 ${JSON.stringify(state)}`, "BILL_BAD_STATE");
  }
}

function checkTotals(header: string[], cells: string[], sums: Sums): void {
  const at = columnIndex(header, "WeChat Pay trade bill totals");
  if (at.optional("总交易单数") < 0 || at.optional("手续费总金额") < 0) {
    throw new BillFormatError("the totals lack 总交易单数 or 手续费总金额", "BILL_BAD_TOTALS");
  }
  for (const total of TOTALS) {
    const index = at.optional(...total.names);
    if (index < 0) continue;
    const stated = yuanToScaled(cell(cells, index, "totals line"), total.scale, "totals line");
    if (stated !== sums[total.sum]) {
      throw new BillFormatError(`the bill's ${header[index]} is ${cells[index]} but its lines add up to ${sums[total.sum]} (scale ${total.scale})`, "BILL_TOTALS_MISMATCH");
    }
  }
}

const unticked = (value: string) => (value.startsWith("`") ? value.slice(1) : value);

/**
 * The rows of a trade bill, one by one, from its bytes (UTF-8). Throws BillFormatError on a malformed
 * line, on a file that ends before its totals (truncated), and when the totals disagree with the rows.
 */
export async function* readTradeBill(file: Readable | AsyncIterable<Buffer | string>): AsyncGenerator<BillRow> {
  const source = file instanceof Readable ? file : Readable.from(file);
  let totalsHeader: string[] | null = null;
  let totalsChecked = false;
  const sums: Sums = { count: 0n, settled: 0n, refunded: 0n, voucherRefunded: 0n, fee: 0n, ordered: 0n, requested: 0n };
  let line = 1;
  try {
    const { line: headerLine, rest } = await splitFirstLine(source);
    const header = headerLine?.split(",") ?? [];
    if (!header.some((name) => name !== "")) throw new BillFormatError("the trade bill is empty", "BILL_TRUNCATED");
    const columns = columnsOf(header);
    const parser = rest.pipe(parse({ delimiter: ",`", quote: false, relax_column_count: true, skip_empty_lines: true, max_record_size: 64_000 }));
    rest.once("error", (error) => parser.destroy(error));
    for await (const record of parser as AsyncIterable<string[]>) {
      line += 1;
      const where = `line ${line}`;
      if (totalsChecked) throw new BillFormatError(`${where}: text after the totals line`, "BILL_BAD_LINE");
      if (totalsHeader) {
        checkTotals(totalsHeader, [unticked(record[0]), ...record.slice(1)], sums);
        totalsChecked = true;
      } else if (record[0].startsWith(TOTALS_CAPTION)) {
        totalsHeader = record.join(",`").split(",");
      } else {
        if (!record[0].startsWith("`")) throw new BillFormatError(`${where}: a data line without its backticks`, "BILL_BAD_LINE");
        yield toRow([unticked(record[0]), ...record.slice(1)], columns, sums, where);
      }
    }
  } catch (error) {
    if (error instanceof BillFormatError) throw error;
    throw new BillFormatError(`the trade bill cannot be read: ${(error as Error).message}`, "BILL_UNREADABLE", { cause: error });
  } finally {
    source.destroy();
  }
  if (!totalsChecked) throw new BillFormatError(`the trade bill ends after ${line} lines without its totals: truncated`, "BILL_TRUNCATED");
}
