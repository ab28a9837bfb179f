import { decimalToMinor } from "@/server/domain/money";
import type { BillRow } from "../types";

/**
 * WeChat Pay's trade bill (交易账单, bill_type ALL): UTF-8 CSV with a BOM, a plain header line, one
 * line per payment or refund with every field prefixed by a backtick, then a totals caption and a
 * totals line. Amounts are yuan with 2 decimals, converted to fen on their digits.
 */

const TOTALS_CAPTION = "总交易单数";

function cellsOf(line: string): string[] {
  return line.slice(1).split(",`");
}

function beijingTime(text: string): Date {
  const date = new Date(`${text.replace(" ", "T")}+08:00`);
  if (Number.isNaN(date.getTime())) throw new Error(`bad 交易时间 ${text}`);
  return date;
}

export function parseTradeBill(file: string): BillRow[] {
  const lines = file.replace(/^\uFEFF/, "").split(/\r?\n/);
  const header = lines[0].split(",");
  const column = (name: string) => {
    const index = header.indexOf(name);
    if (index < 0) throw new Error(`trade bill lacks the column ${name}`);
    return index;
  };
  const at = {
    time: column("交易时间"),
    channelTradeNo: column("微信订单号"),
    outTradeNo: column("商户订单号"),
    state: column("交易状态"),
    outRefundNo: column("商户退款单号"),
    fee: column("手续费"),
    orderAmount: column("订单金额"),
    refundAmount: column("申请退款金额"),
  };
  const totalsAt = lines.findIndex((line) => line.startsWith(TOTALS_CAPTION));
  if (totalsAt < 1) throw new Error("trade bill has no totals: truncated?");
  const rows = lines.slice(1, totalsAt).map(cellsOf);
  const count = Number(cellsOf(lines[totalsAt + 1] ?? "`")[0]);
  if (count !== rows.length) throw new Error(`trade bill announces ${count} lines but holds ${rows.length}`);

  return rows.map((cells): BillRow => {
    const state = cells[at.state];
    const common = {
      outTradeNo: cells[at.outTradeNo],
      channelTradeNo: cells[at.channelTradeNo],
      fee: decimalToMinor(cells[at.fee]),
      currency: "CNY" as const,
      state: "SUCCEEDED" as const,
      channelState: state,
      occurredAt: beijingTime(cells[at.time]),
    };
    if (state === "SUCCESS") return { kind: "payment", ...common, amount: decimalToMinor(cells[at.orderAmount]) };
    if (state === "REFUND") {
      return { kind: "refund", ...common, outRefundNo: cells[at.outRefundNo], amount: -decimalToMinor(cells[at.refundAmount]) };
    }
    throw new Error(`unexpected 交易状态 ${state} in the trade bill`);
  });
}
