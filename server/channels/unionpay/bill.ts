import iconv from "iconv-lite";
import { BillFormatError } from "../errors";
import type { BillRow } from "../types";
import { fromOrderId } from "./transformers";

/**
 * The ZM file of UnionPay's daily file (商户一般交易明细流水文件, INN<yyMMdd>88ZM_<merId>): one
 * transaction per line, fixed-width fields separated by one space, in GBK. Widths are in BYTES of
 * GBK (二级商户简称 holds Chinese): lines are cut as bytes, then each field decoded. 42 fields;
 * newer files append more (46): what follows field 41 is not read. A line whose trailing blanks were
 * trimmed (as some writers do, and as the DaxPay parser's substring then fails on) is read as if
 * padded. 交易代码 S22 is a consume, S30 a refund (退货), S31 an undo (消费撤销).
 */

/** Byte widths of the 42 fields, in order (the file interface specification's ZM table). */
export const ZM_WIDTHS = [
  3, 11, 11, 6, 10, 19, 12, 4, 2, 21, 2, 32, 2, 6, 10, 13, 13, 4, 15, 2, 2, 6, 2, 4, 32, 1, 21, 15, 1, 15, 32, 13, 13, 8, 32, 13, 13, 12, 2, 1, 32, 99,
] as const;

/** Field positions (0-based) this parser reads. */
const F = { code: 0, traceTime: 4, amount: 6, queryId: 9, orderId: 11, fee: 15, settleAmt: 16, txnType: 19, origQryId: 26, merId: 27, origOrderId: 40 } as const;

/** Splits one line (bytes, without its line end) into trimmed fields. */
export function zmFields(line: Buffer): string[] {
  const fields: string[] = [];
  let at = 0;
  for (const width of ZM_WIDTHS) {
    const bytes = at < line.length ? line.subarray(at, Math.min(at + width, line.length)) : Buffer.alloc(0);
    fields.push(iconv.decode(bytes, "gbk").trim());
    at += width + 1;
  }
  return fields;
}

/**
 * MMDDhhmmss (Beijing) with the year of the bill's settlement date: a December transmission time on a
 * January settlement date is of the year before (and a January one on a December date, the year after).
 */
export function zmTime(mmddhhmmss: string, settleDate: string, where: string): Date {
  const m = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(mmddhhmmss);
  const settle = /^(\d{4})-(\d{2})-\d{2}$/.exec(settleDate);
  if (!m || !settle) throw new BillFormatError(`${where}: ${JSON.stringify(mmddhhmmss)} is not MMDDhhmmss`, "BILL_BAD_LINE");
  let year = Number(settle[1]);
  const settleMonth = Number(settle[2]);
  const month = Number(m[1]);
  if (month === 12 && settleMonth === 1) year -= 1;
  else if (month === 1 && settleMonth === 12) year += 1;
  const date = new Date(`${year}-${m[1]}-${m[2]}T${m[3]}:${m[4]}:${m[5]}+08:00`);
  // an impossible day (0231) is NaN here or rolls into the next month: refused either way
  const beijing = new Date(date.getTime() + 8 * 3600_000);
  if (Number.isNaN(date.getTime()) || beijing.getUTCMonth() + 1 !== month || beijing.getUTCDate() !== Number(m[2])) {
    throw new BillFormatError(`${where}: ${mmddhhmmss} is not a date`, "BILL_BAD_LINE");
  }
  return date;
}

function fen(text: string, where: string): bigint {
  if (!/^\d{1,12}$/.test(text)) throw new BillFormatError(`${where}: amount ${JSON.stringify(text)} is not fen`, "BILL_BAD_LINE");
  return BigInt(text);
}

/** X+n12: C (credit to the merchant) or D (debit) and 12 digits of fen; blank is zero. */
function signedFen(text: string, where: string): bigint {
  if (text === "") return 0n;
  const m = /^([CD])(\d{12})$/.exec(text);
  if (!m) throw new BillFormatError(`${where}: ${JSON.stringify(text)} is not C/D and 12 digits`, "BILL_BAD_LINE");
  return m[1] === "C" ? BigInt(m[2]) : -BigInt(m[2]);
}

/**
 * One ZM line as a BillRow (the journal's signs: a payment +, its fee +; a refund −, its returned
 * fee −). The fee in the file is the merchant's side (D: the merchant pays), hence the sign flip.
 */
export function zmRow(line: Buffer, settleDate: string, lineNo: number, merId: string): BillRow {
  const where = `ZM line ${lineNo}`;
  const f = zmFields(line);
  if (f[F.merId] !== merId) throw new BillFormatError(`${where}: merchant ${f[F.merId]} is not ${merId}`, "BILL_BAD_LINE");
  const amount = fen(f[F.amount], where);
  const fee = -signedFen(f[F.fee], where);
  const settleAmt = signedFen(f[F.settleAmt], where);
  const occurredAt = zmTime(f[F.traceTime], settleDate, where);
  const code = f[F.code];
  if (code === "S22") {
    // 结算金额 = 交易金额 − 手续费, credited
    if (settleAmt !== amount - fee) throw new BillFormatError(`${where}: settlement ${settleAmt} is not amount ${amount} less fee ${fee}`, "BILL_BAD_LINE");
    return { kind: "payment", outTradeNo: fromOrderId(f[F.orderId]), channelTradeNo: f[F.queryId], amount, fee, currency: "CNY", state: "SUCCEEDED", channelState: code, occurredAt };
  }
  if (code === "S30" || code === "S31") {
    if (!f[F.origOrderId] || !f[F.origQryId]) throw new BillFormatError(`${where}: a refund without its original order`, "BILL_BAD_LINE");
    if (settleAmt !== -(amount + fee)) throw new BillFormatError(`${where}: settlement ${settleAmt} is not −(amount ${amount} less returned fee ${-fee})`, "BILL_BAD_LINE");
    return {
      kind: "refund",
      outTradeNo: fromOrderId(f[F.origOrderId]),
      outRefundNo: f[F.orderId],
      channelTradeNo: f[F.origQryId],
      channelRefundNo: f[F.queryId],
      amount: -amount,
      fee,
      currency: "CNY",
      state: "SUCCEEDED",
      channelState: code,
      occurredAt,
    };
  }
  throw new BillFormatError(`${where}: unknown transaction code ${JSON.stringify(code)}`, "BILL_BAD_LINE");
}

/** Lines of a byte stream, as Buffers without \r\n (a GBK byte never equals \n: lines split safely on bytes). */
export async function* byteLines(source: AsyncIterable<Buffer> | Iterable<Buffer>): AsyncGenerator<Buffer> {
  let rest = Buffer.alloc(0);
  for await (const chunk of source) {
    let data = rest.length ? Buffer.concat([rest, chunk]) : chunk;
    let nl = data.indexOf(0x0a);
    while (nl >= 0) {
      const end = nl > 0 && data[nl - 1] === 0x0d ? nl - 1 : nl;
      yield data.subarray(0, end);
      data = data.subarray(nl + 1);
      nl = data.indexOf(0x0a);
    }
    rest = Buffer.from(data);
  }
  if (rest.length) yield rest[rest.length - 1] === 0x0d ? rest.subarray(0, -1) : rest;
}

export type ZmTotals = { payments: number; paymentAmount: bigint; refunds: number; refundAmount: bigint };

/** The rows of a ZM file, blank lines skipped; `totals` adds up what was read (for the summary's cross-check). */
export async function* readZm(source: AsyncIterable<Buffer> | Iterable<Buffer>, settleDate: string, merId: string, totals: ZmTotals): AsyncGenerator<BillRow> {
  let lineNo = 0;
  for await (const line of byteLines(source)) {
    lineNo += 1;
    if (line.toString("latin1").trim() === "") continue;
    const row = zmRow(line, settleDate, lineNo, merId);
    if (row.kind === "payment") {
      totals.payments += 1;
      totals.paymentAmount += row.amount;
    } else {
      totals.refunds += 1;
      totals.refundAmount -= row.amount;
    }
    yield row;
  }
}
