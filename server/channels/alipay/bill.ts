import { Readable } from "node:stream";
import { parse } from "csv-parse";
import { parse as parseSync } from "csv-parse/sync";
import iconv from "iconv-lite";
import { beijingTime, columnIndex, yuanToFen } from "../bill-text";
import { BillFormatError } from "../errors";
import type { BillRow } from "../types";
import { type ZipEntries, openZipEntries } from "./bill-zip";

/**
 * Alipay's trade bill (FIELD-NOTES A3): a zip of two GBK CSV files, `<pid>0156_<yyyymmdd>_业务明细.csv`
 * (one line per trade or refund) and `…_业务明细(汇总).csv` (per store and 合计). Both have `#`
 * preamble and footer lines; many cells carry a trailing tab (against Excel's scientific notation).
 * Columns are found by header name (full-width or ASCII parentheses alike).
 *
 * Rows: 业务类型 交易 → payment, 退款 → refund with 订单金额 negative as written, out_request_no from
 * 退款批次号/请求号 (empty: the refund was filed under the out_trade_no, as Alipay does without one).
 * 服务费 is written as the merchant's balance sees it — deducted with a payment (negative), given back
 * with a refund (positive) — so the journal's fee is its opposite. Alipay's files show 0.00 in the
 * public samples; this is the sandbox's documented convention (FIELD-NOTES leaves the sign open).
 * The rows must add up to both summaries: the footer of the detail (#交易合计 / #退款合计) and the
 * 合计 line of the 汇总 file; a mismatch or a missing part is a BillFormatError.
 */

const DETAIL_SUFFIX = "_业务明细.csv";
const SUMMARY_SUFFIX = "_业务明细(汇总).csv";
const MAX_SUMMARY_BYTES = 4 * 1024 * 1024;

type Sums = { payments: bigint; refunds: bigint; paymentReceived: bigint; refundReceived: bigint; ordered: bigint; received: bigint; serviceFee: bigint };

const cleaned = (value: string) => value.replace(/[\t ]+$/, "").replace(/^[\t ]+/, "");

/** The lines of a decoded file, `#` lines apart: the data as text for csv-parse, the comments kept for the footer. */
async function* dataLines(text: AsyncIterable<string>, comments: string[]): AsyncGenerator<string> {
  let partial = "";
  for await (const chunk of text) {
    const lines = (partial + chunk).split("\n");
    partial = lines.pop() ?? "";
    const data: string[] = [];
    for (const line of lines) {
      if (line.startsWith("#")) comments.push(line.replace(/\r$/, ""));
      else data.push(line);
    }
    if (data.length) yield `${data.join("\n")}\n`;
  }
  if (partial.startsWith("#")) comments.push(partial.replace(/\r$/, ""));
  else if (partial) yield partial;
}

/** The 汇总 file's 合计 line: what the detail must add up to. */
async function readSummary(entries: ZipEntries, name: string): Promise<Pick<Sums, "payments" | "refunds" | "ordered" | "received" | "serviceFee">> {
  const bytes = await entries.read(name, MAX_SUMMARY_BYTES);
  const lines = iconv.decode(bytes, "gbk").split("\n").filter((line) => !line.startsWith("#") && line.trim() !== "");
  let records: string[][];
  try {
    records = (parseSync(lines.join("\n"), { relax_column_count: true, relax_quotes: true }) as string[][]).map((record) => record.map(cleaned));
  } catch (error) {
    throw new BillFormatError(`the Alipay bill summary cannot be read: ${(error as Error).message}`, "BILL_UNREADABLE", { cause: error });
  }
  const [header, ...rows] = records;
  if (!header) throw new BillFormatError("the Alipay bill summary is empty", "BILL_TRUNCATED");
  const at = columnIndex(header, "Alipay bill summary");
  const columns = {
    store: at.required("门店编号"),
    payments: at.required("交易订单总笔数"),
    refunds: at.required("退款订单总笔数"),
    ordered: at.required("订单金额（元）"),
    received: at.required("商家实收（元）"),
    serviceFee: at.required("服务费（元）"),
  };
  const total = rows.find((row) => row[columns.store] === "合计");
  if (!total) throw new BillFormatError("the Alipay bill summary has no 合计 line: truncated?", "BILL_TRUNCATED");
  const count = (index: number) => {
    if (!/^\d+$/.test(total[index] ?? "")) throw new BillFormatError(`summary 合计: ${header[index]} ${JSON.stringify(total[index])} is not a count`, "BILL_BAD_TOTALS");
    return BigInt(total[index]);
  };
  const yuan = (index: number) => yuanToFen(total[index] ?? "", `summary 合计 ${header[index]}`);
  return {
    payments: count(columns.payments),
    refunds: count(columns.refunds),
    ordered: yuan(columns.ordered),
    received: yuan(columns.received),
    serviceFee: yuan(columns.serviceFee),
  };
}

/** `#交易合计：6笔，商家实收共0.06元，…` and `#退款合计：4笔，商家实收退款共-0.04元，…`: the detail's own footer. */
function checkFooter(comments: string[], sums: Sums): void {
  const footer = (label: string) => {
    const line = comments.find((comment) => comment.startsWith(`#${label}`));
    const match = line && /^#.+?[：:]\s*(\d+)笔[，,].*?共\s*(-?\d+(?:\.\d+)?)元/.exec(line);
    if (!match) throw new BillFormatError(`the Alipay bill's detail lacks its #${label} footer: truncated?`, "BILL_TRUNCATED");
    return { count: BigInt(match[1]), received: yuanToFen(match[2], `#${label}`) };
  };
  const trades = footer("交易合计");
  const refunds = footer("退款合计");
  if (trades.count !== sums.payments || trades.received !== sums.paymentReceived || refunds.count !== sums.refunds || refunds.received !== sums.refundReceived) {
    throw new BillFormatError(
      `the detail's footer (${trades.count} trades ${trades.received}, ${refunds.count} refunds ${refunds.received}) disagrees with its lines (${sums.payments} ${sums.paymentReceived}, ${sums.refunds} ${sums.refundReceived})`,
      "BILL_TOTALS_MISMATCH",
    );
  }
}

function checkSummary(summary: Awaited<ReturnType<typeof readSummary>>, sums: Sums): void {
  for (const key of ["payments", "refunds", "ordered", "received", "serviceFee"] as const) {
    if (summary[key] !== sums[key]) {
      throw new BillFormatError(`the summary's 合计 ${key} is ${summary[key]} but the detail adds up to ${sums[key]}`, "BILL_TOTALS_MISMATCH");
    }
  }
}

function columnsOf(header: string[]) {
  const at = columnIndex(header, "Alipay bill detail");
  return {
    channelTradeNo: at.required("支付宝交易号"),
    outTradeNo: at.required("商户订单号"),
    type: at.required("业务类型"),
    finishedAt: at.required("完成时间"),
    ordered: at.required("订单金额（元）"),
    received: at.required("商家实收（元）"),
    outRequestNo: at.required("退款批次号/请求号"),
    serviceFee: at.required("服务费（元）"),
  };
}

function toRow(cells: string[], at: ReturnType<typeof columnsOf>, sums: Sums, where: string): BillRow {
  const get = (index: number) => {
    const value = cells[index];
    if (value === undefined) throw new BillFormatError(`${where}: ${cells.length} fields, fewer than the header's`, "BILL_BAD_LINE");
    return value;
  };
  const type = get(at.type);
  const amount = yuanToFen(get(at.ordered), where);
  const received = yuanToFen(get(at.received), where);
  const serviceFee = yuanToFen(get(at.serviceFee), where);
  sums.ordered += amount;
  sums.received += received;
  sums.serviceFee += serviceFee;
  const common = {
    outTradeNo: get(at.outTradeNo),
    channelTradeNo: get(at.channelTradeNo),
    amount,
    fee: -serviceFee,
    currency: "CNY" as const,
    state: "SUCCEEDED" as const,
    channelState: type,
    occurredAt: beijingTime(get(at.finishedAt), where),
  };
  if (!common.outTradeNo) throw new BillFormatError(`${where}: no 商户订单号`, "BILL_BAD_LINE");
  switch (type) {
    case "交易":
      if (amount < 0n) throw new BillFormatError(`${where}: a 交易 with a negative amount`, "BILL_BAD_AMOUNT");
      sums.payments += 1n;
      sums.paymentReceived += received;
      return { kind: "payment", ...common };
    case "退款":
      if (amount > 0n) throw new BillFormatError(`${where}: a 退款 with a positive amount`, "BILL_BAD_AMOUNT");
      sums.refunds += 1n;
      sums.refundReceived += received;
      return { kind: "refund", ...common, outRefundNo: get(at.outRequestNo) || common.outTradeNo };
    default:
      throw new BillFormatError(`${where}: unknown 业务类型 ${JSON.stringify(type)}`, "BILL_BAD_STATE");
  }
}

async function* detailRows(detail: Readable, summary: Awaited<ReturnType<typeof readSummary>>): AsyncGenerator<BillRow> {
  const decoded = detail.pipe(iconv.decodeStream("gbk")) as unknown as Readable;
  detail.once("error", (error) => decoded.destroy(error));
  const comments: string[] = [];
  const text = Readable.from(dataLines(decoded as AsyncIterable<string>, comments));
  const parser = text.pipe(parse({ relax_column_count: true, relax_quotes: true, skip_empty_lines: true, max_record_size: 64_000 }));
  text.once("error", (error) => parser.destroy(error));
  const sums: Sums = { payments: 0n, refunds: 0n, paymentReceived: 0n, refundReceived: 0n, ordered: 0n, received: 0n, serviceFee: 0n };
  let columns: ReturnType<typeof columnsOf> | null = null;
  let line = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      line += 1;
      const cells = record.map(cleaned);
      if (!columns) columns = columnsOf(cells);
      else yield toRow(cells, columns, sums, `detail line ${line}`);
    }
  } finally {
    detail.destroy();
  }
  if (!columns) throw new BillFormatError("the Alipay bill's detail has no header", "BILL_TRUNCATED");
  checkFooter(comments, sums);
  checkSummary(summary, sums);
}

/**
 * The rows of an Alipay trade bill zip (a file on disk: a zip is read from its central directory),
 * one by one. Throws BillFormatError when a file is missing or malformed or the sums disagree.
 */
export async function* readAlipayBill(zipPath: string): AsyncGenerator<BillRow> {
  let entries: ZipEntries | null = null;
  try {
    entries = await openZipEntries(zipPath);
    const names = entries.names();
    const detailName = names.find((name) => name.endsWith(DETAIL_SUFFIX));
    const summaryName = names.find((name) => name.endsWith(SUMMARY_SUFFIX));
    if (!detailName || !summaryName) {
      throw new BillFormatError(`the Alipay bill zip holds ${JSON.stringify(names)}, not a detail and a summary`, "BILL_TRUNCATED");
    }
    const summary = await readSummary(entries, summaryName);
    yield* detailRows(await entries.stream(detailName), summary);
  } catch (error) {
    if (error instanceof BillFormatError) throw error;
    throw new BillFormatError(`the Alipay bill cannot be read: ${(error as Error).message}`, "BILL_UNREADABLE", { cause: error });
  } finally {
    entries?.close();
  }
}
